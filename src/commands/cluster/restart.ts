import type { CommandInput } from '../../cli/spec.js';
import { startProgress } from '../../adapters/ui/progress.js';
import { embeddedRestart, etcdDataDirInUse } from '../../services/cluster/embedded.js';
import { labPaths } from '../context.js';

export async function run({ io }: CommandInput): Promise<void> {
  const paths = labPaths(io);
  const started = Date.now();
  const progress = startProgress(io, 'Restarting the embedded cluster');
  try {
    await embeddedRestart(paths, io.env, progress);
  } catch (error) {
    progress.fail('The cluster did not restart');
    throw error;
  }
  progress.succeed(`Embedded cluster restarted in ${((Date.now() - started) / 1000).toFixed(1)} s; etcd data dir: ${await etcdDataDirInUse(paths)}`);
}
