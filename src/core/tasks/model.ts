/**
 * The task model: what a file under tasks/<domain>/ becomes once parsed and validated.
 * Strings may contain {{ variables }} filled from the ClusterProfile (see template.ts).
 */
import type { CapabilityName } from '../profile.js';

export const domains = ['cluster-architecture', 'workloads-scheduling', 'services-networking', 'storage', 'troubleshooting'] as const;
export type Domain = (typeof domains)[number];

/** CKA curriculum weights, in percent. */
export const domainWeights: Readonly<Record<Domain, number>> = {
  troubleshooting: 30,
  'cluster-architecture': 25,
  'services-networking': 20,
  'workloads-scheduling': 15,
  storage: 10,
};

export const domainTitles: Readonly<Record<Domain, string>> = {
  'cluster-architecture': 'Cluster Architecture, Installation and Configuration',
  'workloads-scheduling': 'Workloads and Scheduling',
  'services-networking': 'Services and Networking',
  storage: 'Storage',
  troubleshooting: 'Troubleshooting',
};

export type Difficulty = 'easy' | 'medium' | 'hard';

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export type Scalar = string | number | boolean | null;

/** One assertion on a field. Exactly one operator is set. */
export interface FieldMatch {
  readonly path: string;
  /** For paths with [*]: whether any or every selected value must satisfy the operator. */
  readonly mode?: 'any' | 'all';
  readonly equals?: unknown;
  readonly notEquals?: unknown;
  readonly contains?: Scalar;
  readonly matches?: string;
  readonly oneOf?: readonly Scalar[];
  readonly exists?: boolean;
  readonly gte?: number;
  readonly lte?: number;
  readonly gt?: number;
  readonly lt?: number;
  /** Compares Kubernetes quantities by value: 500m = 0.5, 1Gi = 1024Mi. */
  readonly quantity?: string;
  /** Compares container images as references: nginx:1.27 = docker.io/library/nginx:1.27. */
  readonly image?: string;
}

/** The kinds whose Pods are made from a template at spec.template. */
export const workloadKinds = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'] as const;
export type WorkloadKind = (typeof workloadKinds)[number];

export interface LabelSelection {
  readonly namespace: string;
  /** One pod by name (for tasks that name a bare Pod). */
  readonly name?: string;
  readonly selector?: Readonly<Record<string, string>>;
  readonly ownedBy?: { readonly kind: WorkloadKind; readonly name: string };
}

export interface Count {
  readonly equals?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface TaintSpec {
  readonly key: string;
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface AccessRule {
  readonly verb: string;
  readonly resource: string;
  readonly group?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export type Subject =
  | { readonly user: string; readonly groups?: readonly string[] }
  | { readonly group: string }
  | { readonly serviceAccount: string };

export type CheckSpec =
  | { readonly exists: ObjectRef }
  | { readonly absent: ObjectRef }
  | { readonly fields: { readonly object: ObjectRef; readonly match: readonly FieldMatch[] } }
  | {
      readonly pods: LabelSelection & {
        readonly count?: number | Count;
        readonly ready?: boolean;
        readonly phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
        readonly onNodes?: readonly string[];
        readonly notOnNodes?: readonly string[];
        readonly onNodesWithLabels?: Readonly<Record<string, string>>;
        /** How many of the selected pods each node of the cluster runs (a DaemonSet's: exactly 1). */
        readonly perNode?: number | Count;
        /** Every selected pod satisfies each match: the pods as admitted (LimitRange defaults included). */
        readonly match?: readonly FieldMatch[];
      };
    }
  | {
      /** Where a Pod — or the Pods a workload's template makes — may be scheduled. */
      readonly podScheduling: (
        | { readonly pod: { readonly name: string; readonly namespace: string } }
        | { readonly template: { readonly kind: WorkloadKind; readonly name: string; readonly namespace: string } }
      ) & {
        readonly onlyNodesWithLabels?: Readonly<Record<string, string>>;
        readonly tolerates?: readonly TaintSpec[];
      };
    }
  | {
      readonly node: {
        readonly name: string;
        readonly unschedulable?: boolean;
        readonly labels?: Readonly<Record<string, string | null>>;
        readonly taints?: { readonly includes?: readonly TaintSpec[]; readonly excludes?: readonly TaintSpec[] };
      };
    }
  | {
      /** The Service's EndpointSlices list the Ready pods selected, and no others, on the given port. */
      readonly serviceEndpoints: {
        readonly service: { readonly name: string; readonly namespace: string };
        readonly pods: LabelSelection;
        /** The port the endpoints carry: what the Service's targetPort resolves to. */
        readonly port?: number;
      };
    }
  | { readonly access: { readonly subject: Subject; readonly allowed?: readonly AccessRule[]; readonly denied?: readonly AccessRule[] } }
  | {
      readonly rollout: {
        readonly deployment: { readonly name: string; readonly namespace: string };
        readonly container?: string;
        readonly currentImage?: string;
        readonly historyIncludesImages?: readonly string[];
        readonly minRevision?: number;
      };
    }
  | {
      readonly workloadReady: {
        readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
        readonly name: string;
        readonly namespace: string;
        readonly replicas?: number;
      };
    }
  | { readonly etcdSnapshot: { readonly path: string; readonly newerThan?: ObjectRef } }
  | { readonly etcdKey: { readonly key: string; readonly exists: boolean } }
  | { readonly file: { readonly path: string; readonly contains?: string; readonly matches?: string } }
  | { readonly verifier: { readonly name: string; readonly params?: Readonly<Record<string, unknown>> } };

export type CheckKind = CheckSpec extends infer C ? (C extends Record<infer K, unknown> ? K : never) : never;

export interface Check {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  /**
   * The id of an earlier check this one counts after: a guard the starting state already
   * satisfies ("the Service is unchanged") earns nothing until the task's real work is done.
   */
  readonly after?: string;
  readonly spec: CheckSpec;
}

export type SetupStep =
  | { readonly apply: string }
  | {
      readonly node: {
        readonly name: string;
        readonly labels?: Readonly<Record<string, string | null>>;
        readonly taints?: readonly TaintSpec[];
        readonly removeTaints?: readonly string[];
        readonly unschedulable?: boolean;
      };
    }
  | { readonly waitFor: { readonly workloadReady?: { readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet'; readonly name: string; readonly namespace: string }; readonly pods?: LabelSelection & { readonly count: number; readonly phase?: string; readonly ready?: boolean }; readonly fields?: { readonly object: ObjectRef; readonly match: readonly FieldMatch[] }; readonly serviceEndpoints?: Extract<CheckSpec, { serviceEndpoints: unknown }>['serviceEndpoints'] } }
  | { readonly etcdSnapshot: { readonly path: string } }
  /** A key written straight into etcd, outside the API: only a restore from an older snapshot removes it. */
  | { readonly etcdPut: { readonly key: string; readonly value: string } }
  /**
   * A file for the user to work on, written on this machine (where kubectl runs) under
   * {{ workDir }}; an owns.files entry must cover it, so reset removes it.
   */
  | { readonly file: { readonly path: string; readonly content: string } }
  /**
   * A kubeconfig for the current context, standalone (its credentials inlined), written under
   * {{ workDir }} with the faults named in breaks for the user to repair, and the cluster's CA
   * certificate beside it in caFile; owns.files entries must cover both.
   */
  | { readonly kubeconfig: { readonly path: string; readonly caFile: string; readonly breaks: readonly KubeconfigBreak[] } };

/**
 * server-port: the server's port is one where nothing listens (6433 for 6443, as a typo makes it);
 * ca-path: certificate-authority names a file that does not exist.
 */
export const kubeconfigBreaks = ['server-port', 'ca-path'] as const;
export type KubeconfigBreak = (typeof kubeconfigBreaks)[number];

/** What reset restores or removes besides the task's namespaces. */
export interface Ownership {
  readonly objects: readonly ObjectRef[];
  readonly nodeLabels: ReadonlyArray<{ readonly node: string; readonly key: string }>;
  readonly nodeTaints: ReadonlyArray<{ readonly node: string; readonly key: string }>;
  readonly cordon: readonly string[];
  /**
   * Files on the control-plane node (this machine, for the embedded engine), removed by reset.
   * An entry under {{ workDir }} is on this machine and may be a directory: reset removes it whole.
   */
  readonly files: readonly string[];
}

export interface Task {
  readonly id: string;
  readonly title: string;
  readonly domain: Domain;
  readonly topics: readonly string[];
  readonly weight: number;
  readonly difficulty: Difficulty;
  readonly minutes: number;
  readonly requires: readonly CapabilityName[];
  /** Tasks that cannot share one cluster with this one in an exam (symmetric). */
  readonly conflicts: readonly string[];
  readonly namespaces: readonly string[];
  readonly owns: Ownership;
  readonly prompt: string;
  readonly setup: readonly SetupStep[];
  readonly checks: readonly Check[];
  readonly hints: readonly string[];
  readonly docs: readonly string[];
  /** Where the task was read from, for messages. */
  readonly file: string;
}
