import type { Io } from '../../adapters/ui/io.js';
import type { ClusterTarget } from '../../adapters/kube/config.js';
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

/**
 * The cluster the command targets, probed and profiled. With no cluster chosen (no --kubeconfig,
 * --context or KUBECONFIG), the embedded one is started first when it is not running.
 */
export async function environmentFor(options: ParsedOptions, io: Io, startEmbedded = true): Promise<TaskEnvironment> {
  return environmentForTarget(clusterTarget(options, io), io, startEmbedded);
}

/** The same for a target already resolved (e.g. the one a saved exam recorded). */
export async function environmentForTarget(target: ClusterTarget, io: Io, startEmbedded = true): Promise<TaskEnvironment> {
  const { openTaskEnvironment } = await import('../../services/tasks/environment.js');
  const paths = labPaths(io);
  if (target.source === 'embedded' && startEmbedded) {
    const { embeddedStatus, embeddedUp } = await import('../../services/cluster/embedded.js');
    if ((await embeddedStatus(paths)).state !== 'running') {
      const { withProgress } = await import('../../adapters/ui/progress.js');
      await withProgress(io, 'Starting the embedded cluster (no other cluster is configured)', 'The embedded cluster did not start',
        (progress) => embeddedUp(paths, io.env, progress), () => 'Embedded cluster is up');
    }
  }
  return openTaskEnvironment(target, paths, io.env);
}
