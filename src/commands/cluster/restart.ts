import type { CommandInput } from '../../cli/spec.js';
import { withProgress } from '../../adapters/ui/progress.js';
import { embeddedRestart, etcdDataDirInUse } from '../../services/cluster/embedded.js';
import { labPaths } from '../context.js';

export async function run({ io }: CommandInput): Promise<void> {
  const paths = labPaths(io);
  const started = Date.now();
  await withProgress(io, 'Restarting the embedded cluster', 'The cluster did not restart',
    async (progress) => {
      await embeddedRestart(paths, io.env, progress);
      return etcdDataDirInUse(paths);
    },
    (dataDir) => `Embedded cluster restarted in ${((Date.now() - started) / 1000).toFixed(1)} s; etcd data dir: ${dataDir}`);
}
