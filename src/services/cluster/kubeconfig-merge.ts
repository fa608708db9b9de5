import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../../adapters/exec/run.js';
import { writeFileAtomic } from '../../adapters/store/files.js';
import type { LabPaths } from '../../core/paths.js';
import { PrerequisiteError } from '../../core/errors.js';
import { locateBinaries } from './binaries.js';
import { findExecutable } from '../../adapters/exec/run.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Adds a cluster's kubeconfig to ~/.kube/config, only when the user asks (--merge-kubeconfig).
 * kubectl does the merge, as `KUBECONFIG=a:b kubectl config view --flatten` would; a backup is kept.
 */
export async function mergeIntoDefaultKubeconfig(kubeconfig: string, home: string, env: Env, paths: LabPaths): Promise<string> {
  const target = join(home, '.kube', 'config');
  const kubectl = (await locateBinaries(paths))?.path.kubectl ?? (await findExecutable('kubectl', env));
  if (kubectl === undefined) throw new PrerequisiteError('Merging kubeconfig files needs kubectl.');
  await mkdir(join(home, '.kube'), { recursive: true });
  await copyFile(target, `${target}.cka-lab-backup`).catch(() => undefined);
  const { stdout } = await runCommand(kubectl, ['config', 'view', '--flatten'], {
    env: { ...env, KUBECONFIG: `${target}:${kubeconfig}` },
    describe: 'kubectl config view --flatten',
  });
  await writeFileAtomic(target, stdout, 0o600);
  return target;
}
