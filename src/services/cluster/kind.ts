import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, runCommand } from '../../adapters/exec/run.js';
import type { Progress } from '../../adapters/ui/progress.js';
import { PrerequisiteError } from '../../core/errors.js';
import type { LabPaths } from '../../core/paths.js';

type Env = Readonly<Record<string, string | undefined>>;

export const kindClusterName = 'cka-lab';

/** 1 control-plane node and 2 workers, as the embedded engine has. */
export const kindClusterConfig = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
  - role: worker
  - role: worker
`;

async function requireKind(env: Env): Promise<string> {
  const kind = await findExecutable('kind', env);
  if (kind === undefined) {
    throw new PrerequisiteError("The kind engine needs the 'kind' command, which is not installed.", {
      hint: 'Install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation; it needs Docker or Podman), or use the embedded engine, which needs neither: cka-lab cluster up',
    });
  }
  return kind;
}

export async function kindClusterExists(kind: string, env: Env): Promise<boolean> {
  const { stdout } = await runCommand(kind, ['get', 'clusters'], { env, describe: 'kind get clusters' });
  return stdout.split('\n').map((l) => l.trim()).includes(kindClusterName);
}

/** Creates the kind cluster, or keeps the existing one; its kubeconfig goes to cka-lab's own file. */
export async function kindUp(paths: LabPaths, env: Env, progress: Progress): Promise<{ action: 'created' | 'already-running'; kubeconfig: string }> {
  const kind = await requireKind(env);
  if (await kindClusterExists(kind, env)) {
    progress.step('Exporting the kubeconfig of the existing kind cluster');
    await runCommand(kind, ['export', 'kubeconfig', '--name', kindClusterName, '--kubeconfig', paths.kindKubeconfig], { env, describe: 'kind export kubeconfig' });
    return { action: 'already-running', kubeconfig: paths.kindKubeconfig };
  }
  const dir = await mkdtemp(join(tmpdir(), 'cka-lab-kind-'));
  try {
    const configFile = join(dir, 'kind.yaml');
    await writeFile(configFile, kindClusterConfig);
    progress.step('Creating kind cluster cka-lab (1 control plane, 2 workers); the first run pulls the node image');
    await runCommand(kind, ['create', 'cluster', '--name', kindClusterName, '--config', configFile, '--kubeconfig', paths.kindKubeconfig, '--wait', '3m'], {
      env,
      describe: 'kind create cluster',
      onLine: (line) => progress.detail(line.trim()),
      timeoutMs: 900_000,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { action: 'created', kubeconfig: paths.kindKubeconfig };
}

export async function kindDown(paths: LabPaths, env: Env): Promise<boolean> {
  const kind = await findExecutable('kind', env);
  if (kind === undefined || !(await kindClusterExists(kind, env))) return false;
  await runCommand(kind, ['delete', 'cluster', '--name', kindClusterName, '--kubeconfig', paths.kindKubeconfig], { env, describe: 'kind delete cluster' });
  await rm(paths.kindKubeconfig, { force: true });
  return true;
}
