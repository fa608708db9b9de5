import type { AccessQuery, ClusterReader, KubeconfigProbe, KubeObject, ListQuery, SnapshotStatus } from '../../../src/core/grading/reader.js';
import type { ObjectRef } from '../../../src/core/tasks/model.js';

/** A cluster made of recorded objects, for grading without an API server. */
export interface FakeCluster {
  objects: KubeObject[];
  allow?: (query: AccessQuery) => boolean;
  snapshots?: Record<string, SnapshotStatus | string>;
  etcd?: Record<string, string>;
  files?: Record<string, string>;
  kubeconfigs?: Record<string, KubeconfigProbe>;
}

function matches(object: KubeObject, apiVersion: string, kind: string, namespace?: string): boolean {
  const meta = (object['metadata'] ?? {}) as { namespace?: string };
  return object['apiVersion'] === apiVersion && object['kind'] === kind && (namespace === undefined || meta.namespace === namespace);
}

export function fakeReader(cluster: FakeCluster): ClusterReader & { reviews: AccessQuery[] } {
  const reviews: AccessQuery[] = [];
  return {
    reviews,
    async get(ref: ObjectRef) {
      return cluster.objects.find((o) => matches(o, ref.apiVersion, ref.kind, ref.namespace) && (o['metadata'] as { name?: string }).name === ref.name);
    },
    async list(query: ListQuery) {
      const selector = Object.fromEntries((query.labelSelector ?? '').split(',').filter((s) => s !== '').map((s) => s.split('=') as [string, string]));
      return cluster.objects.filter((o) => {
        if (!matches(o, query.apiVersion, query.kind, query.namespace)) return false;
        const labels = ((o['metadata'] as { labels?: Record<string, string> }).labels ?? {});
        return Object.entries(selector).every(([k, v]) => labels[k] === v);
      });
    },
    async canI(query: AccessQuery) {
      reviews.push(query);
      return { allowed: cluster.allow?.(query) ?? false, reason: '' };
    },
    async snapshotStatus(path: string) {
      const found = cluster.snapshots?.[path];
      if (found === undefined) throw new Error('the file does not exist');
      if (typeof found === 'string') throw new Error(found);
      return found;
    },
    async etcdGet(key: string) {
      return cluster.etcd?.[key];
    },
    async readFile(path: string) {
      return cluster.files?.[path];
    },
    async probeKubeconfig(path: string) {
      return cluster.kubeconfigs?.[path];
    },
  };
}

export function node(name: string, extra: { labels?: Record<string, string>; taints?: unknown[]; unschedulable?: boolean } = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.labels ?? {}) } }, spec: { taints: extra.taints, unschedulable: extra.unschedulable } };
}

export function pod(name: string, namespace: string, spec: Record<string, unknown>, extra: { labels?: Record<string, string>; ready?: boolean; owner?: string; deleting?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace, labels: extra.labels ?? {},
      ...(extra.owner === undefined ? {} : { ownerReferences: [{ uid: extra.owner }] }),
      ...(extra.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec,
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
  };
}

export const nodes = [
  node('cp', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
  node('w1'),
  node('w2'),
];
