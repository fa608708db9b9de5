import type { CommandInput } from '../../cli/spec.js';
import { formatElapsed, withProgress } from '../../adapters/ui/progress.js';
import { ensureBinaries } from '../../services/cluster/binaries.js';
import { booleanOption, labPaths } from '../context.js';

export async function run({ options, io }: CommandInput): Promise<void> {
  const paths = labPaths(io);
  const { binaries } = await withProgress(io, 'Looking for cached binaries', 'Build failed',
    (progress) => ensureBinaries({ paths, env: io.env, progress, force: booleanOption(options, 'force') }),
    ({ binaries: { versions: v }, built, seconds }) => built
      ? `Built Kubernetes ${v.kubernetes}, etcd ${v.etcd} and KWOK ${v.kwok} in ${formatElapsed(seconds * 1000)}`
      : `Binaries already built (Kubernetes ${v.kubernetes}, etcd ${v.etcd}, KWOK ${v.kwok})`);
  io.stdout.write(`${binaries.dir}\n`);
}
