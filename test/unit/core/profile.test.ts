import { describe, expect, it } from '@jest/globals';
import { detectProfile, nodesByRole, type NodeFacts } from '../../../src/core/profile.js';
import { nodeFacts } from '../../../src/services/cluster/profile.js';

const node = (name: string, extra: Partial<NodeFacts> = {}): NodeFacts => ({
  name, labels: {}, annotations: {}, providerID: undefined, taints: [], ...extra,
});
const cp = { 'node-role.kubernetes.io/control-plane': '' };
const base = { contextName: 'ctx', server: 'https://127.0.0.1:6443', kubernetesVersion: 'v1.36.3', gatewayApi: false, embedded: undefined };

describe('nodesByRole', () => {
  it('splits by the control-plane (or legacy master) label and sorts by name', () => {
    const roles = nodesByRole([node('w2'), node('m', { labels: { 'node-role.kubernetes.io/master': '' } }), node('w1'), node('a-cp', { labels: cp })]);
    expect(roles).toEqual({ controlPlane: ['a-cp', 'm'], workers: ['w1', 'w2'] });
  });
});

describe('detectProfile', () => {
  it('recognises kind from the providerID and reaches the node through its container', () => {
    const nodes = [
      node('lab-control-plane', { labels: cp, providerID: 'kind://docker/lab/lab-control-plane' }),
      node('lab-worker', { providerID: 'kind://docker/lab/lab-worker' }),
    ];
    const profile = detectProfile({ ...base, nodes });
    expect(profile.engine).toBe('kind');
    expect(profile.nodeAccess).toEqual({ kind: 'container', runtime: 'docker', container: 'lab-control-plane' });
    expect(profile.etcd).toMatchObject({ endpoint: 'https://127.0.0.1:2379', caFile: '/etc/kubernetes/pki/etcd/ca.crt', runsIn: 'etcd-pod', etcdPod: 'etcd-lab-control-plane' });
    expect(profile.capabilities.realKubelets).toBe(true);
  });

  it('recognises podman-backed kind', () => {
    const profile = detectProfile({ ...base, nodes: [node('x-control-plane', { labels: cp, providerID: 'kind://podman/x/x-control-plane' })] });
    expect(profile.nodeAccess).toEqual({ kind: 'container', runtime: 'podman', container: 'x-control-plane' });
  });

  it('recognises minikube from its node label and uses its cert paths', () => {
    const nodes = [node('lab', { labels: { ...cp, 'minikube.k8s.io/name': 'lab' } }), node('lab-m02', { labels: { 'minikube.k8s.io/name': 'lab' } })];
    const profile = detectProfile({ ...base, nodes });
    expect(profile.engine).toBe('minikube');
    expect(profile.nodeAccess).toEqual({ kind: 'minikube-ssh', profile: 'lab', node: 'lab' });
    expect(profile.etcd?.caFile).toBe('/var/lib/minikube/certs/etcd/ca.crt');
    expect(profile.nodes.workers).toEqual(['lab-m02']);
  });

  it('prefers the embedded facts when the context points at the embedded cluster', () => {
    const etcd = { endpoint: 'https://127.0.0.1:2379', caFile: '/p/ca.crt', certFile: '/p/admin.crt', keyFile: '/p/admin.key', dataDir: '/d/etcd' };
    const profile = detectProfile({ ...base, nodes: [node('cka-lab-control-plane', { labels: cp, annotations: { 'kwok.x-k8s.io/node': 'fake' } })], gatewayApi: true, embedded: { etcd, clusterDir: '/d' } });
    expect(profile.engine).toBe('embedded');
    expect(profile.etcd).toEqual({ ...etcd, runsIn: 'local' });
    expect(profile.capabilities).toEqual({ realKubelets: false, controlPlaneFilesystem: true, etcd: true, etcdRestore: true, gatewayApi: true });
  });

  it('knows a kwok cluster it did not create has no real kubelets and no node access', () => {
    const profile = detectProfile({ ...base, nodes: [node('n1', { annotations: { 'kwok.x-k8s.io/node': 'fake' } })] });
    expect(profile.engine).toBe('other');
    expect(profile.capabilities).toEqual({ realKubelets: false, controlPlaneFilesystem: false, etcd: false, etcdRestore: false, gatewayApi: false });
    expect(profile.nodeAccess.kind).toBe('none');
  });

  it('assumes real kubelets on any other cluster', () => {
    expect(detectProfile({ ...base, nodes: [node('gke-1')] }).capabilities.realKubelets).toBe(true);
  });
});

describe('nodeFacts', () => {
  it('reads names, labels, annotations, providerID and taints from a raw NodeList', () => {
    const facts = nodeFacts({
      kind: 'NodeList',
      items: [{ metadata: { name: 'a', labels: { x: 'y' }, annotations: { k: 'v' } }, spec: { providerID: 'kind://docker/c/a', taints: [{ key: 't', effect: 'NoSchedule' }] } }, { metadata: { name: 'b' } }],
    });
    expect(facts).toEqual([
      { name: 'a', labels: { x: 'y' }, annotations: { k: 'v' }, providerID: 'kind://docker/c/a', taints: [{ key: 't', effect: 'NoSchedule' }] },
      { name: 'b', labels: {}, annotations: {}, providerID: undefined, taints: [] },
    ]);
    expect(nodeFacts({})).toEqual([]);
  });
});
