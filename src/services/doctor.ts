import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { findExecutable, runCommand } from '../adapters/exec/run.js';
import type { ClusterTarget } from '../adapters/kube/config.js';
import { CliError, errorMessage } from '../core/errors.js';
import type { LabPaths } from '../core/paths.js';
import { gatewayApiInstallGuide } from '../core/profile.js';
import { compareVersions, locateBinaries, requireGo } from './cluster/binaries.js';
import type { EngineName } from './cluster/engines.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface DoctorCheck {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
  readonly fix?: string;
  /** The engines this check decides usability for. */
  readonly engines: readonly EngineName[];
}

export interface DoctorReport {
  readonly engine: EngineName;
  readonly usable: boolean;
  readonly checks: readonly DoctorCheck[];
}

async function versionOf(file: string, args: string[], env: Env): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await runCommand(file, args, { env, timeoutMs: 10_000 });
    return (stdout.trim() || stderr.trim()).split('\n')[0];
  } catch {
    return undefined;
  }
}

async function freeBytes(path: string): Promise<number | undefined> {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      const info = await statfs(dir);
      return info.bavail * info.bsize;
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

export async function runDoctor(options: {
  paths: LabPaths;
  env: Env;
  target: ClusterTarget;
  engine: EngineName | undefined;
}): Promise<DoctorReport> {
  const { paths, env, target } = options;
  const checks: DoctorCheck[] = [];

  const node = process.versions.node.split('.').map(Number);
  checks.push(compareVersions(node, [20, 11, 0]) >= 0
    ? { name: 'Node.js', status: 'ok', detail: `v${process.versions.node}`, engines: [] }
    : { name: 'Node.js', status: 'fail', detail: `v${process.versions.node} is older than 20.11`, fix: 'Install Node.js 20.11 or newer (https://nodejs.org)', engines: ['embedded', 'kind', 'minikube'] });

  const binaries = await locateBinaries(paths);
  if (binaries !== undefined) {
    const v = binaries.versions;
    checks.push({ name: 'Embedded engine', status: 'ok', detail: `built: Kubernetes ${v.kubernetes}, etcd ${v.etcd}, KWOK ${v.kwok} in ${binaries.dir}`, engines: ['embedded'] });
  } else {
    checks.push({ name: 'Embedded engine', status: 'warn', detail: 'not built yet (cluster up builds it once, about 6 min on 2 cores)', fix: 'cka-lab cluster build', engines: [] });
  }
  try {
    const go = await requireGo(env);
    checks.push({ name: 'Go', status: 'ok', detail: `${go.version} (${go.go})`, engines: binaries === undefined ? ['embedded'] : [] });
  } catch (error) {
    const hint = error instanceof CliError ? error.hint : undefined;
    checks.push({
      name: 'Go',
      status: binaries === undefined ? 'fail' : 'warn',
      detail: `${errorMessage(error)}${binaries === undefined ? '' : ' (only needed to rebuild)'}`,
      ...(hint === undefined ? {} : { fix: hint }),
      engines: binaries === undefined ? ['embedded'] : [],
    });
  }
  const free = await freeBytes(paths.cacheDir);
  if (free !== undefined && binaries === undefined) {
    const gib = free / 1024 ** 3;
    checks.push(gib >= 7
      ? { name: 'Disk', status: 'ok', detail: `${gib.toFixed(0)} GiB free for the build (needs about 6 GiB while building, 1.6 GiB after)`, engines: [] }
      : { name: 'Disk', status: 'fail', detail: `${gib.toFixed(1)} GiB free in ${paths.cacheDir}; the build needs about 6 GiB`, fix: 'Free disk space, or set CKA_LAB_CACHE_DIR to a roomier disk', engines: ['embedded'] });
  }

  const kind = await findExecutable('kind', env);
  const minikube = await findExecutable('minikube', env);
  const docker = await findExecutable('docker', env);
  const podman = await findExecutable('podman', env);
  let containerEngine: string | undefined;
  if (docker !== undefined && (await versionOf(docker, ['info', '--format', '{{.ServerVersion}}'], env)) !== undefined) containerEngine = 'docker';
  else if (podman !== undefined && (await versionOf(podman, ['info', '--format', '{{.Version.Version}}'], env)) !== undefined) containerEngine = 'podman';
  checks.push(containerEngine !== undefined
    ? { name: 'Container engine', status: 'ok', detail: `${containerEngine} is running`, engines: [] }
    : { name: 'Container engine', status: 'warn', detail: docker === undefined && podman === undefined ? 'neither docker nor podman is installed (only kind and minikube need one)' : 'docker/podman is installed but its engine does not answer (only kind and minikube need it)', fix: 'Start Docker or Podman to use kind/minikube; the embedded engine needs neither', engines: containerEngine === undefined ? ['kind'] : [] });
  checks.push(kind !== undefined
    ? { name: 'kind', status: 'ok', detail: (await versionOf(kind, ['version'], env)) ?? kind, engines: [] }
    : { name: 'kind', status: 'warn', detail: 'not installed (optional)', fix: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation', engines: ['kind'] });
  checks.push(minikube !== undefined
    ? { name: 'minikube', status: 'ok', detail: (await versionOf(minikube, ['version', '--short'], env)) ?? minikube, engines: [] }
    : { name: 'minikube', status: 'warn', detail: 'not installed (optional)', fix: 'https://minikube.sigs.k8s.io/docs/start/', engines: ['minikube'] });

  let engineInUse: EngineName | undefined;
  try {
    const { createClusterClients } = await import('../adapters/kube/clients.js');
    const { readClusterProfile } = await import('./cluster/profile.js');
    const clients = await createClusterClients(target, { probe: true });
    const profile = await readClusterProfile(clients, paths);
    engineInUse = profile.engine === 'other' ? undefined : profile.engine;
    checks.push({ name: 'Cluster', status: 'ok', detail: `context ${profile.contextName} at ${profile.server} answers: Kubernetes ${profile.kubernetesVersion}, engine ${profile.engine}, ${profile.nodes.controlPlane.length + profile.nodes.workers.length} nodes`, engines: [] });
    checks.push(profile.capabilities.gatewayApi
      ? { name: 'Gateway API', status: 'ok', detail: 'the cluster serves gateway.networking.k8s.io/v1 (the Gateway tasks can run)', engines: [] }
      : {
          name: 'Gateway API', status: 'warn', detail: 'the cluster does not serve the Gateway API CRDs, so the Gateway tasks are left out',
          fix: profile.engine === 'embedded' ? 'cka-lab cluster up (installs them)' : `Install the standard-channel CRDs: ${gatewayApiInstallGuide}`,
          engines: [],
        });
  } catch (error) {
    const hint = error instanceof CliError ? error.hint : undefined;
    checks.push({
      name: 'Cluster',
      status: target.source === 'embedded' ? 'warn' : 'fail',
      detail: errorMessage(error),
      ...(hint === undefined ? {} : { fix: hint }),
      engines: target.source === 'embedded' ? [] : ['embedded', 'kind', 'minikube'],
    });
  }

  const engine = options.engine ?? engineInUse ?? 'embedded';
  const usable = checks.every((c) => c.status !== 'fail' || !c.engines.includes(engine));
  return { engine, usable, checks };
}
