import type { KubeConfig } from '@kubernetes/client-node';
import { ApiRequestError, requestJson } from '../../adapters/kube/raw.js';
import type { KubeObject } from '../../core/grading/reader.js';

/** Labels on everything cka-lab creates, so reset removes exactly what a task owns. */
export const managedByLabel = { 'app.kubernetes.io/managed-by': 'cka-lab' } as const;
export const taskLabelKey = 'cka-lab.dev/task';

export const stateNamespace = 'cka-lab-system';
const stateConfigMap = 'cka-lab-tasks';

export interface NodeBaseline {
  readonly labels: Readonly<Record<string, string | null>>;
  readonly taints: ReadonlyArray<{ key: string; value?: string; effect: string }>;
  readonly taintKeys: readonly string[];
  readonly unschedulable: boolean | undefined;
}

/** What setup recorded about a task: when, and the node state it may change (for reset). */
export interface TaskRecord {
  readonly setupAt: string;
  readonly nodes: Readonly<Record<string, NodeBaseline>>;
}

export function ownedLabels(taskId: string): Record<string, string> {
  return { ...managedByLabel, [taskLabelKey]: taskId };
}

const configMapPath = `/api/v1/namespaces/${stateNamespace}/configmaps/${stateConfigMap}`;

export async function readTaskRecords(kc: KubeConfig): Promise<Record<string, TaskRecord>> {
  try {
    const body = (await requestJson(kc, 'GET', configMapPath)).body as { data?: Record<string, string> } | undefined;
    const out: Record<string, TaskRecord> = {};
    for (const [id, text] of Object.entries(body?.data ?? {})) {
      try {
        out[id] = JSON.parse(text) as TaskRecord;
      } catch {
        // A hand-edited entry that no longer parses is treated as absent.
      }
    }
    return out;
  } catch (error) {
    // Absent, or not readable by this identity: no records.
    if (error instanceof ApiRequestError && (error.status === 404 || error.status === 403)) return {};
    throw error;
  }
}

async function ensureStateNamespace(kc: KubeConfig): Promise<void> {
  try {
    await requestJson(kc, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: stateNamespace, labels: { ...managedByLabel } } } });
  } catch (error) {
    if (!(error instanceof ApiRequestError && error.status === 409)) throw error;
  }
}

export async function writeTaskRecord(kc: KubeConfig, taskId: string, record: TaskRecord | null): Promise<void> {
  if (record !== null) await ensureStateNamespace(kc);
  const patch = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: stateConfigMap, namespace: stateNamespace, labels: { ...managedByLabel } }, data: { [taskId]: record === null ? null : JSON.stringify(record) } };
  try {
    await requestJson(kc, 'PATCH', configMapPath, { body: patch, contentType: 'application/merge-patch+json' });
  } catch (error) {
    if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
    if (record === null) return;
    try {
      await requestJson(kc, 'POST', `/api/v1/namespaces/${stateNamespace}/configmaps`, { body: patch });
    } catch (raced) {
      // Another setup created it first: add this task's key to theirs.
      if (!(raced instanceof ApiRequestError && raced.status === 409)) throw raced;
      await requestJson(kc, 'PATCH', configMapPath, { body: patch, contentType: 'application/merge-patch+json' });
    }
  }
}

export function nodeBaseline(node: KubeObject, labelKeys: readonly string[], taintKeys: readonly string[], withCordon: boolean): NodeBaseline {
  const metadata = (node['metadata'] ?? {}) as { labels?: Record<string, string> };
  const spec = (node['spec'] ?? {}) as { taints?: Array<{ key: string; value?: string; effect: string }>; unschedulable?: boolean };
  const labels: Record<string, string | null> = {};
  for (const key of labelKeys) labels[key] = metadata.labels?.[key] ?? null;
  return {
    labels,
    taints: (spec.taints ?? []).filter((t) => taintKeys.includes(t.key)),
    taintKeys: [...taintKeys],
    unschedulable: withCordon ? spec.unschedulable === true : undefined,
  };
}
