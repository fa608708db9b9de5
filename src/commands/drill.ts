import { readFile } from 'node:fs/promises';
import type { CommandInput } from '../cli/spec.js';
import { terminalPrompter, type Choice } from '../adapters/ui/prompts.js';
import { withProgress } from '../adapters/ui/progress.js';
import { readHistory, recordHistory } from '../adapters/store/history.js';
import { historyStats, weakestTasks, type HistoryEntry } from '../core/history.js';
import { UsageError } from '../core/errors.js';
import { formatGrade } from '../core/format/grade.js';
import { freshSeed, seededRandom, shuffled } from '../core/random.js';
import { tasksMatching } from '../core/tasks/select.js';
import { domainTitles, type Task } from '../core/tasks/model.js';
import { renderSolution } from '../core/tasks/template.js';
import { loadCatalogue, solutionPath } from '../services/tasks/catalogue.js';
import { renderTask, type TaskEnvironment } from '../services/tasks/environment.js';
import { gradeTask } from '../services/tasks/grade.js';
import { resetTask } from '../services/tasks/reset.js';
import { requirePracticeCluster, setupTask } from '../services/tasks/setup.js';
import { booleanOption, labPaths } from './context.js';
import { environmentFor } from './tasks/shared.js';

type Action = 'grade' | 'hint' | 'solution' | 'reset' | 'next' | 'quit';

async function pickTasks(args: readonly string[], weakest: boolean, stateDir: string): Promise<Task[]> {
  const catalogue = await loadCatalogue();
  if (weakest) {
    const { entries } = await readHistory(stateDir);
    const ids = weakestTasks(historyStats(entries as unknown as HistoryEntry[]), catalogue.tasks.map((t) => t.id));
    if (ids.length === 0) throw new UsageError('There is no failed check in your history yet, so there is nothing to pick the weakest from.', { hint: 'Drill a domain first: cka-lab drill <domain>' });
    return ids.map((id) => catalogue.tasks.find((t) => t.id === id)).filter((t): t is Task => t !== undefined);
  }
  const what = args[0];
  if (what !== undefined) return tasksMatching(catalogue, what).tasks;
  const domains = [...new Set(catalogue.tasks.map((t) => t.domain))];
  const domain = await terminalPrompter.choose('Which domain do you want to drill?', domains.map((d) => ({ name: `${domainTitles[d]} (${catalogue.tasks.filter((t) => t.domain === d).length} tasks)`, value: d })));
  return catalogue.tasks.filter((t) => t.domain === domain);
}

async function drillOne(task: Task, environment: TaskEnvironment, io: CommandInput['io']): Promise<'next' | 'quit'> {
  const s = io.style;
  const rendered = renderTask(task, environment.values);
  await withProgress(io, `Setting up ${task.id}`, `Setup of ${task.id} failed`, (progress) => setupTask(environment, rendered, progress), () => `${task.id} is ready`);
  io.stdout.write(`\n${s.bold(task.title)} ${s.dim(`(${task.id} · ${task.difficulty} · about ${task.minutes} min)`)}\n\n${rendered.prompt.trimEnd()}\n\n`);
  io.stdout.write(s.dim(`Work in another terminal: eval "$(cka-lab cluster env)" then kubectl ... Come back here to grade.\n\n`));
  let hints = 0;
  const started = Date.now();
  for (;;) {
    const choices: Array<Choice<Action>> = [
      { name: 'Grade my work', value: 'grade' },
      ...(hints < task.hints.length ? [{ name: `Show a hint (${task.hints.length - hints} left)`, value: 'hint' as const }] : []),
      { name: 'Show the solution', value: 'solution' },
      { name: 'Reset the task and start over', value: 'reset' },
      { name: 'Next task', value: 'next' },
      { name: 'Quit', value: 'quit' },
    ];
    const action = await terminalPrompter.choose(`${task.id}: what next?`, choices);
    if (action === 'grade') {
      const report = await gradeTask(environment, rendered);
      io.stdout.write(`\n${formatGrade(report, s)}\n`);
      await recordHistory(labPaths(io).stateDir, 'drill', {
        task: task.id, domain: task.domain, score: report.score, maxScore: report.maxScore, passed: report.passed,
        failedChecks: report.checks.filter((c) => !c.passed).map((c) => c.id), seconds: Math.round((Date.now() - started) / 1000),
      });
    } else if (action === 'hint') {
      io.stdout.write(`\n${s.yellow('hint:')} ${task.hints[hints] ?? ''}\n\n`);
      hints++;
    } else if (action === 'solution') {
      const script = await readFile(solutionPath(task.id), 'utf8');
      io.stdout.write(`\n${renderSolution(script, environment.values)}\n\n`);
    } else if (action === 'reset') {
      await withProgress(io, `Resetting ${task.id}`, 'Reset failed', (progress) => resetTask(environment, rendered, progress), () => `${task.id} is reset`);
      await withProgress(io, `Setting up ${task.id} again`, 'Setup failed', (progress) => setupTask(environment, rendered, progress), () => `${task.id} is ready again`);
    } else {
      return action;
    }
  }
}

export async function run({ args, options, io }: CommandInput): Promise<void> {
  if (!io.interactive) {
    throw new UsageError('cka-lab drill is interactive and needs a terminal; stdin or stdout is not one here.', {
      hint: 'Without a terminal, do the same in steps: cka-lab setup <task>, solve it, cka-lab grade <task> -o json, cka-lab reset <task>.',
    });
  }
  const weakest = booleanOption(options, 'weakest');
  if (weakest && args.length > 0) throw new UsageError('Give either --weakest or a domain/topic/task, not both.');
  const tasks = await pickTasks(args, weakest, labPaths(io).stateDir);
  const environment = await environmentFor(options, io);
  requirePracticeCluster(environment, booleanOption(options, 'allow-cluster'), 'set up drill tasks');
  const doable = tasks.filter((t) => t.requires.every((c) => environment.profile.capabilities[c]));
  if (doable.length === 0) {
    throw new UsageError(`None of those tasks can run on the ${environment.profile.engine} cluster: they need ${[...new Set(tasks.flatMap((t) => t.requires))].join(', ')}.`, { hint: 'Try kind or minikube: cka-lab cluster up --engine kind' });
  }
  // The weakest come in order of failures; any other selection in a fresh random order.
  for (const task of weakest ? doable : shuffled(doable, seededRandom(freshSeed()))) {
    if ((await drillOne(task, environment, io)) === 'quit') return;
  }
  io.stdout.write(`${io.style.green('That was the last task of this drill.')}\n`);
}
