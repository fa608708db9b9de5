/**
 * Which Pods a check or verifier is about: by labels, by name, or by owner (a Deployment's Pods
 * through its ReplicaSets), live ones only unless finished Pods are asked for; and the pod spec
 * that a Pod runs or that a workload's template gives its Pods.
 */
import type { LabelSelection, ObjectRef, WorkloadKind } from '../tasks/model.js';
import { labelSelector } from './label-selector.js';
import { describeRef, doesNotExist, field, isLivePod, items, nameOf, text, type ClusterReader, type KubeObject } from './reader.js';

/** A Pod by name, or a workload whose template makes its Pods. */
export type PodSpecSource =
  | { readonly pod: { readonly name: string; readonly namespace: string } }
  | { readonly template: { readonly kind: WorkloadKind; readonly name: string; readonly namespace: string } };

/** The pod spec of a Pod, or of a workload's template (judged as the Pods it makes will be). */
export async function readPodSpec(reader: ClusterReader, source: PodSpecSource): Promise<{ podSpec: unknown; described: string } | { passed: false; message: string }> {
  const ref = 'pod' in source ? { apiVersion: 'v1', kind: 'Pod', name: source.pod.name, namespace: source.pod.namespace } : workloadRef(source.template.kind, source.template.name, source.template.namespace);
  const object = await reader.get(ref);
  if (object === undefined) return { passed: false, message: doesNotExist(ref) };
  return 'pod' in source
    ? { podSpec: field(object, 'spec'), described: describeRef(ref) }
    : { podSpec: field(object, 'spec', 'template', 'spec'), described: `${describeRef(ref)}'s Pod template` };
}

export function ownedBy(object: unknown, uids: ReadonlySet<string>): boolean {
  return items(object, 'metadata', 'ownerReferences').some((ref) => uids.has(String(field(ref, 'uid'))));
}

function workloadRef(kind: WorkloadKind, name: string, namespace: string): ObjectRef {
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, name, namespace };
}

/** Live pods selected by labels or by owner (a Deployment's pods through its ReplicaSets). */
export async function selectPods(reader: ClusterReader, selection: LabelSelection, includeFinished = false): Promise<{ pods: KubeObject[]; described: string } | { passed: false; message: string }> {
  const { namespace } = selection;
  // The reads do not depend on each other: one round trip instead of three.
  const ownerRef = selection.ownedBy === undefined ? undefined : workloadRef(selection.ownedBy.kind, selection.ownedBy.name, namespace);
  const [listed, owner, replicaSets] = await Promise.all([
    reader.list({ apiVersion: 'v1', kind: 'Pod', namespace, ...(selection.selector === undefined ? {} : { labelSelector: labelSelector(selection.selector) }) }),
    ownerRef === undefined ? undefined : reader.get(ownerRef),
    ownerRef?.kind === 'Deployment' ? reader.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace }) : [],
  ]);
  let pods = listed;
  let described = selection.selector === undefined ? `pods in ${namespace}` : `pods ${labelSelector(selection.selector)} in ${namespace}`;
  if (ownerRef !== undefined) {
    if (owner === undefined) return { passed: false, message: doesNotExist(ownerRef) };
    let uids = new Set([text(owner, 'metadata', 'uid') ?? '']);
    if (ownerRef.kind === 'Deployment') uids = new Set(replicaSets.filter((rs) => ownedBy(rs, uids)).map((rs) => text(rs, 'metadata', 'uid') ?? ''));
    pods = pods.filter((p) => ownedBy(p, uids));
    described = `pods of ${ownerRef.kind} ${namespace}/${ownerRef.name}`;
  }
  if (selection.name !== undefined) {
    pods = pods.filter((p) => nameOf(p) === selection.name);
    described = `pod ${namespace}/${selection.name}`;
  }
  const live = (p: KubeObject): boolean => isLivePod(p) || (includeFinished && field(p, 'metadata', 'deletionTimestamp') === undefined);
  return { pods: pods.filter(live), described };
}
