import { mkdir, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../../adapters/exec/run.js';
import { isProcessAlive } from '../../adapters/exec/process.js';
import { isPortFree, portHolders, stablePort } from '../../adapters/net/ports.js';
import { isErrno, readTextIfExists, writeFileAtomic } from '../../adapters/store/files.js';
import type { Progress } from '../../adapters/ui/progress.js';
import {
  embeddedClusterName,
  embeddedEtcdTls,
  embeddedNodes,
  embeddedConfigRevision,
  kwokctlConfiguration,
  preferredPorts,
  type EmbeddedPorts,
  type EtcdTls,
} from '../../core/embedded-config.js';
import type { EngineVersions } from '../../core/engine-versions.js';
import { ClusterError, ExternalError } from '../../core/errors.js';
import type { LabPaths } from '../../core/paths.js';
import { ensureBinaries, locateBinaries, type BinarySet } from './binaries.js';

type Env = Readonly<Record<string, string | undefined>>;

export const componentNames = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok-controller'] as const;
export type ComponentName = (typeof componentNames)[number];

/** What cka-lab records about the embedded cluster it created, beside kwokctl's own files. */
export interface EmbeddedRecord {
  readonly ports: EmbeddedPorts;
  readonly binariesDir: string;
  readonly versions: EngineVersions;
  readonly createdAt: string;
  /** embeddedConfigRevision when the cluster was created (absent before revision 2). */
  readonly configRevision?: number;
}

export interface ComponentProcess {
  readonly component: ComponentName;
  readonly pid: number | undefined;
  readonly alive: boolean;
  readonly rssBytes: number | undefined;
}

export interface EmbeddedStatus {
  /** absent: never created; running: every process up; stopped: none up; degraded: some up. */
  readonly state: 'absent' | 'running' | 'stopped' | 'degraded';
  readonly clusterDir: string;
  readonly record: EmbeddedRecord | undefined;
  readonly processes: readonly ComponentProcess[];
}

export interface EmbeddedLayout {
  readonly clusterDir: string;
  readonly pkiDir: string;
  readonly recordFile: string;
  readonly configFile: string;
  readonly kubeconfig: string;
  readonly etcdDataDir: string;
  readonly logsDir: string;
}

export function embeddedLayout(paths: LabPaths): EmbeddedLayout {
  const clusterDir = join(paths.kwokWorkdir, 'clusters', embeddedClusterName);
  return {
    clusterDir,
    pkiDir: join(clusterDir, 'pki'),
    recordFile: join(clusterDir, 'cka-lab.json'),
    configFile: join(paths.kwokWorkdir, 'cka-lab-kwokctl.yaml'),
    kubeconfig: paths.embeddedKubeconfig,
    etcdDataDir: join(clusterDir, 'etcd'),
    logsDir: join(clusterDir, 'logs'),
  };
}

/** kwokctl's own record of the cluster; users edit it to point etcd at a restored data dir. */
export function kwokctlClusterConfig(paths: LabPaths): string {
  return join(embeddedLayout(paths).clusterDir, 'kwok.yaml');
}

/** The data dir etcd is configured with now (a restore may have moved it). */
export async function etcdDataDirInUse(paths: LabPaths): Promise<string> {
  const text = await readTextIfExists(kwokctlClusterConfig(paths));
  return /--data-dir=(\S+)/.exec(text ?? '')?.[1] ?? embeddedLayout(paths).etcdDataDir;
}

export async function embeddedEtcd(paths: LabPaths, record: EmbeddedRecord): Promise<{ endpoint: string; tls: EtcdTls; dataDir: string }> {
  const layout = embeddedLayout(paths);
  return { endpoint: `https://127.0.0.1:${record.ports.etcd}`, tls: embeddedEtcdTls(layout.pkiDir), dataDir: await etcdDataDirInUse(paths) };
}

/**
 * Stops and starts every process of the embedded cluster with its current configuration: what
 * the kubelet does for a kubeadm cluster when a static Pod manifest changes (e.g. etcd's data dir
 * after a restore).
 */
export async function embeddedRestart(paths: LabPaths, env: Env, progress: Progress): Promise<void> {
  const status = await embeddedStatus(paths);
  const binaries = await locateBinaries(paths);
  if (status.state === 'absent' || binaries === undefined) {
    throw new ClusterError('The embedded cluster does not exist.', { hint: "Create it with 'cka-lab cluster up'." });
  }
  progress.step('Stopping the cluster\'s processes');
  await kwokctl(binaries, paths, env, ['stop', 'cluster', '--name', embeddedClusterName]);
  progress.step('Starting them with the current configuration');
  try {
    await kwokctl(binaries, paths, env, ['start', 'cluster', '--name', embeddedClusterName, '--wait', '2m'], progress);
    await handNodesToKwok(paths, progress);
  } catch (error) {
    throw new ClusterError(`The cluster did not come back: ${error instanceof Error ? error.message : String(error)}`, {
      hint: `Check the component logs in ${embeddedLayout(paths).logsDir} (etcd.log first), fix ${kwokctlClusterConfig(paths)}, and run 'cka-lab cluster restart' again.`,
    });
  }
}

/** Guards against a recycled pid: on Linux the command line must mention the cluster's directory. */
async function isClusterProcess(pid: number, clusterDir: string): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(clusterDir);
  } catch {
    return false;
  }
}

async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    try {
      const { stdout } = await runCommand('ps', ['-o', 'rss=', '-p', String(pid)]);
      const kb = Number(stdout.trim());
      return Number.isFinite(kb) && kb > 0 ? kb * 1024 : undefined;
    } catch {
      return undefined;
    }
  }
}

async function readRecord(layout: EmbeddedLayout): Promise<EmbeddedRecord | undefined> {
  const text = await readTextIfExists(layout.recordFile);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<EmbeddedRecord>;
    if (parsed.ports === undefined || parsed.binariesDir === undefined || parsed.versions === undefined) return undefined;
    return parsed as EmbeddedRecord;
  } catch {
    return undefined;
  }
}

export async function embeddedStatus(paths: LabPaths): Promise<EmbeddedStatus> {
  const layout = embeddedLayout(paths);
  let exists = true;
  try {
    await readdir(layout.clusterDir);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    exists = false;
  }
  const record = await readRecord(layout);
  const processes: ComponentProcess[] = [];
  for (const component of componentNames) {
    const pidText = exists ? await readTextIfExists(join(layout.clusterDir, 'pids', `${component}.pid`)) : undefined;
    const pid = pidText === undefined ? undefined : Number(pidText.trim());
    const alive = pid !== undefined && Number.isInteger(pid) && pid > 0 && (await isClusterProcess(pid, layout.clusterDir));
    processes.push({ component, pid, alive, rssBytes: alive && pid !== undefined ? await residentBytes(pid) : undefined });
  }
  const up = processes.filter((p) => p.alive).length;
  const state = !exists ? 'absent' : up === componentNames.length ? 'running' : up === 0 ? 'stopped' : 'degraded';
  return { state, clusterDir: layout.clusterDir, record, processes };
}

function kwokctlEnv(paths: LabPaths, env: Env): Env {
  // KWOK_WORKDIR keeps kwokctl's clusters, caches and default config inside cka-lab's state dir.
  return { ...env, KWOK_WORKDIR: paths.kwokWorkdir };
}

async function kwokctl(binaries: BinarySet, paths: LabPaths, env: Env, args: string[], progress?: Progress): Promise<void> {
  await runCommand(binaries.path.kwokctl, args, {
    env: kwokctlEnv(paths, env),
    describe: `kwokctl ${args.slice(0, 2).join(' ')}`,
    timeoutMs: 300_000,
    ...(progress === undefined
      ? {}
      : {
          onLine: (line: string) => {
            const msg = /"msg":"([^"]+)"/.exec(line)?.[1];
            if (msg !== undefined) progress.detail(msg);
          },
        }),
  });
}

async function choosePorts(): Promise<{ ports: EmbeddedPorts; moved: string[] }> {
  const ports: Record<string, number> = {};
  const moved: string[] = [];
  const taken = new Set<number>();
  for (const [name, preferred] of Object.entries(preferredPorts)) {
    let port = preferred;
    if (!(await isPortFree(preferred))) {
      do port = await stablePort();
      while (taken.has(port));
      moved.push(`${name} ${preferred} → ${port}`);
    }
    taken.add(port);
    ports[name] = port;
  }
  return { ports: ports as unknown as EmbeddedPorts, moved };
}

/**
 * The cluster's ports something else now listens on, each named with its holder when /proc shows
 * it. A port is given a few seconds first: the processes kwokctl just stopped may still be exiting.
 */
async function busyPorts(ports: EmbeddedPorts): Promise<string[]> {
  const busy: string[] = [];
  const deadline = Date.now() + 5_000;
  for (const [name, port] of Object.entries(ports)) {
    while (!(await isPortFree(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    if (await isPortFree(port)) continue;
    const holders = (await portHolders(port)).map((h) => `${h.command}, pid ${h.pid}`);
    busy.push(`${port} (${name}) on 127.0.0.1 is now used by another program${holders.length === 0 ? '' : ` (${holders.join('; ')})`}`);
  }
  return busy;
}

/**
 * Hands the simulated nodes to the kwok that just started. kwok simulates a node's pods only
 * while it holds the node's Lease, and a restarted kwok would wait for its predecessor's leases to
 * expire (minutes); deleting them lets it take over at once. Returns when it holds all of them.
 */
async function handNodesToKwok(paths: LabPaths, progress: Progress): Promise<void> {
  const layout = embeddedLayout(paths);
  const { createClusterClients } = await import('../../adapters/kube/clients.js');
  const { requestJson } = await import('../../adapters/kube/raw.js');
  const clients = await createClusterClients({ kubeconfigPaths: [layout.kubeconfig], context: undefined, source: 'embedded' });
  const names = embeddedNodes('v0.0.0').map((n) => n.metadata.name);
  const leases = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
  progress.detail('handing the nodes to the new kwok');
  for (const name of names) await requestJson(clients.kc, 'DELETE', `${leases}/${name}`).catch(() => undefined);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const body = (await clients.getJson(leases)) as { items?: Array<{ metadata?: { name?: string } }> } | undefined;
    const held = new Set((body?.items ?? []).map((l) => l.metadata?.name ?? ''));
    if (names.every((n) => held.has(n))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new ClusterError('kwok did not take over the simulated nodes within 60 s after the restart.', {
    hint: `Check ${join(layout.logsDir, 'kwok-controller.log')}, then run 'cka-lab cluster restart'.`,
  });
}

async function createNodes(kubeconfig: string, versions: EngineVersions): Promise<void> {
  const { createClusterClients } = await import('../../adapters/kube/clients.js');
  const clients = await createClusterClients({ kubeconfigPaths: [kubeconfig], context: undefined, source: 'embedded' });
  for (const node of embeddedNodes(versions.kubernetes)) {
    try {
      await clients.core.readNode({ name: node.metadata.name });
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 404)) throw error;
      await clients.core.createNode({ body: node as never });
    }
  }
  await clients.waitForNodesReady(embeddedNodes(versions.kubernetes).map((n) => n.metadata.name), 60_000);
}

/** The client tools that match the cluster, in one directory the user can put first on PATH. */
export const userTools = ['kubectl', 'etcdctl', 'etcdutl'] as const;

async function linkUserTools(paths: LabPaths, binaries: BinarySet): Promise<void> {
  await mkdir(paths.toolsDir, { recursive: true });
  for (const tool of userTools) {
    const link = join(paths.toolsDir, tool);
    await rm(link, { force: true });
    await symlink(binaries.path[tool], link);
  }
}

export interface EmbeddedUpResult {
  readonly action: 'created' | 'restarted' | 'already-running';
  readonly binaries: BinarySet;
  readonly built: boolean;
  readonly buildSeconds: number;
  readonly record: EmbeddedRecord;
  readonly movedPorts: readonly string[];
  /** Set when the Gateway API CRDs could not be installed: why, and what it costs. */
  readonly gatewayApiProblem: string | undefined;
}

/**
 * The cluster serves the Gateway API, as an exam cluster does. Not fatal: without it only the
 * Gateway tasks are unavailable, and they say so.
 */
async function serveGatewayApi(paths: LabPaths, env: Env, kubeconfig: string, progress: Progress): Promise<string | undefined> {
  try {
    const { ensureGatewayApiCrds, installGatewayApiCrds } = await import('./gateway-api.js');
    const crds = await ensureGatewayApiCrds(paths, env, progress);
    const { createClusterClients } = await import('../../adapters/kube/clients.js');
    const clients = await createClusterClients({ kubeconfigPaths: [kubeconfig], context: undefined, source: 'embedded' });
    await installGatewayApiCrds(clients.kc, crds, progress);
    return undefined;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return `The Gateway API CRDs could not be installed (${reason}); the Gateway tasks are unavailable until a later 'cka-lab cluster up' installs them.`;
  }
}

/**
 * Starts the embedded cluster; idempotent. A running cluster is kept; a stopped or crashed one is
 * restarted with its data; one that cannot be restarted (or was built from other binaries) is
 * recreated.
 */
export async function embeddedUp(paths: LabPaths, env: Env, progress: Progress): Promise<EmbeddedUpResult> {
  const layout = embeddedLayout(paths);
  const { binaries, built, seconds } = await ensureBinaries({ paths, env, progress });
  const status = await embeddedStatus(paths);
  const record = status.record;
  const sameBinaries = record !== undefined && record.binariesDir === binaries.dir;
  const reusable = sameBinaries && (record.configRevision ?? 1) === embeddedConfigRevision;

  await linkUserTools(paths, binaries);
  if (status.state === 'running' && reusable) {
    progress.step('Checking the running cluster');
    const [, gatewayApiProblem] = await Promise.all([createNodes(layout.kubeconfig, binaries.versions), serveGatewayApi(paths, env, layout.kubeconfig, progress)]);
    return { action: 'already-running', binaries, built, buildSeconds: seconds, record, movedPorts: [], gatewayApiProblem };
  }

  if (status.state !== 'absent' && reusable) {
    progress.step('Restarting the stopped cluster');
    await kwokctl(binaries, paths, env, ['stop', 'cluster', '--name', embeddedClusterName]).catch(() => undefined);
    const busy = await busyPorts(record.ports);
    if (busy.length > 0) {
      throw new ClusterError(`The embedded cluster cannot restart: port ${busy.join(', and port ')}.`, {
        hint: "Stop that program, or recreate the cluster on free ports with 'cka-lab cluster down' then 'cka-lab cluster up' (the practice cluster's objects are lost).",
      });
    }
    try {
      await kwokctl(binaries, paths, env, ['start', 'cluster', '--name', embeddedClusterName, '--wait', '2m'], progress);
      await createNodes(layout.kubeconfig, binaries.versions);
      const [, gatewayApiProblem] = await Promise.all([handNodesToKwok(paths, progress), serveGatewayApi(paths, env, layout.kubeconfig, progress)]);
      return { action: 'restarted', binaries, built, buildSeconds: seconds, record, movedPorts: [], gatewayApiProblem };
    } catch (error) {
      if (!(error instanceof ExternalError || error instanceof ClusterError)) throw error;
      progress.step('The old cluster did not restart; creating a fresh one');
    }
  }

  if (status.state !== 'absent') {
    if (!reusable && record !== undefined) {
      progress.step(sameBinaries ? "The embedded cluster's configuration changed in this version of cka-lab; recreating the cluster" : 'The cached binaries changed; recreating the cluster');
    }
    await removeCluster(paths, env, binaries);
  }

  progress.step('Starting etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok');
  const { ports, moved } = await choosePorts();
  await mkdir(paths.kwokWorkdir, { recursive: true });
  await writeFileAtomic(layout.configFile, kwokctlConfiguration({ binaries: binaries.path, versions: binaries.versions, ports, pkiDir: layout.pkiDir }));
  await kwokctl(
    binaries, paths, env,
    ['create', 'cluster', '--name', embeddedClusterName, '--config', layout.configFile, '--kubeconfig', layout.kubeconfig, '--wait', '2m'],
    progress,
  );
  progress.step('Registering 1 control-plane node and 2 worker nodes');
  await linkUserTools(paths, binaries);
  // Independent API work: the CRDs are established while the nodes register.
  const [, gatewayApiProblem] = await Promise.all([createNodes(layout.kubeconfig, binaries.versions), serveGatewayApi(paths, env, layout.kubeconfig, progress)]);
  const created: EmbeddedRecord = { ports, binariesDir: binaries.dir, versions: binaries.versions, createdAt: new Date().toISOString(), configRevision: embeddedConfigRevision };
  // Written last: a cluster without this record was interrupted while being created.
  await writeFileAtomic(layout.recordFile, `${JSON.stringify(created, null, 2)}\n`);
  return { action: 'created', binaries, built, buildSeconds: seconds, record: created, movedPorts: moved, gatewayApiProblem };
}

async function removeCluster(paths: LabPaths, env: Env, binaries: BinarySet | undefined): Promise<number> {
  const layout = embeddedLayout(paths);
  const before = await embeddedStatus(paths);
  const pids = before.processes.filter((p) => p.alive && p.pid !== undefined).map((p) => p.pid as number);
  if (binaries !== undefined && before.state !== 'absent') {
    await kwokctl(binaries, paths, env, ['delete', 'cluster', '--name', embeddedClusterName, '--kubeconfig', layout.kubeconfig]).catch(() => undefined);
  }
  // Whatever kwokctl could not stop (or with no kwokctl at all), stop here.
  for (const pid of pids) {
    if (await isClusterProcess(pid, layout.clusterDir)) process.kill(pid, 'SIGTERM');
  }
  // Waits on the pid itself: an exiting process loses its command line before it is gone.
  const deadline = Date.now() + 10_000;
  for (const pid of pids) {
    while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (await isClusterProcess(pid, layout.clusterDir)) process.kill(pid, 'SIGKILL');
  }
  const killed = Date.now() + 2_000;
  while (pids.some(isProcessAlive) && Date.now() < killed) await new Promise((r) => setTimeout(r, 100));
  await rm(layout.clusterDir, { recursive: true, force: true });
  await rm(layout.kubeconfig, { force: true });
  return pids.length;
}

export interface EmbeddedDownResult {
  readonly existed: boolean;
  readonly stopped: number;
  readonly leftovers: number;
}

/** Stops every process of the embedded cluster and removes its state. */
export async function embeddedDown(paths: LabPaths, env: Env): Promise<EmbeddedDownResult> {
  const layout = embeddedLayout(paths);
  const before = await embeddedStatus(paths);
  if (before.state === 'absent') {
    await rm(layout.kubeconfig, { force: true });
    return { existed: false, stopped: 0, leftovers: 0 };
  }
  const binaries = await locateBinaries(paths);
  const stopped = await removeCluster(paths, env, binaries);
  const leftovers = before.processes.filter((p) => p.pid !== undefined && isProcessAlive(p.pid)).length;
  return { existed: true, stopped, leftovers };
}
