import type { CommandInput, CommandModule } from '../cli/spec.js';
import { terminalPrompter } from '../adapters/ui/prompts.js';

type Entry = 'drill' | 'quiz' | 'list' | 'history' | 'status' | 'quit';

const entries: ReadonlyArray<{ name: string; value: Entry; description: string; load: () => Promise<CommandModule> }> = [
  { name: 'Drill tasks', value: 'drill', description: 'Set up a task on the cluster, solve it with kubectl, grade it', load: () => import('./drill.js') },
  { name: 'Knowledge quiz', value: 'quiz', description: 'Multiple-choice questions with explanations (no cluster needed)', load: () => import('./quiz.js') },
  { name: 'List tasks', value: 'list', description: 'The catalogue by CKA domain', load: () => import('./tasks/list.js') },
  { name: 'History', value: 'history', description: 'Past drills and quizzes, per-domain trend, weakest checks', load: () => import('./history.js') },
  { name: 'Cluster status', value: 'status', description: 'The practice cluster in use', load: () => import('./cluster/status.js') },
  { name: 'Quit', value: 'quit', description: '', load: () => Promise.resolve({ run: () => Promise.resolve() }) },
];

/** `cka-lab` alone in a terminal: pick what to do. */
export async function run(input: CommandInput): Promise<void> {
  const choice = await terminalPrompter.choose('cka-lab — what do you want to practise?', entries.map(({ name, value, description }) => ({ name, value, ...(description === '' ? {} : { description }) })));
  const entry = entries.find((e) => e.value === choice);
  if (entry === undefined || choice === 'quit') return;
  const module = await entry.load();
  await module.run({ args: [], options: { output: 'text', count: '10' }, io: input.io });
}
