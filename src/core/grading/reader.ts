import type { ObjectRef } from '../tasks/model.js';

export type KubeObject = Readonly<Record<string, unknown>>;

export interface ListQuery {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
}

export interface AccessQuery {
  readonly user?: string;
  readonly groups: readonly string[];
  readonly verb: string;
  readonly resource: string;
  readonly group: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface SnapshotStatus {
  readonly revision: number;
  readonly totalKey: number;
  readonly hash: number;
  readonly totalSize: number;
}

/** A kubeconfig file as kubectl would use it: what it points at, and whether `get nodes` works. */
export interface KubeconfigProbe {
  readonly currentContext: string | undefined;
  readonly server: string | undefined;
  /** The cluster entry sets insecure-skip-tls-verify: the server's certificate is not checked. */
  readonly insecure: boolean;
  /** Why listing nodes with it failed; undefined when it worked. */
  readonly error: string | undefined;
}

/**
 * Everything a grader may do to a cluster: read. (A SubjectAccessReview is a create, but it
 * stores nothing: it asks the authorizer a question.) Implemented against the real API in
 * adapters/kube, and by recorded objects in unit tests.
 */
export interface ClusterReader {
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  list(query: ListQuery): Promise<KubeObject[]>;
  canI(query: AccessQuery): Promise<{ allowed: boolean; reason: string }>;
  /** `etcdutl snapshot status` of a file where the engine keeps backups; throws when invalid. */
  snapshotStatus(path: string): Promise<SnapshotStatus>;
  /** The value of a key read straight from etcd (outside the API), or undefined. */
  etcdGet(key: string): Promise<string | undefined>;
  /** A file on the control-plane node (or this machine, for the embedded engine). */
  readFile(path: string): Promise<string | undefined>;
  /** A kubeconfig file on this machine, tried with a read (`get nodes`); undefined when absent. */
  probeKubeconfig(path: string): Promise<KubeconfigProbe | undefined>;
}

/** The value as a plain object, or an empty one: raw API JSON read without trusting its shape. */
export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function field(object: unknown, ...keys: string[]): unknown {
  let current: unknown = object;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function text(object: unknown, ...keys: string[]): string | undefined {
  const value = field(object, ...keys);
  return typeof value === 'string' ? value : undefined;
}

export function items(object: unknown, ...keys: string[]): unknown[] {
  const value = field(object, ...keys);
  return Array.isArray(value) ? value : [];
}

/** A pod that is neither finished nor being deleted. */
export function isLivePod(pod: unknown): boolean {
  const phase = text(pod, 'status', 'phase');
  return field(pod, 'metadata', 'deletionTimestamp') === undefined && phase !== 'Succeeded' && phase !== 'Failed';
}

/** An object (pod, node) whose Ready condition is True. */
export function isReady(object: unknown): boolean {
  return items(object, 'status', 'conditions').some((c) => field(c, 'type') === 'Ready' && field(c, 'status') === 'True');
}

/** An object's name, or '?' when it has none, for messages. */
export function nameOf(object: unknown): string {
  return text(object, 'metadata', 'name') ?? '?';
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** What a grade says when an object it needs is missing: one wording everywhere. */
export function doesNotExist(ref: ObjectRef): string {
  return `${describeRef(ref)} does not exist.`;
}
