import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuthorizationV1Api, RbacAuthorizationV1Api, type V1Pod } from '@kubernetes/client-node';
import type { ClusterClients } from '../../src/adapters/kube/clients.js';
import { gatewayApiVersion } from '../../src/services/cluster/gateway-api.js';
import { readClusterProfile } from '../../src/services/cluster/profile.js';
import { resolveLabPaths } from '../../src/core/paths.js';
import { createNamespace, deleteNamespace, eventually, testClients } from './support.js';

const run = promisify(execFile);
const paths = resolveLabPaths(process.env, process.platform, process.env['HOME'] ?? '');
const controlPlane = 'cka-lab-control-plane';
const workers = ['cka-lab-worker', 'cka-lab-worker2'];

let clients: ClusterClients;
const namespaces: string[] = [];

jest.setTimeout(120_000);

beforeAll(async () => {
  clients = await testClients();
});

afterAll(async () => {
  await Promise.all(namespaces.map((ns) => deleteNamespace(clients, ns)));
});

async function readyPods(ns: string, selector: string): Promise<V1Pod[]> {
  const pods = await clients.core.listNamespacedPod({ namespace: ns, labelSelector: selector });
  return pods.items.filter((p) => p.metadata?.deletionTimestamp === undefined && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

async function deploy(ns: string, name: string, replicas: number): Promise<void> {
  await clients.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    },
  });
}

describe('the embedded cluster', () => {
  it('has a Ready control-plane node (role label, NoSchedule taint) and two Ready untainted workers', async () => {
    const nodes = (await clients.core.listNode()).items;
    const byName = new Map(nodes.map((n) => [n.metadata?.name ?? '', n]));
    for (const name of [controlPlane, ...workers]) {
      const node = byName.get(name);
      expect(node).toBeDefined();
      expect(node?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    const cp = byName.get(controlPlane);
    expect(cp?.metadata?.labels).toHaveProperty(['node-role.kubernetes.io/control-plane']);
    expect(cp?.spec?.taints).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' })]));
    for (const name of workers) {
      expect(byName.get(name)?.metadata?.labels).not.toHaveProperty(['node-role.kubernetes.io/control-plane']);
      expect(byName.get(name)?.spec?.taints ?? []).toEqual([]);
    }
  });

  it('runs the Kubernetes version it was built as, and the profile says embedded with TLS etcd', async () => {
    const profile = await readClusterProfile(clients, paths);
    expect(profile.kubernetesVersion).toBe('v1.36.3');
    expect(profile.engine).toBe('embedded');
    expect(profile.nodes).toEqual({ controlPlane: [controlPlane], workers });
    expect(profile.etcd?.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(profile.server).hostname).toBe('127.0.0.1');
  });

  it('serves the Gateway API CRDs of the pinned release, as an exam cluster does', async () => {
    const profile = await readClusterProfile(clients, paths);
    expect(profile.capabilities.gatewayApi).toBe(true);
    const crd = (await clients.getJson('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/httproutes.gateway.networking.k8s.io')) as { metadata: { annotations: Record<string, string> } };
    expect(crd.metadata.annotations['gateway.networking.k8s.io/bundle-version']).toBe(await gatewayApiVersion());
    expect(crd.metadata.annotations['gateway.networking.k8s.io/channel']).toBe('standard');
  });

  it('schedules a Deployment onto the workers only and its pods become Ready', async () => {
    const ns = await createNamespace(clients, 'it-deploy');
    namespaces.push(ns);
    await deploy(ns, 'web', 4);
    const pods = await eventually('4 ready pods', async () => {
      const ready = await readyPods(ns, 'app=web');
      return ready.length === 4 ? ready : undefined;
    });
    for (const pod of pods) expect(workers).toContain(pod.spec?.nodeName);
  });

  it('moves pods off a cordoned node when they are evicted', async () => {
    const ns = await createNamespace(clients, 'it-drain');
    namespaces.push(ns);
    const [keep, drain] = workers as [string, string];
    await deploy(ns, 'shop', 4);
    await eventually('4 ready pods', async () => ((await readyPods(ns, 'app=shop')).length === 4 ? true : undefined));
    try {
      await clients.core.patchNode({ name: drain, body: [{ op: 'replace', path: '/spec/unschedulable', value: true }] });
      const onDrained = (await readyPods(ns, 'app=shop')).filter((p) => p.spec?.nodeName === drain);
      expect(onDrained.length).toBeGreaterThan(0);
      for (const pod of onDrained) {
        await clients.core.createNamespacedPodEviction({
          name: pod.metadata?.name ?? '',
          namespace: ns,
          body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod.metadata?.name ?? '', namespace: ns } },
        });
      }
      const after = await eventually('4 ready pods, none on the cordoned node', async () => {
        const ready = await readyPods(ns, 'app=shop');
        const all = (await clients.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=shop' })).items;
        return ready.length === 4 && all.every((p) => p.spec?.nodeName !== drain) ? ready : undefined;
      });
      for (const pod of after) expect(pod.spec?.nodeName).toBe(keep);
    } finally {
      await clients.core.patchNode({ name: drain, body: [{ op: 'replace', path: '/spec/unschedulable', value: false }] });
    }
  });

  it('answers SubjectAccessReviews for a ServiceAccount both ways', async () => {
    const ns = await createNamespace(clients, 'it-rbac');
    namespaces.push(ns);
    const rbac = clients.kc.makeApiClient(RbacAuthorizationV1Api);
    const authz = clients.kc.makeApiClient(AuthorizationV1Api);
    await clients.core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'reader' } } });
    await rbac.createNamespacedRole({ namespace: ns, body: { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'reader' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
      },
    });
    const can = async (verb: string, namespace: string): Promise<boolean> => {
      const review = await authz.createSubjectAccessReview({
        body: {
          spec: {
            user: `system:serviceaccount:${ns}:reader`,
            groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
            resourceAttributes: { namespace, verb, resource: 'pods' },
          },
        },
      });
      return review.status?.allowed === true;
    };
    expect(await can('list', ns)).toBe(true);
    expect(await can('delete', ns)).toBe(false);
    expect(await can('list', 'default')).toBe(false);
  });

  it('serves etcd over TLS: etcdctl saves a snapshot newer than a marker object and etcdutl validates it', async () => {
    const profile = await readClusterProfile(clients, paths);
    const etcd = profile.etcd;
    if (etcd === undefined) throw new Error('the embedded profile has no etcd');
    const bin = process.env['CKA_LAB_TEST_BIN_DIR'] ?? '';
    const ns = await createNamespace(clients, 'it-etcd');
    namespaces.push(ns);
    const marker = await clients.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'marker' }, data: { at: new Date().toISOString() } } });
    const dir = await mkdtemp(join(tmpdir(), 'cka-lab-snap-'));
    try {
      const file = join(dir, 'snapshot.db');
      const tls = [`--cacert=${etcd.caFile}`, `--cert=${etcd.certFile}`, `--key=${etcd.keyFile}`];
      await expect(run(join(bin, 'etcdctl'), [`--endpoints=${etcd.endpoint}`, 'endpoint', 'health'])).rejects.toThrow();
      await run(join(bin, 'etcdctl'), [`--endpoints=${etcd.endpoint}`, ...tls, 'snapshot', 'save', file]);
      expect((await stat(file)).size).toBeGreaterThan(100_000);
      const { stdout } = await run(join(bin, 'etcdutl'), ['snapshot', 'status', file, '-w', 'json']);
      const status = JSON.parse(stdout) as { revision: number; totalKey: number; hash: number };
      expect(status.totalKey).toBeGreaterThan(100);
      expect(status.revision).toBeGreaterThanOrEqual(Number(marker.metadata?.resourceVersion));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
