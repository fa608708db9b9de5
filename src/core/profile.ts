/**
 * ClusterProfile: what tasks need to know about the cluster behind the current context, so one
 * task text and one grader work on the embedded engine, kind, minikube or another cluster.
 */

export type EngineKind = 'embedded' | 'kind' | 'minikube' | 'other';

/** How to reach the control-plane node's filesystem and run commands there. */
export type NodeAccess =
  | { readonly kind: 'local'; readonly description: string }
  | { readonly kind: 'container'; readonly runtime: 'docker' | 'podman'; readonly container: string }
  | { readonly kind: 'minikube-ssh'; readonly profile: string; readonly node: string }
  | { readonly kind: 'none'; readonly reason: string };

export interface EtcdAccess {
  readonly endpoint: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly dataDir: string;
  /** Where etcdctl/etcdutl run: on this machine, or inside the etcd static pod. */
  readonly runsIn: 'local' | 'etcd-pod';
  readonly etcdPod?: string;
}

export interface Capabilities {
  /** Real kubelets and container runtimes: logs, exec, probes, static pods, crictl. */
  readonly realKubelets: boolean;
  /** The control-plane node's files can be read and written (kubeadm manifests, backups). */
  readonly controlPlaneFilesystem: boolean;
  /** etcd is reachable with client certificates for snapshot save/status. */
  readonly etcd: boolean;
  /** etcd can be restored into a new data dir and restarted by the user. */
  readonly etcdRestore: boolean;
  /** The API serves the Gateway API (gateway.networking.k8s.io/v1 Gateways and HTTPRoutes). */
  readonly gatewayApi: boolean;
}

export const capabilityNames = ['realKubelets', 'controlPlaneFilesystem', 'etcd', 'etcdRestore', 'gatewayApi'] as const satisfies ReadonlyArray<keyof Capabilities>;
export type CapabilityName = (typeof capabilityNames)[number];

export interface ClusterProfile {
  readonly engine: EngineKind;
  readonly contextName: string;
  readonly server: string;
  readonly kubernetesVersion: string;
  readonly nodes: { readonly controlPlane: readonly string[]; readonly workers: readonly string[] };
  readonly nodeAccess: NodeAccess;
  readonly etcd: EtcdAccess | undefined;
  readonly capabilities: Capabilities;
}

/** The fields of a Node that identify its engine and role, as the API serves them. */
export interface NodeFacts {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly providerID: string | undefined;
  readonly taints: ReadonlyArray<{ readonly key: string; readonly effect: string }>;
}

export const controlPlaneLabel = 'node-role.kubernetes.io/control-plane';
const legacyMasterLabel = 'node-role.kubernetes.io/master';

export function isControlPlane(node: NodeFacts): boolean {
  return controlPlaneLabel in node.labels || legacyMasterLabel in node.labels;
}

/** Names sorted the way kubectl lists them, so "the first worker" means the same to everyone. */
export function nodesByRole(nodes: readonly NodeFacts[]): ClusterProfile['nodes'] {
  const sorted = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
  return {
    controlPlane: sorted.filter(isControlPlane).map((n) => n.name),
    workers: sorted.filter((n) => !isControlPlane(n)).map((n) => n.name),
  };
}

/** kind sets providerID `kind://<runtime>/<cluster>/<node>`. */
export function kindProvider(node: NodeFacts): { runtime: 'docker' | 'podman'; cluster: string } | undefined {
  const match = /^kind:\/\/(docker|podman)\/([^/]+)\/[^/]+$/.exec(node.providerID ?? '');
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { runtime: match[1] === 'podman' ? 'podman' : 'docker', cluster: match[2] };
}

export function minikubeProfileOf(node: NodeFacts): string | undefined {
  return node.labels['minikube.k8s.io/name'];
}

export function isKwokNode(node: NodeFacts): boolean {
  return node.annotations['kwok.x-k8s.io/node'] === 'fake';
}

export interface DetectInput {
  readonly contextName: string;
  readonly server: string;
  readonly kubernetesVersion: string;
  readonly nodes: readonly NodeFacts[];
  /** Whether the API serves gateway.networking.k8s.io/v1 Gateways and HTTPRoutes. */
  readonly gatewayApi: boolean;
  /** Set when the context points at the embedded cluster cka-lab runs on this machine. */
  readonly embedded: { readonly etcd: Omit<EtcdAccess, 'runsIn'>; readonly clusterDir: string } | undefined;
}

const kubeadmEtcdPki = '/etc/kubernetes/pki/etcd';

/** Works out the engine and what it can do from facts read off the cluster and this machine. */
export function detectProfile(input: DetectInput): ClusterProfile {
  const { nodes } = input;
  const roles = nodesByRole(nodes);
  const base = { contextName: input.contextName, server: input.server, kubernetesVersion: input.kubernetesVersion, nodes: roles };
  const firstControlPlane = roles.controlPlane[0];

  if (input.embedded !== undefined) {
    return {
      ...base,
      engine: 'embedded',
      nodeAccess: { kind: 'local', description: `this machine (the cluster's files are under ${input.embedded.clusterDir})` },
      etcd: { ...input.embedded.etcd, runsIn: 'local' },
      capabilities: { realKubelets: false, controlPlaneFilesystem: true, etcd: true, etcdRestore: true, gatewayApi: input.gatewayApi },
    };
  }

  const kind = nodes.map(kindProvider).find((k) => k !== undefined);
  if (kind !== undefined) {
    const cp = firstControlPlane;
    return {
      ...base,
      engine: 'kind',
      nodeAccess: cp === undefined ? { kind: 'none', reason: 'no control-plane node found' } : { kind: 'container', runtime: kind.runtime, container: cp },
      etcd: cp === undefined ? undefined : kubeadmEtcd(cp, '/var/lib/etcd', kubeadmEtcdPki),
      capabilities: { realKubelets: true, controlPlaneFilesystem: cp !== undefined, etcd: cp !== undefined, etcdRestore: cp !== undefined, gatewayApi: input.gatewayApi },
    };
  }

  const minikubeProfile = nodes.map(minikubeProfileOf).find((p) => p !== undefined);
  if (minikubeProfile !== undefined) {
    const cp = firstControlPlane;
    return {
      ...base,
      engine: 'minikube',
      nodeAccess: cp === undefined ? { kind: 'none', reason: 'no control-plane node found' } : { kind: 'minikube-ssh', profile: minikubeProfile, node: cp },
      etcd: cp === undefined ? undefined : kubeadmEtcd(cp, '/var/lib/minikube/etcd', '/var/lib/minikube/certs/etcd'),
      capabilities: { realKubelets: true, controlPlaneFilesystem: cp !== undefined, etcd: cp !== undefined, etcdRestore: cp !== undefined, gatewayApi: input.gatewayApi },
    };
  }

  const simulated = nodes.length > 0 && nodes.every(isKwokNode);
  return {
    ...base,
    engine: 'other',
    nodeAccess: { kind: 'none', reason: 'cka-lab cannot reach the nodes of this cluster' },
    etcd: undefined,
    capabilities: { realKubelets: !simulated, controlPlaneFilesystem: false, etcd: false, etcdRestore: false, gatewayApi: input.gatewayApi },
  };
}

function kubeadmEtcd(controlPlane: string, dataDir: string, pki: string): EtcdAccess {
  return {
    endpoint: 'https://127.0.0.1:2379',
    caFile: `${pki}/ca.crt`,
    certFile: `${pki}/server.crt`,
    keyFile: `${pki}/server.key`,
    dataDir,
    runsIn: 'etcd-pod',
    etcdPod: `etcd-${controlPlane}`,
  };
}

/** Where a cluster's owner learns to install the Gateway API CRDs (standard channel). */
export const gatewayApiInstallGuide = 'https://gateway-api.sigs.k8s.io/guides/getting-started/#installing-gateway-api';

/** For messages: which engines can honour a capability the current one lacks. */
export function enginesWith(capability: CapabilityName): string {
  switch (capability) {
    case 'realKubelets':
      return 'kind or minikube';
    case 'controlPlaneFilesystem':
    case 'etcd':
    case 'etcdRestore':
      return 'the embedded engine, kind or minikube';
    case 'gatewayApi':
      return 'the embedded engine (it installs the Gateway API CRDs), or any cluster with them installed';
  }
}
