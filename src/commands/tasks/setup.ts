import type { CommandInput } from '../../cli/spec.js';
import { withProgress } from '../../adapters/ui/progress.js';
import { renderTask } from '../../services/tasks/environment.js';
import { requirePracticeCluster, setupTask } from '../../services/tasks/setup.js';
import { booleanOption } from '../context.js';
import { environmentFor, taskFromArgs } from './shared.js';

export async function run({ args, options, io }: CommandInput): Promise<void> {
  const task = await taskFromArgs(args);
  const environment = await environmentFor(options, io);
  requirePracticeCluster(environment, booleanOption(options, 'allow-cluster'), 'set up a task');
  const rendered = renderTask(task, environment.values);
  const started = Date.now();
  await withProgress(io, `Setting up ${task.id} on ${environment.profile.contextName}`, `Setup of ${task.id} failed`,
    (progress) => setupTask(environment, rendered, progress),
    () => `${task.id} is set up (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  io.stdout.write(`\n${rendered.prompt.trimEnd()}\n\n${io.style.dim(`When done: cka-lab grade ${task.id}`)}\n`);
}
