import { join } from 'node:path';

/** Where cka-lab keeps things on this machine. Nothing here is ever sent anywhere. */
export interface LabPaths {
  /** Rebuildable artefacts: the embedded engine's binaries and the Go caches used to build them. */
  readonly cacheDir: string;
  /** State worth keeping: the embedded cluster, its kubeconfig, history, exams in progress. */
  readonly stateDir: string;
  readonly binariesRoot: string;
  readonly goModCache: string;
  readonly goBuildCache: string;
  /** KWOK_WORKDIR for kwokctl: clusters live in `<this>/clusters/<name>`. */
  readonly kwokWorkdir: string;
  readonly embeddedKubeconfig: string;
  /** kubectl, etcdctl and etcdutl matching the embedded cluster, for the user's PATH. */
  readonly toolsDir: string;
  readonly kindKubeconfig: string;
  readonly minikubeKubeconfig: string;
  /** Files tasks give the user to work on (a kustomization, manifests), one directory per task. */
  readonly workDir: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Follows the XDG base-directory spec on Linux and the platform conventions on macOS. */
export function resolveLabPaths(env: Env, platform: NodeJS.Platform, home: string): LabPaths {
  const cacheDir =
    nonEmpty(env['CKA_LAB_CACHE_DIR']) ??
    (platform === 'darwin'
      ? join(home, 'Library', 'Caches', 'cka-lab')
      : join(nonEmpty(env['XDG_CACHE_HOME']) ?? join(home, '.cache'), 'cka-lab'));
  const stateDir =
    nonEmpty(env['CKA_LAB_STATE_DIR']) ??
    (platform === 'darwin'
      ? join(home, 'Library', 'Application Support', 'cka-lab')
      : join(nonEmpty(env['XDG_STATE_HOME']) ?? join(home, '.local', 'state'), 'cka-lab'));
  return {
    cacheDir,
    stateDir,
    binariesRoot: join(cacheDir, 'bin'),
    goModCache: join(cacheDir, 'go', 'mod'),
    goBuildCache: join(cacheDir, 'go', 'build'),
    kwokWorkdir: join(stateDir, 'kwok'),
    embeddedKubeconfig: join(stateDir, 'kubeconfig-embedded.yaml'),
    toolsDir: join(stateDir, 'bin'),
    kindKubeconfig: join(stateDir, 'kubeconfig-kind.yaml'),
    minikubeKubeconfig: join(stateDir, 'kubeconfig-minikube.yaml'),
    workDir: join(stateDir, 'work'),
  };
}
