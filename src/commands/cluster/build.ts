import type { CommandInput } from '../../cli/spec.js';
import { startProgress } from '../../adapters/ui/progress.js';
import { ensureBinaries } from '../../services/cluster/binaries.js';
import { booleanOption, labPaths } from '../context.js';

export async function run({ options, io }: CommandInput): Promise<void> {
  const paths = labPaths(io);
  const progress = startProgress(io, 'Looking for cached binaries');
  try {
    const { binaries, built, seconds } = await ensureBinaries({ paths, env: io.env, progress, force: booleanOption(options, 'force') });
    const v = binaries.versions;
    progress.succeed(built
      ? `Built Kubernetes ${v.kubernetes}, etcd ${v.etcd} and KWOK ${v.kwok} in ${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
      : `Binaries already built (Kubernetes ${v.kubernetes}, etcd ${v.etcd}, KWOK ${v.kwok})`);
    io.stdout.write(`${binaries.dir}\n`);
  } catch (error) {
    progress.fail('Build failed');
    throw error;
  }
}
