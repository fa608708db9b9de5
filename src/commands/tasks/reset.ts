import type { CommandInput } from '../../cli/spec.js';
import { withProgress } from '../../adapters/ui/progress.js';
import { renderTask } from '../../services/tasks/environment.js';
import { resetTask } from '../../services/tasks/reset.js';
import { requirePracticeCluster } from '../../services/tasks/setup.js';
import { booleanOption } from '../context.js';
import { environmentFor, taskFromArgs } from './shared.js';

export async function run({ args, options, io }: CommandInput): Promise<void> {
  const task = await taskFromArgs(args);
  const environment = await environmentFor(options, io);
  requirePracticeCluster(environment, booleanOption(options, 'allow-cluster'), 'reset a task');
  await withProgress(io, `Resetting ${task.id}`, `Reset of ${task.id} failed`,
    (progress) => resetTask(environment, renderTask(task, environment.values), progress),
    (summary) => {
      const parts = [
    summary.namespaces.length > 0 ? `deleted namespace(s) ${summary.namespaces.join(', ')}` : '',
    summary.objects.length > 0 ? `deleted ${summary.objects.join(', ')}` : '',
    summary.nodes.length > 0 ? `restored node(s) ${summary.nodes.join(', ')}` : '',
    summary.files.length > 0 ? `removed ${summary.files.join(', ')}` : '',
      ].filter((p) => p !== '');
      return `${task.id} is reset${parts.length === 0 ? ' (nothing to remove)' : `: ${parts.join('; ')}`}`;
    });
}
