import { rm } from 'node:fs/promises';
import { findExecutable, runCommand } from '../../adapters/exec/run.js';
import type { Progress } from '../../adapters/ui/progress.js';
import { PrerequisiteError } from '../../core/errors.js';
import type { LabPaths } from '../../core/paths.js';

type Env = Readonly<Record<string, string | undefined>>;

export const minikubeProfile = 'cka-lab';

async function requireMinikube(env: Env): Promise<string> {
  const minikube = await findExecutable('minikube', env);
  if (minikube === undefined) {
    throw new PrerequisiteError("The minikube engine needs the 'minikube' command, which is not installed.", {
      hint: 'Install minikube (https://minikube.sigs.k8s.io/docs/start/), or use the embedded engine, which needs no Docker or VM: cka-lab cluster up',
    });
  }
  return minikube;
}

/** minikube writes the kubeconfig named by KUBECONFIG: point it at cka-lab's own file. */
function minikubeEnv(paths: LabPaths, env: Env): Env {
  return { ...env, KUBECONFIG: paths.minikubeKubeconfig };
}

async function profileRunning(minikube: string, env: Env): Promise<boolean> {
  try {
    const { stdout } = await runCommand(minikube, ['status', '-p', minikubeProfile, '-o', 'json'], { env, describe: 'minikube status' });
    return stdout.includes('"Running"');
  } catch {
    return false;
  }
}

export async function minikubeUp(paths: LabPaths, env: Env, progress: Progress): Promise<{ action: 'created' | 'already-running'; kubeconfig: string }> {
  const minikube = await requireMinikube(env);
  const menv = minikubeEnv(paths, env);
  if (await profileRunning(minikube, menv)) {
    await runCommand(minikube, ['update-context', '-p', minikubeProfile], { env: menv, describe: 'minikube update-context' });
    return { action: 'already-running', kubeconfig: paths.minikubeKubeconfig };
  }
  progress.step('Starting minikube profile cka-lab (1 control plane, 2 workers); the first run downloads images');
  await runCommand(minikube, ['start', '-p', minikubeProfile, '--nodes', '3', '--wait', 'all'], {
    env: menv,
    describe: 'minikube start',
    onLine: (line) => progress.detail(line.trim()),
    timeoutMs: 1_200_000,
  });
  return { action: 'created', kubeconfig: paths.minikubeKubeconfig };
}

export async function minikubeDown(paths: LabPaths, env: Env): Promise<boolean> {
  const minikube = await findExecutable('minikube', env);
  if (minikube === undefined) return false;
  const menv = minikubeEnv(paths, env);
  const { stdout } = await runCommand(minikube, ['profile', 'list', '-o', 'json'], { env: menv, describe: 'minikube profile list' }).catch(() => ({ stdout: '' }));
  if (!stdout.includes(`"Name":"${minikubeProfile}"`)) return false;
  await runCommand(minikube, ['delete', '-p', minikubeProfile], { env: menv, describe: 'minikube delete' });
  await rm(paths.minikubeKubeconfig, { force: true });
  return true;
}
