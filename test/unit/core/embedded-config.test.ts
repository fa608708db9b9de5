import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { embeddedNodes, kwokctlConfiguration, preferredPorts } from '../../../src/core/embedded-config.js';
import { binaryNames, type BinaryName } from '../../../src/core/engine-versions.js';

const binaries = Object.fromEntries(binaryNames.map((n) => [n, `/cache/bin/${n}`])) as Record<BinaryName, string>;

interface Patch { name: string; extraArgs: Array<{ key: string; value: string; override?: boolean }> }

describe('kwokctlConfiguration', () => {
  const config = parse(kwokctlConfiguration({ binaries, versions: { kubernetes: 'v1.36.3', etcd: 'v3.6.14' }, ports: preferredPorts, pkiDir: '/state/pki' })) as {
    options: Record<string, unknown>;
    componentsPatches: Patch[];
  };

  it('runs every component from local binaries, bound to loopback', () => {
    expect(config.options['runtime']).toBe('binary');
    expect(config.options['bindAddress']).toBe('127.0.0.1');
    expect(config.options['kubeApiserverBinary']).toBe('/cache/bin/kube-apiserver');
    expect(config.options['etcdBinary']).toBe('/cache/bin/etcd');
    expect(config.options['etcdctlBinary']).toBe('/cache/bin/etcdctl');
    expect(config.options['kwokControllerBinary']).toBe('/cache/bin/kwok');
    expect(config.options['heartbeatFactor']).toBe(1);
    expect(config.options['etcdVersion']).toBe('3.6.14');
  });

  it('pins every port so none is picked behind our back', () => {
    expect(config.options).toMatchObject({
      kubeApiserverPort: 6443, etcdPort: 2379, etcdPeerPort: 2380, kwokControllerPort: 10247, kubeControllerManagerPort: 10257, kubeSchedulerPort: 10259,
    });
  });

  it('serves etcd over TLS with client-certificate auth, and points kube-apiserver at it', () => {
    const etcd = config.componentsPatches.find((p) => p.name === 'etcd');
    const apiserver = config.componentsPatches.find((p) => p.name === 'kube-apiserver');
    expect(etcd?.extraArgs).toEqual(expect.arrayContaining([
      { key: 'listen-client-urls', value: 'https://127.0.0.1:2379', override: true },
      { key: 'advertise-client-urls', value: 'https://127.0.0.1:2379', override: true },
      { key: 'client-cert-auth', value: 'true' },
      { key: 'trusted-ca-file', value: '/state/pki/ca.crt' },
    ]));
    expect(apiserver?.extraArgs).toEqual(expect.arrayContaining([
      { key: 'etcd-servers', value: 'https://127.0.0.1:2379', override: true },
      { key: 'etcd-certfile', value: '/state/pki/admin.crt' },
    ]));
  });

  it('has kube-controller-manager sign certificate requests with the cluster CA, as kubeadm does', () => {
    const controllerManager = config.componentsPatches.find((p) => p.name === 'kube-controller-manager');
    expect(controllerManager?.extraArgs).toEqual([
      { key: 'cluster-signing-cert-file', value: '/state/pki/ca.crt' },
      { key: 'cluster-signing-key-file', value: '/state/pki/ca.key' },
    ]);
  });
});

describe('embeddedNodes', () => {
  const nodes = embeddedNodes('v1.36.3');

  it('has one control-plane node with kubeadm label and taint, and two untainted workers', () => {
    expect(nodes.map((n) => n.metadata.name)).toEqual(['cka-lab-control-plane', 'cka-lab-worker', 'cka-lab-worker2']);
    const [cp, w1, w2] = nodes;
    expect(cp?.metadata.labels).toHaveProperty(['node-role.kubernetes.io/control-plane'], '');
    expect(cp?.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    for (const worker of [w1, w2]) {
      expect(worker?.metadata.labels).not.toHaveProperty(['node-role.kubernetes.io/control-plane']);
      expect(worker?.spec.taints).toBeUndefined();
    }
  });

  it('marks every node for kwok and reports the real kubelet version', () => {
    for (const node of nodes) {
      expect(node.metadata.annotations['kwok.x-k8s.io/node']).toBe('fake');
      expect(node.status['nodeInfo']).toMatchObject({ kubeletVersion: 'v1.36.3' });
      expect(node.metadata.labels['kubernetes.io/hostname']).toBe(node.metadata.name);
    }
  });
});
