import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ApiRequestError, requestJson } from '../../adapters/kube/raw.js';
import { ResourceResolver } from '../../adapters/kube/resources.js';
import type { Progress } from '../../adapters/ui/progress.js';
import { ClusterError, UsageError } from '../../core/errors.js';
import { selectPods } from '../../core/grading/pod-selection.js';
import { field, isReady, type KubeObject } from '../../core/grading/reader.js';
import type { SetupStep, TaintSpec, Task } from '../../core/tasks/model.js';
import { nodeBaseline, ownedLabels, readTaskRecords, taskLabelKey, writeTaskRecord, type NodeBaseline } from './cluster-state.js';
import { createClusterReader, deleteEtcdKey, putEtcdKey, requireCapabilities, saveEtcdSnapshot, type TaskEnvironment } from './environment.js';
import { evaluateCheck } from '../../core/grading/checks.js';
import { writeBrokenKubeconfig } from './kubeconfig-files.js';
import { writeWorkFile } from './work-files.js';

type Json = Record<string, unknown>;

export const fieldManager = 'cka-lab';

/** Engines that are practice clusters by construction; others need the user's explicit consent. */
export function looksLikePracticeCluster(environment: TaskEnvironment): boolean {
  return environment.profile.engine !== 'other';
}

export function requirePracticeCluster(environment: TaskEnvironment, allowed: boolean, action: string): void {
  if (allowed || looksLikePracticeCluster(environment)) return;
  throw new UsageError(
    `Refusing to ${action} on context '${environment.profile.contextName}' (${environment.profile.server}): it does not look like a practice cluster (not the embedded engine, kind or minikube), and this would create and delete objects there.`,
    { hint: 'If this cluster is yours to break, run again with --allow-cluster.' },
  );
}

function manifestObjects(text: string, taskId: string): Json[] {
  const objects: Json[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new UsageError(`Task ${taskId}: a setup manifest is not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`Task ${taskId}: a setup manifest document is not an object.`);
    objects.push(value as Json);
  }
  return objects;
}

function withOwnerLabels(object: Json, taskId: string): Json {
  const metadata = (object['metadata'] ?? {}) as Json;
  const labels = (metadata['labels'] ?? {}) as Record<string, string>;
  return { ...object, metadata: { ...metadata, labels: { ...labels, ...ownedLabels(taskId) } } };
}

/** Server-side apply: idempotent, so setup can run again over a half-solved task. */
export async function applyObject(environment: TaskEnvironment, resolver: ResourceResolver, object: Json): Promise<void> {
  const metadata = (object['metadata'] ?? {}) as { name?: string; namespace?: string };
  const path = await resolver.path(String(object['apiVersion']), String(object['kind']), metadata.namespace, metadata.name);
  await requestJson(environment.clients.kc, 'PATCH', `${path}?fieldManager=${fieldManager}&force=true`, { body: object, contentType: 'application/apply-patch+yaml' });
}

async function ensureNamespace(environment: TaskEnvironment, name: string, taskId: string): Promise<void> {
  const { kc } = environment.clients;
  try {
    const existing = (await requestJson(kc, 'GET', `/api/v1/namespaces/${name}`)).body as KubeObject;
    const labels = field(existing, 'metadata', 'labels') as Record<string, string> | undefined;
    if (labels?.[taskLabelKey] !== taskId) {
      throw new ClusterError(`Namespace ${name} already exists and was not created by cka-lab for task ${taskId}; setup will not take it over.`, {
        hint: `Delete or rename that namespace (kubectl delete namespace ${name}) if it is a leftover, then run setup again.`,
      });
    }
    if (field(existing, 'metadata', 'deletionTimestamp') !== undefined) await waitUntilGone(environment, `/api/v1/namespaces/${name}`, 120_000);
    else return;
  } catch (error) {
    if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
  }
  await requestJson(kc, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: ownedLabels(taskId) } } });
}

export async function waitUntilGone(environment: TaskEnvironment, path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await requestJson(environment.clients.kc, 'GET', path);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new ClusterError(`${path} was still being deleted after ${Math.round(timeoutMs / 1000)} s.`);
}

export interface NodeChange {
  readonly labels?: Readonly<Record<string, string | null>>;
  /** Taints to have: replace any existing taint with the same key and effect. */
  readonly taints?: readonly TaintSpec[];
  /** Taint keys to remove (all effects). */
  readonly removeTaints?: readonly string[];
  readonly unschedulable?: boolean;
}

/** Changes a node's labels, taints and cordon in one patch; the one way setup and reset touch nodes. */
export async function changeNode(environment: TaskEnvironment, name: string, change: NodeChange): Promise<void> {
  const { kc } = environment.clients;
  const node = (await requestJson(kc, 'GET', `/api/v1/nodes/${encodeURIComponent(name)}`)).body as KubeObject;
  const current = ((field(node, 'spec', 'taints') as Array<{ key: string; value?: string; effect: string }> | undefined) ?? []);
  let taints = current.filter((t) => !(change.removeTaints ?? []).includes(t.key));
  for (const wanted of change.taints ?? []) {
    const effect = wanted.effect ?? 'NoSchedule';
    taints = taints.filter((t) => !(t.key === wanted.key && t.effect === effect));
    taints.push({ key: wanted.key, ...(wanted.value === undefined ? {} : { value: wanted.value }), effect });
  }
  const taintsChanged = JSON.stringify(taints) !== JSON.stringify(current);
  const patch: Json = {
    ...(change.labels === undefined ? {} : { metadata: { labels: change.labels } }),
    ...(taintsChanged || change.unschedulable !== undefined
      ? { spec: { ...(taintsChanged ? { taints: taints.length === 0 ? null : taints } : {}), ...(change.unschedulable === undefined ? {} : { unschedulable: change.unschedulable ? true : null }) } }
      : {}),
  };
  if (Object.keys(patch).length === 0) return;
  await requestJson(kc, 'PATCH', `/api/v1/nodes/${encodeURIComponent(name)}`, { body: patch, contentType: 'application/merge-patch+json' });
}

export function etcdKeysOf(task: Task): string[] {
  return task.setup.flatMap((step) => ('etcdPut' in step ? [step.etcdPut.key] : []));
}

/** Every node field the task (or its solution) may change, grouped by node. */
export function ownedNodeFields(task: Task): Map<string, { labels: Set<string>; taints: Set<string>; cordon: boolean }> {
  const nodes = new Map<string, { labels: Set<string>; taints: Set<string>; cordon: boolean }>();
  const entry = (name: string) => {
    let e = nodes.get(name);
    if (e === undefined) nodes.set(name, (e = { labels: new Set(), taints: new Set(), cordon: false }));
    return e;
  };
  for (const { node, key } of task.owns.nodeLabels) entry(node).labels.add(key);
  for (const { node, key } of task.owns.nodeTaints) entry(node).taints.add(key);
  for (const node of task.owns.cordon) entry(node).cordon = true;
  for (const step of task.setup) {
    if (!('node' in step)) continue;
    const e = entry(step.node.name);
    for (const key of Object.keys(step.node.labels ?? {})) e.labels.add(key);
    for (const t of step.node.taints ?? []) e.taints.add(t.key);
    for (const key of step.node.removeTaints ?? []) e.taints.add(key);
    if (step.node.unschedulable !== undefined) e.cordon = true;
  }
  // The node controller taints a cordoned node; owning the cordon owns that taint too.
  for (const fields of nodes.values()) if (fields.cordon) fields.taints.add('node.kubernetes.io/unschedulable');
  return nodes;
}

async function recordBaseline(environment: TaskEnvironment, task: Task): Promise<void> {
  const { kc } = environment.clients;
  const records = await readTaskRecords(kc);
  const existing = records[task.id];
  const nodes: Record<string, NodeBaseline> = { ...(existing?.nodes ?? {}) };
  for (const [name, owned] of ownedNodeFields(task)) {
    // Keep the first baseline: a second setup must not record the task's own changes as "before".
    if (nodes[name] !== undefined) continue;
    const node = (await requestJson(kc, 'GET', `/api/v1/nodes/${encodeURIComponent(name)}`)).body as KubeObject;
    nodes[name] = nodeBaseline(node, [...owned.labels], [...owned.taints], owned.cordon);
  }
  await writeTaskRecord(kc, task.id, { setupAt: new Date().toISOString(), nodes });
}

async function waitFor(environment: TaskEnvironment, step: Extract<SetupStep, { waitFor: unknown }>['waitFor'], progress: Progress): Promise<void> {
  const deadline = Date.now() + 90_000;
  let last = '';
  while (Date.now() < deadline) {
    // A fresh reader per poll: a reader memoises its lists for one grading run.
    const reader = createClusterReader(environment);
    const spec = step.workloadReady !== undefined ? { workloadReady: step.workloadReady }
      : step.fields !== undefined ? { fields: step.fields }
      : step.serviceEndpoints !== undefined ? { serviceEndpoints: step.serviceEndpoints }
      : undefined;
    if (spec !== undefined) {
      const result = await evaluateCheck({ id: 'wait', title: 'wait', points: 1, spec }, reader);
      if (result.passed) return;
      last = result.message;
    } else if (step.pods !== undefined) {
      const selected = await selectPods(reader, step.pods);
      if ('pods' in selected) {
        const { phase, ready, count } = step.pods;
        const matching = selected.pods.filter((p) => (phase === undefined || field(p, 'status', 'phase') === phase) && (ready === undefined || isReady(p) === ready));
        if (matching.length >= count) return;
        const state = [phase, ready === undefined ? undefined : ready ? 'Ready' : 'not Ready'].filter((s) => s !== undefined).join(', ');
        last = `${selected.described}${state === '' ? '' : ` (${state})`}: ${matching.length}/${count}`;
      }
    }
    progress.detail(last);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new ClusterError(`Setup did not reach its starting state within 90 s: ${last}`);
}

/**
 * Creates the task's starting state; idempotent. Everything created is labelled as owned by
 * the task, and node state it may change is recorded first so reset can restore it.
 */
export async function setupTask(environment: TaskEnvironment, task: Task, progress: Progress): Promise<void> {
  requireCapabilities(task, environment.profile);
  const resolver = new ResourceResolver(environment.clients.kc);
  await recordBaseline(environment, task);
  if (environment.profile.nodeAccess.kind === 'local') {
    // The directories the task's files go in exist, as /opt or /var/lib would on a node.
    for (const file of task.owns.files) await mkdir(dirname(file), { recursive: true });
  }
  for (const namespace of task.namespaces) await ensureNamespace(environment, namespace, task.id);
  // Keys a later step writes must not leak into a snapshot an earlier step takes (setup run twice).
  for (const key of etcdKeysOf(task)) await deleteEtcdKey(environment, key);
  for (const step of task.setup) {
    if ('apply' in step) {
      for (const object of manifestObjects(step.apply, task.id)) {
        const metadata = (object['metadata'] ?? {}) as { name?: string };
        progress.detail(`${String(object['kind'])} ${metadata.name ?? ''}`);
        await applyObject(environment, resolver, withOwnerLabels(object, task.id));
      }
    } else if ('node' in step) {
      const { name, ...change } = step.node;
      progress.detail(`node ${name}`);
      await changeNode(environment, name, change);
    } else if ('waitFor' in step) {
      await waitFor(environment, step.waitFor, progress);
    } else if ('etcdSnapshot' in step) {
      progress.detail(`etcd snapshot ${step.etcdSnapshot.path}`);
      await saveEtcdSnapshot(environment, step.etcdSnapshot.path);
    } else if ('etcdPut' in step) {
      await putEtcdKey(environment, step.etcdPut.key, step.etcdPut.value);
    } else if ('file' in step) {
      progress.detail(`file ${step.file.path}`);
      await writeWorkFile(task.id, step.file, environment.values.workDir);
    } else {
      progress.detail(`kubeconfig ${step.kubeconfig.path}`);
      await writeBrokenKubeconfig(environment.clients.kc, task.id, step.kubeconfig);
    }
  }
}
