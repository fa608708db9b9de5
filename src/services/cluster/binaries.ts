import { createHash } from 'node:crypto';
import { access, constants, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findExecutable, runCommand } from '../../adapters/exec/run.js';
import { isProcessAlive } from '../../adapters/exec/process.js';
import { packagePath } from '../../adapters/store/package-files.js';
import { isErrno, readTextIfExists } from '../../adapters/store/files.js';
import type { Progress } from '../../adapters/ui/progress.js';
import { binariesKey, binaryNames, kubernetesMajorMinor, requiredVersion, type BinaryName, type EngineVersions } from '../../core/engine-versions.js';
import { FailureError, PrerequisiteError } from '../../core/errors.js';
import type { LabPaths } from '../../core/paths.js';


export interface BinarySet {
  readonly dir: string;
  readonly versions: EngineVersions;
  readonly path: Readonly<Record<BinaryName, string>>;
}

interface GoModule {
  readonly dir: string;
  readonly label: string;
  readonly packages: readonly string[];
  readonly ldflags: readonly string[];
}

const manifestName = 'manifest.json';
const moduleDirs = ['kubernetes', 'etcd', 'kwok'] as const;

type Env = Readonly<Record<string, string | undefined>>;

export async function engineVersions(): Promise<{ versions: EngineVersions; digest: string }> {
  const hash = createHash('sha256');
  const mods: Record<string, string> = {};
  for (const dir of moduleDirs) {
    for (const file of ['go.mod', 'go.sum']) {
      const text = await readFile(packagePath('go', dir, file), 'utf8');
      hash.update(`${dir}/${file}\n${text}`);
      if (file === 'go.mod') mods[dir] = text;
    }
  }
  const need = (dir: string, module: string): string => {
    const version = requiredVersion(mods[dir] ?? '', module);
    if (version === undefined) throw new Error(`go/${dir}/go.mod does not require ${module}`);
    return version;
  };
  return {
    versions: {
      kubernetes: need('kubernetes', 'k8s.io/kubernetes'),
      etcd: need('etcd', 'go.etcd.io/etcd/server/v3'),
      kwok: need('kwok', 'sigs.k8s.io/kwok'),
    },
    digest: hash.digest('hex'),
  };
}

function binarySet(dir: string, versions: EngineVersions): BinarySet {
  const path = Object.fromEntries(binaryNames.map((name) => [name, join(dir, name)])) as Record<BinaryName, string>;
  return { dir, versions, path };
}

/** The cached binaries for the current versions, if a complete build is there. */
export async function locateBinaries(paths: LabPaths): Promise<BinarySet | undefined> {
  const { versions, digest } = await engineVersions();
  const dir = join(paths.binariesRoot, binariesKey(versions, digest));
  // The manifest is written last, inside a directory renamed into place: its presence means complete.
  if ((await readTextIfExists(join(dir, manifestName))) === undefined) return undefined;
  for (const name of binaryNames) {
    try {
      await access(join(dir, name), constants.X_OK);
    } catch {
      return undefined;
    }
  }
  return binarySet(dir, versions);
}

function goModules(versions: EngineVersions): GoModule[] {
  const { major, minor } = kubernetesMajorMinor(versions.kubernetes);
  return [
    {
      dir: 'kubernetes',
      label: `Kubernetes ${versions.kubernetes} (kube-apiserver, kube-controller-manager, kube-scheduler, kubectl)`,
      packages: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'].map((c) => `k8s.io/kubernetes/cmd/${c}`),
      // The same version stamps Kubernetes' own release build sets, so servers report their real version.
      ldflags: [
        `-X k8s.io/component-base/version.gitVersion=${versions.kubernetes}`,
        `-X k8s.io/component-base/version.gitMajor=${major}`,
        `-X k8s.io/component-base/version.gitMinor=${minor}`,
        '-X k8s.io/component-base/version.gitTreeState=clean',
      ],
    },
    {
      dir: 'etcd',
      label: `etcd ${versions.etcd} (etcd, etcdctl, etcdutl)`,
      packages: ['go.etcd.io/etcd/server/v3', 'go.etcd.io/etcd/etcdctl/v3', 'go.etcd.io/etcd/etcdutl/v3'],
      ldflags: [],
    },
    {
      dir: 'kwok',
      label: `KWOK ${versions.kwok} (kwok, kwokctl)`,
      packages: ['sigs.k8s.io/kwok/cmd/kwok', 'sigs.k8s.io/kwok/cmd/kwokctl'],
      ldflags: [],
    },
  ];
}

/** `go1.26.8` → [1, 26, 8]. */
export function parseGoVersion(text: string): [number, number, number] | undefined {
  const match = /go(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

function goDirective(goMod: string): string {
  return /^go\s+(\S+)/m.exec(goMod)?.[1] ?? '0';
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const noGoHint =
  'Install Go 1.26 or newer (https://go.dev/dl/, or your package manager) and run the command again; ' +
  'the first build takes about 6 minutes on 2 cores. Or use a cluster you already have: ' +
  "'cka-lab cluster up --engine kind' (or minikube), or any cluster with --kubeconfig/--context.";

/** Checks Go is installed and new enough for every module; returns the go executable. */
export async function requireGo(env: Env): Promise<{ go: string; version: string }> {
  const go = await findExecutable('go', env);
  if (go === undefined) {
    throw new PrerequisiteError('The embedded cluster is built from Go modules, and Go is not installed (no `go` on PATH).', { hint: noGoHint });
  }
  const { stdout } = await runCommand(go, ['env', 'GOVERSION'], { env: { ...env, GOTOOLCHAIN: env['GOTOOLCHAIN'] ?? 'local' } });
  const have = parseGoVersion(stdout.trim());
  let needText = '0';
  for (const dir of moduleDirs) {
    const directive = goDirective(await readFile(packagePath('go', dir, 'go.mod'), 'utf8'));
    if (compareVersions(parseGoVersion(`go${directive}`) ?? [0], parseGoVersion(`go${needText}`) ?? [0]) > 0) needText = directive;
  }
  const need = parseGoVersion(`go${needText}`) ?? [0, 0, 0];
  if (have === undefined || compareVersions(have, need) < 0) {
    throw new PrerequisiteError(`Building the embedded cluster needs Go ${needText} or newer; ${go} is ${stdout.trim() || 'of unknown version'}.`, {
      hint: `Upgrade Go, or let Go fetch a newer toolchain through the module proxy: GOTOOLCHAIN=go${needText}+auto cka-lab cluster build. ${noGoHint.split('. ').slice(1).join('. ')}`,
    });
  }
  return { go, version: stdout.trim() };
}


/** How cka-lab runs go: its own module and build caches, the local toolchain, go.sum enforced, no cgo. */
export function goEnvironment(paths: LabPaths, env: Env): Env {
  return {
    ...env,
    GOMODCACHE: paths.goModCache,
    GOCACHE: paths.goBuildCache,
    GOTOOLCHAIN: env['GOTOOLCHAIN'] ?? 'local',
    GOFLAGS: '-mod=readonly',
    CGO_ENABLED: '0',
  };
}

/** A directory lock: two cka-lab processes never build into the same place at once. */
export async function withBuildLock<T>(lockDir: string, onWait: () => void, work: () => Promise<T>): Promise<T> {
  await mkdir(join(lockDir, '..'), { recursive: true });
  for (let announced = false; ; ) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      const owner = Number(await readTextIfExists(join(lockDir, 'pid')));
      if (!Number.isInteger(owner) || owner <= 0 || !isProcessAlive(owner)) {
        // The builder died (Ctrl-C, kill -9): its lock is stale.
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) onWait();
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

export interface EnsureBinariesOptions {
  readonly paths: LabPaths;
  readonly env: Env;
  readonly progress: Progress;
  readonly force?: boolean;
}

/**
 * Returns complete binaries for the embedded engine, building them first when the cache has none.
 * Builds go into `<key>.partial` and are renamed into place only when every binary is there,
 * so an interrupted build never leaves a directory that looks complete.
 */
export async function ensureBinaries(options: EnsureBinariesOptions): Promise<{ binaries: BinarySet; built: boolean; seconds: number }> {
  const { paths, env, progress } = options;
  if (options.force !== true) {
    const cached = await locateBinaries(paths);
    if (cached !== undefined) return { binaries: cached, built: false, seconds: 0 };
  }
  const { go } = await requireGo(env);
  const { versions, digest } = await engineVersions();
  const key = binariesKey(versions, digest);
  const finalDir = join(paths.binariesRoot, key);
  const partialDir = `${finalDir}.partial`;
  const started = Date.now();

  return withBuildLock(`${finalDir}.lock`, () => progress.detail('another cka-lab process is building; waiting for it'), async () => {
    if (options.force !== true) {
      const cached = await locateBinaries(paths);
      if (cached !== undefined) return { binaries: cached, built: false, seconds: 0 };
    }
    await rm(partialDir, { recursive: true, force: true });
    await mkdir(partialDir, { recursive: true });
    const modules = goModules(versions);
    for (const [index, module] of modules.entries()) {
      progress.step(`Building ${module.label} [${index + 1}/${modules.length}]`);
      let compiled = 0;
      let downloaded = 0;
      await runCommand(
        go,
        [
          'build', '-v', '-trimpath',
          // Upstream's release tags: no test-only code, no SELinux cgo, no grpc tracing.
          '-tags', 'selinux,notest,grpcnotrace',
          '-ldflags', ['-s', '-w', ...module.ldflags].join(' '),
          '-o', `${partialDir}/`,
          ...module.packages,
        ],
        {
          cwd: packagePath('go', module.dir),
          env: goEnvironment(paths, env),
          describe: `go build (${module.dir})`,
          onLine: (line) => {
            if (line.startsWith('go: downloading')) downloaded++;
            else if (line.trim() !== '') compiled++;
            progress.detail(`${downloaded} modules downloaded, ${compiled} packages compiled`);
          },
        },
      );
    }
    // go build names a module-root main package after the module's last element ("v3" or "server").
    await renameEtcd(partialDir);
    for (const name of binaryNames) {
      try {
        await access(join(partialDir, name), constants.X_OK);
      } catch {
        throw new FailureError(`The build finished but ${name} is missing from ${partialDir}.`);
      }
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    await writeFile(join(partialDir, manifestName), `${JSON.stringify({ versions, digest, builtAt: new Date().toISOString(), seconds, go }, null, 2)}\n`);
    await rm(finalDir, { recursive: true, force: true });
    await rename(partialDir, finalDir);
    // The compiled-package cache is ~4 GB and only speeds up rebuilds of these same versions.
    await rm(paths.goBuildCache, { recursive: true, force: true });
    return { binaries: binarySet(finalDir, versions), built: true, seconds };
  });
}

async function renameEtcd(dir: string): Promise<void> {
  const entries = await readdir(dir);
  if (entries.includes('etcd')) return;
  for (const candidate of ['server', 'v3']) {
    if (entries.includes(candidate)) {
      const info = await stat(join(dir, candidate));
      if (info.isFile()) {
        await rename(join(dir, candidate), join(dir, 'etcd'));
        return;
      }
    }
  }
}
