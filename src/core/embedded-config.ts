import { stringify } from 'yaml';
import type { BinaryName } from './engine-versions.js';

/** Ports of the embedded cluster's processes, all bound to 127.0.0.1. */
export interface EmbeddedPorts {
  readonly apiserver: number;
  readonly etcd: number;
  readonly etcdPeer: number;
  readonly kwokController: number;
  readonly controllerManager: number;
  readonly scheduler: number;
}

/** The ports a kubeadm cluster uses, so prompts and muscle memory match the exam when they are free. */
export const preferredPorts: EmbeddedPorts = {
  apiserver: 6443,
  etcd: 2379,
  etcdPeer: 2380,
  kwokController: 10247,
  controllerManager: 10257,
  scheduler: 10259,
};

export const embeddedClusterName = 'cka-lab';
export const embeddedContextName = `kwok-${embeddedClusterName}`;

export interface EmbeddedNodeNames {
  readonly controlPlane: string;
  readonly workers: readonly string[];
}

/** Named as kind names its nodes, so the same task text reads the same on both engines. */
export const embeddedNodeNames: EmbeddedNodeNames = {
  controlPlane: `${embeddedClusterName}-control-plane`,
  workers: [`${embeddedClusterName}-worker`, `${embeddedClusterName}-worker2`],
};

export interface EtcdTls {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** The PKI kwokctl generates: one CA and one admin cert that is valid for client and server use. */
export function embeddedEtcdTls(pkiDir: string): EtcdTls {
  return { caFile: `${pkiDir}/ca.crt`, certFile: `${pkiDir}/admin.crt`, keyFile: `${pkiDir}/admin.key` };
}

export interface KwokctlConfigInput {
  readonly binaries: Readonly<Record<BinaryName, string>>;
  readonly versions: { readonly kubernetes: string; readonly etcd: string };
  readonly ports: EmbeddedPorts;
  readonly pkiDir: string;
}

/**
 * The revision of what kwokctlConfiguration asks of a new cluster. A cluster recorded with another
 * revision is recreated by the next `cluster up`, so every cluster runs the current configuration.
 * 2: kube-controller-manager signs certificate requests.
 */
export const embeddedConfigRevision = 2;

/**
 * kwokctl's configuration for the binary runtime. kwokctl serves etcd over plain HTTP; the patches
 * switch its client URL to TLS with client-certificate auth, as kubeadm does, and point
 * kube-apiserver at it with its own client cert. kube-controller-manager signs approved
 * CertificateSigningRequests with the cluster CA, as kubeadm sets it up, so a user's client
 * certificate issued through the CSR API authenticates.
 */
export function kwokctlConfiguration(input: KwokctlConfigInput): string {
  const { binaries, ports } = input;
  const tls = embeddedEtcdTls(input.pkiDir);
  const etcdUrl = `https://127.0.0.1:${ports.etcd}`;
  const config = {
    apiVersion: 'config.kwok.x-k8s.io/v1alpha1',
    kind: 'KwokctlConfiguration',
    options: {
      runtime: 'binary',
      kubeVersion: input.versions.kubernetes,
      etcdVersion: input.versions.etcd.replace(/^v/, ''),
      bindAddress: '127.0.0.1',
      kubeApiserverPort: ports.apiserver,
      etcdPort: ports.etcd,
      etcdPeerPort: ports.etcdPeer,
      kwokControllerPort: ports.kwokController,
      kubeControllerManagerPort: ports.controllerManager,
      kubeSchedulerPort: ports.scheduler,
      // Local binaries: kwokctl would otherwise download release binaries.
      kubeApiserverBinary: binaries['kube-apiserver'],
      kubeControllerManagerBinary: binaries['kube-controller-manager'],
      kubeSchedulerBinary: binaries['kube-scheduler'],
      kubectlBinary: binaries.kubectl,
      etcdBinary: binaries.etcd,
      etcdctlBinary: binaries.etcdctl,
      etcdutlBinary: binaries.etcdutl,
      kwokControllerBinary: binaries.kwok,
      // A real kubelet's heartbeats (40 s node lease renewed every 10 s, status every 10 s).
      // kwokctl stretches them 5×, and a kwok restarted after a crash then waits 50 s before it
      // takes its nodes back.
      heartbeatFactor: 1,
    },
    componentsPatches: [
      {
        name: 'etcd',
        extraArgs: [
          { key: 'advertise-client-urls', value: etcdUrl, override: true },
          { key: 'listen-client-urls', value: etcdUrl, override: true },
          { key: 'cert-file', value: tls.certFile },
          { key: 'key-file', value: tls.keyFile },
          { key: 'trusted-ca-file', value: tls.caFile },
          { key: 'client-cert-auth', value: 'true' },
        ],
      },
      {
        name: 'kube-apiserver',
        extraArgs: [
          { key: 'etcd-servers', value: etcdUrl, override: true },
          { key: 'etcd-cafile', value: tls.caFile },
          { key: 'etcd-certfile', value: tls.certFile },
          { key: 'etcd-keyfile', value: tls.keyFile },
        ],
      },
      {
        name: 'kube-controller-manager',
        extraArgs: [
          { key: 'cluster-signing-cert-file', value: `${input.pkiDir}/ca.crt` },
          { key: 'cluster-signing-key-file', value: `${input.pkiDir}/ca.key` },
        ],
      },
    ],
  };
  return stringify(config);
}

export interface NodeManifest {
  readonly apiVersion: 'v1';
  readonly kind: 'Node';
  readonly metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  readonly spec: { taints?: Array<{ key: string; effect: string }> };
  readonly status: Record<string, unknown>;
}

/** The simulated nodes: kubeadm's role label and taint on the control plane, kind-like addresses. */
export function embeddedNodes(kubernetesVersion: string, names: EmbeddedNodeNames = embeddedNodeNames): NodeManifest[] {
  const all = [names.controlPlane, ...names.workers];
  return all.map((name, index) => {
    const controlPlane = name === names.controlPlane;
    const resources = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' };
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'beta.kubernetes.io/arch': 'amd64',
          ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        },
        // kwok-controller simulates the kubelet of every node carrying this annotation.
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      },
      spec: controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
      status: {
        capacity: resources,
        allocatable: resources,
        addresses: [
          { type: 'InternalIP', address: `172.18.0.${index + 2}` },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: kubernetesVersion,
          containerRuntimeVersion: 'kwok (simulated)',
          osImage: 'KWOK simulated node',
          architecture: 'amd64',
          operatingSystem: 'linux',
          kernelVersion: '',
          kubeProxyVersion: '',
          machineID: '',
          systemUUID: '',
          bootID: '',
        },
      },
    };
  });
}
