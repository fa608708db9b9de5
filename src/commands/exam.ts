import type { CommandInput } from '../cli/spec.js';
import type { Io } from '../adapters/ui/io.js';
import { readCurrentExam, saveCurrentExam, setAsideCurrentExam } from '../adapters/store/exam.js';
import { terminalPrompter } from '../adapters/ui/prompts.js';
import { ExitCode, UsageError } from '../core/errors.js';
import { catalogueMark, formatExamCode, parseExamCode } from '../core/exam/code.js';
import { drawExam } from '../core/exam/draw.js';
import { formatClock, remainingMs, type ExamState, type ExamTarget } from '../core/exam/session.js';
import { freshSeed } from '../core/random.js';
import { capabilityNames } from '../core/profile.js';
import { domainTitles } from '../core/tasks/model.js';
import type { Catalogue } from '../core/tasks/catalogue.js';
import type { TaskEnvironment } from '../services/tasks/environment.js';
import { booleanOption, clusterTarget, labPaths, stringOption, wholeNumberOption } from './context.js';
import { environmentForTarget } from './tasks/shared.js';

function howToConnect(target: ExamTarget): string {
  if (target.source === 'embedded') return `Work in another terminal: eval "$(cka-lab cluster env)" then kubectl ... (context ${target.contextName})`;
  return `Work in another terminal: export KUBECONFIG=${target.kubeconfigPaths.join(':')}; kubectl config use-context ${target.contextName}`;
}

async function confirmCleanup(): Promise<boolean> {
  return terminalPrompter.choose('Remove the exam\'s tasks from the cluster now?', [
    { name: 'Yes, reset every exam task and restore the nodes', value: true },
    { name: "No, keep them to look at (later: cka-lab reset <task>)", value: false },
  ]);
}

async function runWith(state: ExamState, environment: TaskEnvironment, catalogue: Catalogue, io: Io): Promise<ExitCode> {
  const { runExam } = await import('../services/exam/run.js');
  const outcome = await runExam(state, {
    io, stateDir: labPaths(io).stateDir, environment, catalogue, howToConnect: howToConnect(state.target), confirmCleanup,
  });
  if (outcome === 'paused') return ExitCode.ok;
  return outcome.passed ? ExitCode.ok : ExitCode.failed;
}

async function resume(io: Io): Promise<ExitCode> {
  const stateDir = labPaths(io).stateDir;
  const stored = await readCurrentExam(stateDir);
  if (stored.kind === 'none') throw new UsageError('There is no exam in progress to resume.', { hint: 'Start one with: cka-lab exam' });
  if (stored.kind === 'unreadable') {
    const aside = await setAsideCurrentExam(stateDir, 'unreadable');
    throw new UsageError(`The saved exam could not be read (${stored.reason}); it was moved to ${aside}.`, { hint: 'Start a new exam with: cka-lab exam' });
  }
  const state = stored.state;
  const environment = await environmentForTarget(state.target, io);
  const left = remainingMs(state, Date.now());
  const where = state.phase === 'setting-up' ? 'finishing its setup first' : left > 0 ? `${formatClock(left)} left (the clock kept running while you were away)` : 'its time ran out while you were away: grading it now';
  io.stdout.write(`${io.style.bold(`Resuming exam ${state.code}`)}: ${where}.\n`);
  const { loadCatalogue } = await import('../services/tasks/catalogue.js');
  return runWith(state, environment, await loadCatalogue(), io);
}

async function abandon(io: Io): Promise<ExitCode> {
  const stateDir = labPaths(io).stateDir;
  const stored = await readCurrentExam(stateDir);
  if (stored.kind === 'none') throw new UsageError('There is no exam in progress to abandon.');
  const aside = await setAsideCurrentExam(stateDir, 'abandoned');
  io.stdout.write(`The exam was abandoned and kept as ${aside}.\nIts tasks are still on the cluster: cka-lab reset <task> removes one.\n`);
  return ExitCode.ok;
}

export async function run({ options, io }: CommandInput): Promise<ExitCode> {
  const resuming = booleanOption(options, 'resume');
  if (resuming && booleanOption(options, 'abandon')) throw new UsageError('Give either --resume or --abandon, not both.');
  if (booleanOption(options, 'abandon')) return abandon(io);
  if (!io.interactive) {
    throw new UsageError('cka-lab exam is interactive and needs a terminal; stdin or stdout is not one here (or --no-interactive was given).', {
      hint: 'For a group session without a terminal: cka-lab exam sheet <code> prints the tasks, and cka-lab grade --exam <code> grades them.',
    });
  }
  if (resuming) return resume(io);

  const codeText = stringOption(options, 'code');
  const seedFlag = wholeNumberOption(options, 'seed', 0xffffffff);
  const countFlag = wholeNumberOption(options, 'count', 63);
  const duration = wholeNumberOption(options, 'duration', 24 * 60) ?? 120;
  if (codeText !== undefined && (seedFlag !== undefined || countFlag !== undefined)) throw new UsageError('An exam code already fixes the seed and the count: give --code alone, or --seed and --count.');

  const stateDir = labPaths(io).stateDir;
  const stored = await readCurrentExam(stateDir);
  if (stored.kind === 'exam') {
    const left = remainingMs(stored.state, Date.now());
    throw new UsageError(`An exam is already in progress (${stored.state.code}, ${stored.state.phase === 'setting-up' ? 'still being set up' : `${formatClock(left)} left`}).`, {
      hint: 'Continue it with cka-lab exam --resume, or give it up with cka-lab exam --abandon.',
    });
  }
  if (stored.kind === 'unreadable') {
    const aside = await setAsideCurrentExam(stateDir, 'unreadable');
    io.stderr.write(`${io.errStyle.yellow('warning:')} a saved exam could not be read (${stored.reason}); it was moved to ${aside}.\n`);
  }

  const { loadCatalogue } = await import('../services/tasks/catalogue.js');
  const { requirePracticeCluster } = await import('../services/tasks/setup.js');
  const catalogue = await loadCatalogue();
  const target = clusterTarget(options, io);
  const environment = await environmentForTarget(target, io);
  requirePracticeCluster(environment, booleanOption(options, 'allow-cluster'), 'set up an exam');
  const have = environment.profile.capabilities;
  const mark = catalogueMark(catalogue.tasks);

  const code = codeText === undefined ? undefined : parseExamCode(codeText);
  if (code !== undefined) {
    const lacking = capabilityNames.filter((c) => code.capabilities[c] && !have[c]);
    if (lacking.length > 0) {
      throw new UsageError(`Exam ${codeText} was drawn for a cluster with ${lacking.join(', ')}, which the ${environment.profile.engine} cluster lacks; some of its tasks cannot run here.`, {
        hint: 'Use a cluster of the kind the code was made on (cka-lab cluster up --engine kind has real kubelets), or draw a new exam here.',
      });
    }
    if (code.catalogueMark !== mark) io.stderr.write(`${io.errStyle.yellow('warning:')} exam ${codeText} was drawn from another version of the task catalogue; its tasks may differ from the other participants'.\n`);
  }
  const seed = code?.seed ?? seedFlag ?? freshSeed();
  const count = code?.count ?? countFlag ?? 17;
  const capabilities = code?.capabilities ?? have;
  const draw = drawExam(catalogue.tasks, { count, seed, capabilities });
  if (draw.tasks.length === 0) throw new UsageError('No task of the catalogue can run on this cluster, so there is no exam to draw.');
  const examCode = formatExamCode({ seed, count, capabilities, catalogueMark: mark });

  const s = io.style;
  io.stdout.write(`${s.bold(`Mock exam ${examCode}`)}: ${draw.tasks.length} tasks, ${duration} minutes, pass mark 66%, on context ${environment.profile.contextName}.\n`);
  io.stdout.write(s.dim(`Share it: anyone can take the same exam with cka-lab exam --code ${examCode}\n`));
  for (const d of draw.domains.filter((x) => x.drawn > 0)) io.stdout.write(`  ${domainTitles[d.domain]}: ${d.drawn} task(s) ${s.dim(`(curriculum ${d.curriculumWeight}%)`)}\n`);
  for (const note of draw.notes) io.stdout.write(`${s.yellow('note:')} ${note}\n`);
  io.stdout.write(s.dim('\nEvery task is set up first; the clock starts once they all are. Ctrl-C or [q] at any time keeps the exam: cka-lab exam --resume continues it.\n\n'));
  const start = await terminalPrompter.choose('Ready?', [{ name: 'Start the exam', value: true }, { name: 'Not now', value: false }]);
  if (!start) return ExitCode.ok;

  const { newExamState } = await import('../services/exam/run.js');
  const state = newExamState(draw, {
    id: `exam-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    code: examCode,
    seed,
    durationMinutes: duration,
    target: { kubeconfigPaths: target.kubeconfigPaths, context: target.context ?? environment.profile.contextName, source: target.source, contextName: environment.profile.contextName },
  });
  await saveCurrentExam(stateDir, state);
  return runWith(state, environment, catalogue, io);
}
