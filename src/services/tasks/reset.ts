import { rm } from 'node:fs/promises';
import { ApiRequestError, requestJson } from '../../adapters/kube/raw.js';
import { ResourceResolver } from '../../adapters/kube/resources.js';
import { runOnNode } from '../../adapters/node/access.js';
import type { Progress } from '../../adapters/ui/progress.js';
import type { ObjectRef, Task } from '../../core/tasks/model.js';
import { readTaskRecords, taskLabelKey, writeTaskRecord } from './cluster-state.js';
import { deleteEtcdKey, type TaskEnvironment } from './environment.js';
import { changeNode, etcdKeysOf, ownedNodeFields, waitUntilGone } from './setup.js';
import { removeWorkFiles } from './work-files.js';

export interface ResetSummary {
  readonly namespaces: readonly string[];
  readonly objects: readonly string[];
  readonly nodes: readonly string[];
  readonly files: readonly string[];
}

async function deleteIfPresent(environment: TaskEnvironment, path: string): Promise<boolean> {
  try {
    await requestJson(environment.clients.kc, 'DELETE', path);
    return true;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return false;
    throw error;
  }
}

const workloadCollections = [
  '/apis/apps/v1/namespaces/NS/deployments',
  '/apis/apps/v1/namespaces/NS/statefulsets',
  '/apis/apps/v1/namespaces/NS/daemonsets',
  '/apis/apps/v1/namespaces/NS/replicasets',
  '/apis/batch/v1/namespaces/NS/cronjobs',
  '/apis/batch/v1/namespaces/NS/jobs',
];

/**
 * Deletes a namespace's workloads, then its pods without grace. The namespace controller alone
 * waits on every pod's graceful shutdown and backs off for minutes when one lingers (as after an
 * etcd restore); reset owns these namespaces and need not wait.
 */
async function emptyNamespace(environment: TaskEnvironment, ns: string): Promise<void> {
  const { kc } = environment.clients;
  for (const collection of workloadCollections) {
    await requestJson(kc, 'DELETE', `${collection.replace('NS', encodeURIComponent(ns))}?propagationPolicy=Background`).catch(() => undefined);
  }
  await requestJson(kc, 'DELETE', `/api/v1/namespaces/${encodeURIComponent(ns)}/pods?gracePeriodSeconds=0`).catch(() => undefined);
}

/** Cluster-scoped kinds a task may create (its namespaced objects go with its namespaces). */
const clusterScopedKinds: ReadonlyArray<Pick<ObjectRef, 'apiVersion' | 'kind'>> = [
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  { apiVersion: 'v1', kind: 'PersistentVolume' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' },
];

/**
 * Removes what the task owns: its namespaces (only when cka-lab created them), the cluster-scoped
 * objects it declares or labelled, node labels/taints/cordons restored to what setup recorded
 * (or removed, if setup never ran), and the files it names.
 */
export async function resetTask(environment: TaskEnvironment, task: Task, progress: Progress): Promise<ResetSummary> {
  const { kc } = environment.clients;
  const resolver = new ResourceResolver(kc);
  const namespaces: string[] = [];
  for (const ns of task.namespaces) {
    try {
      const body = (await requestJson(kc, 'GET', `/api/v1/namespaces/${ns}`)).body as { metadata?: { labels?: Record<string, string> } };
      // A namespace of the same name that cka-lab did not create is not the task's to delete.
      if (body.metadata?.labels?.[taskLabelKey] !== task.id) continue;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) continue;
      throw error;
    }
    progress.detail(`namespace ${ns}`);
    await emptyNamespace(environment, ns);
    await deleteIfPresent(environment, `/api/v1/namespaces/${ns}`);
    namespaces.push(ns);
  }

  const objects: string[] = [];
  // Deleted objects may linger behind finalizers (a PV until its claim is gone): wait for them
  // too, or a setup right after would apply onto an object about to vanish.
  const deleted: string[] = [];
  for (const ref of task.owns.objects) {
    let path: string;
    try {
      path = await resolver.path(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    } catch (error) {
      // A kind the cluster does not serve (its CRD is not installed) has no object to remove.
      if (error instanceof ApiRequestError && error.status === 404) continue;
      throw error;
    }
    if (await deleteIfPresent(environment, path)) {
      objects.push(`${ref.kind} ${ref.name}`);
      deleted.push(path);
    }
  }
  for (const kind of clusterScopedKinds) {
    const path = await resolver.path(kind.apiVersion, kind.kind);
    const body = (await requestJson(kc, 'GET', `${path}?labelSelector=${encodeURIComponent(`${taskLabelKey}=${task.id}`)}`)).body as { items?: Array<{ metadata?: { name?: string } }> };
    for (const item of body.items ?? []) {
      const name = item.metadata?.name ?? '';
      // Already deleted through owns, and still listed while its finalizers run.
      if (deleted.includes(`${path}/${encodeURIComponent(name)}`)) continue;
      if (await deleteIfPresent(environment, `${path}/${encodeURIComponent(name)}`)) {
        objects.push(`${kind.kind} ${name}`);
        deleted.push(`${path}/${encodeURIComponent(name)}`);
      }
    }
  }

  const record = (await readTaskRecords(kc))[task.id];
  const nodes: string[] = [];
  for (const [name, owned] of ownedNodeFields(task)) {
    const baseline = record?.nodes[name];
    const labels: Record<string, string | null> = {};
    for (const key of owned.labels) labels[key] = baseline?.labels[key] ?? null;
    try {
      await changeNode(environment, name, {
        labels,
        removeTaints: [...owned.taints],
        taints: (baseline?.taints ?? []).map((t) => ({ key: t.key, ...(t.value === undefined ? {} : { value: t.value }), effect: t.effect as 'NoSchedule' })),
        ...(owned.cordon ? { unschedulable: baseline?.unschedulable ?? false } : {}),
      });
      nodes.push(name);
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
    }
  }

  const files = await removeWorkFiles(task, environment.values.workDir);
  for (const file of task.owns.files.filter((f) => !files.includes(f))) {
    if (environment.profile.nodeAccess.kind === 'local') await rm(file, { force: true });
    else if (environment.profile.nodeAccess.kind !== 'none') await runOnNode(environment.profile.nodeAccess, ['rm', '-f', file], environment.env);
    files.push(file);
  }

  for (const key of etcdKeysOf(task)) await deleteEtcdKey(environment, key);

  for (const ns of namespaces) {
    progress.detail(`waiting for namespace ${ns} to go`);
    await waitUntilGone(environment, `/api/v1/namespaces/${ns}`, 120_000);
  }
  for (const path of deleted) {
    progress.detail(`waiting for ${path} to go`);
    await waitUntilGone(environment, path, 60_000);
  }
  await writeTaskRecord(kc, task.id, null);
  return { namespaces, objects, nodes, files };
}
