import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ClusterClients } from '../../adapters/kube/clients.js';
import type { ClusterTarget } from '../../adapters/kube/config.js';
import { createApiReader } from '../../adapters/kube/api-reader.js';
import { readNodeFile, runOnNode } from '../../adapters/node/access.js';
import { findExecutable, runCommand } from '../../adapters/exec/run.js';
import { readTextIfExists } from '../../adapters/store/files.js';
import type { ClusterReader, SnapshotStatus } from '../../core/grading/reader.js';
import { ClusterError, ExternalError, PrerequisiteError } from '../../core/errors.js';
import type { LabPaths } from '../../core/paths.js';
import { capabilityNames, enginesWith, gatewayApiInstallGuide, type CapabilityName, type ClusterProfile } from '../../core/profile.js';
import type { Task } from '../../core/tasks/model.js';
import { renderDeep, templateValues, type TemplateValues } from '../../core/tasks/template.js';
import { locateBinaries } from '../cluster/binaries.js';
import { embeddedLayout } from '../cluster/embedded.js';
import { probeKubeconfig } from './kubeconfig-files.js';
import { isInWorkDir } from './work-files.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A cluster ready for tasks: clients, what it is, and the values task texts are filled with. */
export interface TaskEnvironment {
  readonly clients: ClusterClients;
  readonly profile: ClusterProfile;
  readonly values: TemplateValues;
  readonly paths: LabPaths;
  readonly env: Env;
}

export function backupDirFor(profile: ClusterProfile, paths: LabPaths): string {
  if (profile.engine === 'embedded') return join(paths.stateDir, 'backups');
  // Inside etcd's data-dir mount, so etcdctl/etcdutl in the etcd Pod see the same file as the node.
  return profile.etcd?.dataDir ?? '/var/lib/etcd';
}

export async function openTaskEnvironment(target: ClusterTarget, paths: LabPaths, env: Env): Promise<TaskEnvironment> {
  const { createClusterClients } = await import('../../adapters/kube/clients.js');
  const { readClusterProfile } = await import('../cluster/profile.js');
  const clients = await createClusterClients(target, { probe: true });
  const profile = await readClusterProfile(clients, paths);
  const values = templateValues(profile, {
    backupDir: backupDirFor(profile, paths),
    engineConfig: profile.engine === 'embedded' ? join(embeddedLayout(paths).clusterDir, 'kwok.yaml') : '/etc/kubernetes/manifests/etcd.yaml',
    workDir: paths.workDir,
  });
  return { clients, profile, values, paths, env };
}

/** The task with every {{ variable }} filled for this cluster. */
export function renderTask(task: Task, values: TemplateValues): Task {
  return renderDeep(task, values);
}

/** Refuses a task the cluster cannot honour, naming what is missing and which engines have it. */
export function requireCapabilities(task: Task, profile: ClusterProfile): void {
  const missing = capabilityNames.filter((c) => task.requires.includes(c) && !profile.capabilities[c]);
  const first = missing[0];
  if (first === undefined) return;
  const described: Record<CapabilityName, string> = {
    realKubelets: 'real kubelets and containers',
    controlPlaneFilesystem: "access to the control-plane node's files",
    etcd: 'etcd access with client certificates',
    etcdRestore: 'restoring etcd into a new data dir',
    gatewayApi: 'the Gateway API (its CRDs are not installed)',
  };
  const hint = first === 'gatewayApi'
    ? `Install the Gateway API CRDs, standard channel (${gatewayApiInstallGuide}), or use ${enginesWith(first)}: cka-lab cluster up`
    : `Use ${enginesWith(first)}: cka-lab cluster up${first === 'realKubelets' ? ' --engine kind' : ''}`;
  throw new ClusterError(`Task ${task.id} needs ${missing.map((m) => described[m]).join(' and ')}, which the ${profile.engine} cluster (context ${profile.contextName}) cannot offer.`, { hint });
}

/** A local etcdctl/etcdutl: the embedded engine's own build first, then PATH. */
export async function localEtcdTool(tool: 'etcdctl' | 'etcdutl', paths: LabPaths, env: Env): Promise<string> {
  const built = await locateBinaries(paths);
  const found = built?.path[tool] ?? (await findExecutable(tool, env));
  if (found === undefined) throw new PrerequisiteError(`Checking etcd snapshots needs ${tool}, which is neither built nor on PATH.`, { hint: 'Build it with: cka-lab cluster build' });
  return found;
}

/** `etcdutl snapshot status` of a snapshot file wherever the engine keeps it. */
async function snapshotStatus(environment: TaskEnvironment, path: string): Promise<SnapshotStatus> {
  const etcdutl = await localEtcdTool('etcdutl', environment.paths, environment.env);
  let file = path;
  let cleanup: string | undefined;
  if (environment.profile.nodeAccess.kind !== 'local') {
    const bytes = await readNodeFile(environment.profile.nodeAccess, path, environment.env);
    if (bytes === undefined) throw new Error(`there is no file ${path} on the control-plane node`);
    cleanup = await mkdtemp(join(tmpdir(), 'cka-lab-snapshot-'));
    file = join(cleanup, 'snapshot.db');
    await writeFile(file, bytes);
  }
  try {
    const { stdout } = await runCommand(etcdutl, ['snapshot', 'status', file, '-w', 'json'], { describe: 'etcdutl snapshot status', timeoutMs: 30_000 });
    const status = JSON.parse(stdout) as Partial<SnapshotStatus>;
    return { revision: Number(status.revision ?? 0), totalKey: Number(status.totalKey ?? 0), hash: Number(status.hash ?? 0), totalSize: Number(status.totalSize ?? 0) };
  } catch (error) {
    if (error instanceof ExternalError) {
      const tail = error.outputTail;
      if (/no such file/i.test(tail)) throw new Error('the file does not exist');
      throw new Error(tail.split('\n').filter((l) => /error|invalid|failed/i.test(l)).slice(-1)[0]?.slice(0, 200) ?? 'etcdutl rejected it');
    }
    throw error;
  } finally {
    if (cleanup !== undefined) await rm(cleanup, { recursive: true, force: true });
  }
}

/** The read-only view of the cluster that grading uses. */
export function createClusterReader(environment: TaskEnvironment): ClusterReader {
  const api = createApiReader(environment.clients.kc);
  return {
    ...api,
    snapshotStatus: (path) => snapshotStatus(environment, path),
    etcdGet: (key) => getEtcdKey(environment, key),
    async readFile(path) {
      // What the user saves under the work directory is on this machine, where kubectl runs.
      if (isInWorkDir(path, environment.paths.workDir)) return readTextIfExists(path);
      const bytes = await readNodeFile(environment.profile.nodeAccess, path, environment.env);
      return bytes?.toString('utf8');
    },
    probeKubeconfig,
  };
}

/** Runs etcdctl against the cluster's etcd with its client certificates, wherever etcd can be reached. */
async function runEtcdctl(environment: TaskEnvironment, args: readonly string[]): Promise<string> {
  const { profile } = environment;
  const etcd = profile.etcd;
  if (etcd === undefined) throw new ClusterError(`The ${profile.engine} cluster offers no etcd access.`);
  const full = [`--endpoints=${etcd.endpoint}`, `--cacert=${etcd.caFile}`, `--cert=${etcd.certFile}`, `--key=${etcd.keyFile}`, ...args];
  if (etcd.runsIn === 'local') {
    return (await runCommand(await localEtcdTool('etcdctl', environment.paths, environment.env), full, { describe: `etcdctl ${args[0] ?? ''}`, timeoutMs: 60_000 })).stdout;
  }
  // kubeadm's etcd runs as a static Pod: run its own etcdctl inside the container, on the node.
  const quoted = full.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return runOnNode(profile.nodeAccess, ['sh', '-c', `crictl exec "$(crictl ps --name etcd -q | head -n 1)" etcdctl ${quoted}`], environment.env);
}

/** Saves an etcd snapshot (setup steps of backup/restore tasks). */
export async function saveEtcdSnapshot(environment: TaskEnvironment, path: string): Promise<void> {
  if (environment.profile.etcd?.runsIn === 'local') await mkdir(dirname(path), { recursive: true });
  await runEtcdctl(environment, ['snapshot', 'save', path]);
}

/** Writes a key straight into etcd, outside the API's /registry prefix. */
export async function putEtcdKey(environment: TaskEnvironment, key: string, value: string): Promise<void> {
  await runEtcdctl(environment, ['put', key, value]);
}

export async function deleteEtcdKey(environment: TaskEnvironment, key: string): Promise<void> {
  await runEtcdctl(environment, ['del', key]);
}

async function getEtcdKey(environment: TaskEnvironment, key: string): Promise<string | undefined> {
  const out = await runEtcdctl(environment, ['get', key, '--print-value-only']);
  return out === '' ? undefined : out.replace(/\n$/, '');
}
