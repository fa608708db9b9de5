import type { Io } from '../../adapters/ui/io.js';
import type { ParsedOptions } from '../../cli/spec.js';
import type { Task } from '../../core/tasks/model.js';
import { findTask } from '../../core/tasks/catalogue.js';
import { clusterTarget, labPaths } from '../context.js';
import type { TaskEnvironment } from '../../services/tasks/environment.js';

/** The task named on the command line, from the validated catalogue. */
export async function taskFromArgs(args: readonly string[]): Promise<Task> {
  const { loadCatalogue } = await import('../../services/tasks/catalogue.js');
  return findTask(await loadCatalogue(), args[0] ?? '');
}

/** The cluster the command targets, probed and profiled. */
export async function environmentFor(options: ParsedOptions, io: Io): Promise<TaskEnvironment> {
  const { openTaskEnvironment } = await import('../../services/tasks/environment.js');
  return openTaskEnvironment(clusterTarget(options, io), labPaths(io), io.env);
}
