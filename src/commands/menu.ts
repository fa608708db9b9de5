import type { CommandInput, CommandModule, ParsedOptions } from '../cli/spec.js';
import { readCurrentExam } from '../adapters/store/exam.js';
import type { ExitCode } from '../core/errors.js';
import { terminalPrompter } from '../adapters/ui/prompts.js';
import { formatClock, remainingMs } from '../core/exam/session.js';
import { labPaths } from './context.js';

type Entry = 'exam' | 'resume' | 'drill' | 'quiz' | 'list' | 'history' | 'status' | 'quit';

interface MenuEntry {
  readonly name: string;
  readonly value: Entry;
  readonly description: string;
  readonly options: ParsedOptions;
  readonly load: () => Promise<CommandModule>;
}

const entries: readonly MenuEntry[] = [
  { name: 'Mock exam', value: 'exam', description: '~17 weighted tasks, 2 hours, scored against the 66% pass mark', options: {}, load: () => import('./exam.js') },
  { name: 'Drill tasks', value: 'drill', description: 'Set up a task on the cluster, solve it with kubectl, grade it', options: {}, load: () => import('./drill.js') },
  { name: 'Knowledge quiz', value: 'quiz', description: 'Multiple-choice questions with explanations (no cluster needed)', options: { count: '10' }, load: () => import('./quiz.js') },
  { name: 'List tasks', value: 'list', description: 'The catalogue by CKA domain', options: { output: 'text' }, load: () => import('./tasks/list.js') },
  { name: 'History', value: 'history', description: 'Past exams, drills and quizzes, per-domain trend, weakest checks', options: { output: 'text' }, load: () => import('./history.js') },
  { name: 'Cluster status', value: 'status', description: 'The practice cluster in use', options: { output: 'text' }, load: () => import('./cluster/status.js') },
  { name: 'Quit', value: 'quit', description: '', options: {}, load: () => Promise.resolve({ run: () => Promise.resolve() }) },
];

/** `cka-lab` alone in a terminal: pick what to do; an exam in progress comes first. */
export async function run(input: CommandInput): Promise<ExitCode | void> {
  const stored = await readCurrentExam(labPaths(input.io).stateDir);
  const resume: MenuEntry[] = stored.kind === 'exam'
    ? [{ name: `Resume the exam in progress (${stored.state.phase === 'setting-up' ? 'being set up' : `${formatClock(remainingMs(stored.state, Date.now()))} left`})`, value: 'resume', description: `Exam ${stored.state.code}`, options: { resume: true }, load: () => import('./exam.js') }]
    : [];
  const shown = [...resume, ...entries];
  const choice = await terminalPrompter.choose('cka-lab — what do you want to practise?', shown.map(({ name, value, description }) => ({ name, value, ...(description === '' ? {} : { description }) })));
  const entry = shown.find((e) => e.value === choice);
  if (entry === undefined || choice === 'quit') return;
  const module = await entry.load();
  return module.run({ args: [], options: entry.options, io: input.io });
}
