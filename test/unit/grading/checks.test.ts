import { describe, expect, it } from '@jest/globals';
import { evaluateCheck, gradeChecks } from '../../../src/core/grading/checks.js';
import type { Check, CheckSpec } from '../../../src/core/tasks/model.js';
import { fakeReader, node, nodes, pod, type FakeCluster } from './fake-reader.js';

const check = (spec: CheckSpec, id = 'c'): Check => ({ id, title: id, points: 2, spec });
const grade = (cluster: FakeCluster, spec: CheckSpec) => evaluateCheck(check(spec), fakeReader(cluster));

const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns', resourceVersion: '500' }, data: { a: '1' } };
const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'ns' };

describe('exists / absent', () => {
  it('finds a present object and names a missing one', async () => {
    expect(await grade({ objects: [cm] }, { exists: ref })).toMatchObject({ passed: true, points: 2, maxPoints: 2 });
    expect(await grade({ objects: [] }, { exists: ref })).toMatchObject({ passed: false, points: 0, message: 'ConfigMap ns/x does not exist.' });
  });

  it('treats an object being deleted as gone', async () => {
    expect(await grade({ objects: [cm] }, { absent: ref })).toMatchObject({ passed: false, message: 'ConfigMap ns/x still exists; it should be gone.' });
    expect(await grade({ objects: [{ ...cm, metadata: { ...cm.metadata, deletionTimestamp: 'now' } }] }, { absent: ref })).toMatchObject({ passed: true });
  });
});

describe('fields', () => {
  const deploy = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ns' },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }, { name: 'web', image: 'docker.io/library/nginx:1.27', resources: { limits: { cpu: '500m', memory: '1Gi' } } }] } } },
  };
  const dref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'ns' };

  it('selects list items by identity and compares images as references', async () => {
    const result = await grade({ objects: [deploy] }, { fields: { object: dref, match: [{ path: 'spec.template.spec.containers[name=web].image', image: 'nginx:1.27' }] } });
    expect(result.passed).toBe(true);
  });

  it('compares quantities by value', async () => {
    const match = [{ path: 'spec.template.spec.containers[name=web].resources.limits.cpu', quantity: '0.5' }, { path: 'spec.template.spec.containers[name=web].resources.limits.memory', quantity: '1024Mi' }];
    expect((await grade({ objects: [deploy] }, { fields: { object: dref, match } })).passed).toBe(true);
    const wrong = await grade({ objects: [deploy] }, { fields: { object: dref, match: [{ path: 'spec.template.spec.containers[name=web].resources.limits.memory', quantity: '1G' }] } });
    expect(wrong.passed).toBe(false);
  });

  it('does not coerce "3" to 3', async () => {
    expect((await grade({ objects: [deploy] }, { fields: { object: dref, match: [{ path: 'spec.replicas', equals: '3' }] } })).passed).toBe(false);
    expect((await grade({ objects: [deploy] }, { fields: { object: dref, match: [{ path: 'spec.replicas', equals: 3 }] } })).passed).toBe(true);
  });

  it('says what was found instead when a selector matches nothing', async () => {
    const result = await grade({ objects: [deploy] }, { fields: { object: dref, match: [{ path: 'spec.template.spec.containers[name=api].image', image: 'nginx:1.27' }] } });
    expect(result.message).toContain('spec.template.spec.containers[name=api] not found');
    expect(result.message).toContain('names: sidecar, web');
  });

  it('fails "all" over an empty list instead of passing vacuously', async () => {
    const empty = { ...deploy, spec: { template: { spec: { containers: [] } } } };
    const result = await grade({ objects: [empty] }, { fields: { object: dref, match: [{ path: 'spec.template.spec.containers[*].image', mode: 'all', image: 'nginx:1.27' }] } });
    expect(result.passed).toBe(false);
  });

  it('prints bounds without an equals sign', async () => {
    const result = await grade({ objects: [deploy] }, { fields: { object: dref, match: [{ path: 'spec.replicas', gte: 4 }] } });
    expect(result.message).toContain('expected spec.replicas ≥ 4, found spec.replicas = 3');
  });
});

describe('pods', () => {
  const objects = [
    ...nodes,
    pod('a', 'ns', { nodeName: 'w1' }, { labels: { app: 'shop' } }),
    pod('b', 'ns', { nodeName: 'w2' }, { labels: { app: 'shop' }, ready: false }),
    pod('gone', 'ns', { nodeName: 'w2' }, { labels: { app: 'shop' }, deleting: true }),
  ];

  it('ignores terminating pods and checks count, readiness and placement', async () => {
    expect((await grade({ objects }, { pods: { namespace: 'ns', selector: { app: 'shop' }, count: 2 } })).passed).toBe(true);
    const ready = await grade({ objects }, { pods: { namespace: 'ns', selector: { app: 'shop' }, ready: true } });
    expect(ready).toMatchObject({ passed: false });
    expect(ready.message).toContain('not Ready: b');
    const placed = await grade({ objects }, { pods: { namespace: 'ns', selector: { app: 'shop' }, notOnNodes: ['w2'] } });
    expect(placed.message).toContain('expected none on w2, but b on w2 (not ready)');
  });

  it('selects pods through a Deployment and its ReplicaSets', async () => {
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ns', uid: 'd1' } };
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'ns', uid: 'r1', ownerReferences: [{ uid: 'd1' }] } };
    const mine = pod('web-1-x', 'ns', { nodeName: 'w1' }, { owner: 'r1' });
    const other = pod('other', 'ns', { nodeName: 'w1' }, { owner: 'r9' });
    const result = await grade({ objects: [deploy, rs, mine, other] }, { pods: { namespace: 'ns', ownedBy: { kind: 'Deployment', name: 'web' }, count: 1 } });
    expect(result).toMatchObject({ passed: true });
  });

  it('never passes an empty selection without a count', async () => {
    expect((await grade({ objects: nodes }, { pods: { namespace: 'ns', selector: { app: 'none' }, ready: true } })).passed).toBe(false);
  });
});

describe('pods per node', () => {
  const agent = (name: string, nodeName: string | undefined, ready = true) => pod(name, 'ns', nodeName === undefined ? {} : { nodeName }, { labels: { app: 'agent' }, ready });
  const perNode = (count: number | { max: number }) => ({ pods: { namespace: 'ns', selector: { app: 'agent' }, ready: true, perNode: count } });

  it('Given one Ready pod on each node, then exactly 1 per node passes', async () => {
    const result = await grade({ objects: [...nodes, agent('a-cp', 'cp'), agent('a-w1', 'w1'), agent('a-w2', 'w2')] }, perNode(1));
    expect(result).toMatchObject({ passed: true, message: 'Pods app=agent in ns: 3 Ready — a-cp on cp, a-w1 on w1, a-w2 on w2, exactly 1 on every node.' });
  });

  it('Given a node without one and a node with two, then it names both; an unscheduled pod counts on no node', async () => {
    const result = await grade({ objects: [...nodes, agent('a-w1', 'w1'), agent('b-w1', 'w1'), agent('a-w2', 'w2'), agent('pending', undefined, false)] }, perNode(1));
    expect(result).toMatchObject({ passed: false, message: 'Pods app=agent in ns: not Ready: pending; expected exactly 1 on every node (3 nodes), but none on cp, 2 on w1 (a-w1, b-w1).' });
  });

  it('takes a count range, e.g. at most one per node', async () => {
    expect((await grade({ objects: [...nodes, agent('a-w1', 'w1'), agent('a-w2', 'w2')] }, perNode({ max: 1 }))).passed).toBe(true);
    expect((await grade({ objects: [...nodes, agent('a-w1', 'w1'), agent('b-w1', 'w1')] }, perNode({ max: 1 }))).message).toContain('expected at most 1 on every node (3 nodes), but 2 on w1 (a-w1, b-w1)');
  });
});

describe('podScheduling', () => {
  const labelled = [node('w1', { labels: { disktype: 'ssd' } }), node('w2'), nodes[0] ?? node('cp')];
  const spec = (podSpec: Record<string, unknown>) => ({ objects: [...labelled, pod('p', 'ns', podSpec)] });
  const only = { podScheduling: { pod: { name: 'p', namespace: 'ns' }, onlyNodesWithLabels: { disktype: 'ssd' } } };

  it('accepts nodeSelector and required node affinity alike', async () => {
    expect((await grade(spec({ nodeSelector: { disktype: 'ssd' }, nodeName: 'w1' }), only)).passed).toBe(true);
    const affinity = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }] }] } } } };
    expect((await grade(spec(affinity), only)).passed).toBe(true);
  });

  it('rejects a pod pinned with nodeName only, naming where else it could run', async () => {
    const result = await grade(spec({ nodeName: 'w1' }), only);
    expect(result.passed).toBe(false);
    expect(result.message).toContain('it could be scheduled onto w2, cp, not labelled disktype=ssd; it must only go to nodes labelled disktype=ssd (nodeSelector none; required node affinity none)');
  });

  it('rejects a hostname pin that holds only while the label is there', async () => {
    expect((await grade(spec({ nodeSelector: { 'kubernetes.io/hostname': 'w1' } }), only)).passed).toBe(false);
  });

  it('applies the API toleration rules: Exists, Equal, empty effect, empty key', async () => {
    const tolerates = { podScheduling: { pod: { name: 'p', namespace: 'ns' }, tolerates: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const }] } };
    const pass = [
      [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'gpu' }],
      [{ key: 'dedicated', operator: 'Exists' }],
      [{ operator: 'Exists' }],
    ];
    for (const tolerations of pass) expect((await grade(spec({ tolerations }), tolerates)).passed).toBe(true);
    const fail = [
      [{ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }],
      [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
      [],
    ];
    for (const tolerations of fail) expect((await grade(spec({ tolerations }), tolerates)).passed).toBe(false);
  });
});

describe('podScheduling of a workload template', () => {
  const daemonSet = (tolerations: unknown[] | undefined) => ({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ns' },
    spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox' }], ...(tolerations === undefined ? {} : { tolerations }) } } },
  });
  const controlPlane = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
  const tolerates = { podScheduling: { template: { kind: 'DaemonSet' as const, name: 'agent', namespace: 'ns' }, tolerates: [controlPlane] } };

  it('Given the key with its effect, the key with Exists, or a bare Exists, then the template tolerates the control-plane taint', async () => {
    const pass = [
      [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }],
      [{ operator: 'Exists' }],
    ];
    for (const tolerations of pass) {
      expect(await grade({ objects: [daemonSet(tolerations)] }, tolerates)).toMatchObject({ passed: true, message: "DaemonSet ns/agent's Pod template tolerates node-role.kubernetes.io/control-plane:NoSchedule." });
    }
  });

  it("Given the old master key, or none, then it fails with the template's tolerations; a missing workload is named", async () => {
    const master = await grade({ objects: [daemonSet([{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }])] }, tolerates);
    expect(master.message).toBe("DaemonSet ns/agent's Pod template: it does not tolerate the taint node-role.kubernetes.io/control-plane:NoSchedule (tolerations: node-role.kubernetes.io/master Exists:NoSchedule).");
    expect((await grade({ objects: [daemonSet(undefined)] }, tolerates)).message).toContain('(tolerations: none)');
    expect((await grade({ objects: [] }, tolerates)).message).toBe('DaemonSet ns/agent does not exist.');
  });

  it('reads a Job from batch/v1 and judges node constraints of its template too', async () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'ns' }, spec: { template: { spec: { nodeSelector: { disktype: 'ssd' } } } } };
    const only = { podScheduling: { template: { kind: 'Job' as const, name: 'j', namespace: 'ns' }, onlyNodesWithLabels: { disktype: 'ssd' } } };
    expect((await grade({ objects: [node('w1', { labels: { disktype: 'ssd' } }), node('w2'), job] }, only)).passed).toBe(true);
  });
});

describe('node', () => {
  const objects = [node('w1', { labels: { disktype: 'ssd' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }], unschedulable: true })];
  it('checks cordon, labels (null = absent) and taints', async () => {
    expect((await grade({ objects }, { node: { name: 'w1', unschedulable: true, labels: { disktype: 'ssd', gpu: null }, taints: { includes: [{ key: 'dedicated', effect: 'NoSchedule' }] } } })).passed).toBe(true);
    const result = await grade({ objects }, { node: { name: 'w1', unschedulable: false, taints: { excludes: [{ key: 'dedicated' }] } } });
    expect(result.message).toBe('Node w1: it is cordoned (spec.unschedulable: true); expected it schedulable; taint dedicated=gpu:NoSchedule should be gone.');
  });
});

describe('access', () => {
  it('sends a ServiceAccount with its groups and reports missing and extra permissions', async () => {
    const reader = fakeReader({ objects: [], allow: (q) => q.verb !== 'create' || q.namespace === 'other' });
    const result = await evaluateCheck(check({ access: { subject: { serviceAccount: 'rbac-1/deployer' }, allowed: [{ verb: 'create', resource: 'deployments', group: 'apps', namespace: 'rbac-1' }], denied: [{ verb: 'delete', resource: 'deployments', group: 'apps', namespace: 'rbac-1' }] } }), reader);
    expect(reader.reviews[0]).toMatchObject({ user: 'system:serviceaccount:rbac-1:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:rbac-1', 'system:authenticated'] });
    expect(result.message).toBe('ServiceAccount rbac-1/deployer cannot create deployments.apps in rbac-1 (expected allowed); can delete deployments.apps in rbac-1 (expected denied).');
  });
});

describe('rollout and workloadReady', () => {
  const deploy = (image: string, revision: string, status: Record<string, number>) => ({
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', uid: 'd', generation: 4, annotations: { 'deployment.kubernetes.io/revision': revision } },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image }] } } },
    status: { observedGeneration: 4, ...status },
  });
  const rs = (image: string, revision: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `web-${revision}`, namespace: 'ns', ownerReferences: [{ uid: 'd' }], annotations: { 'deployment.kubernetes.io/revision': revision } }, spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });
  const full = { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 };

  it('sees a rollback: old image at a newer revision, the update in history', async () => {
    const objects = [deploy('nginx:1.25', '3', full), rs('nginx:1.25', '3'), rs('nginx:1.27', '2')];
    expect((await grade({ objects }, { rollout: { deployment: { name: 'web', namespace: 'ns' }, currentImage: 'nginx:1.25', historyIncludesImages: ['nginx:1.27'], minRevision: 3 } })).passed).toBe(true);
    const notRolledBack = [deploy('nginx:1.27', '2', full), rs('nginx:1.25', '1'), rs('nginx:1.27', '2')];
    const result = await grade({ objects: notRolledBack }, { rollout: { deployment: { name: 'web', namespace: 'ns' }, currentImage: 'nginx:1.25', minRevision: 3 } });
    expect(result.message).toContain('expected the current image nginx:1.25, found nginx:1.27');
    expect(result.message).toContain('revision 1: nginx:1.25; revision 2: nginx:1.27');
  });

  it('requires a complete, observed rollout and counts old pods right', async () => {
    expect((await grade({ objects: [deploy('nginx', '1', full)] }, { workloadReady: { kind: 'Deployment', name: 'web', namespace: 'ns', replicas: 3 } })).passed).toBe(true);
    const mid = await grade({ objects: [deploy('nginx', '2', { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })] }, { workloadReady: { kind: 'Deployment', name: 'web', namespace: 'ns' } });
    expect(mid.message).toContain('3 pod(s) of an older revision still running');
  });
});

describe('etcd, files and API errors', () => {
  it('judges a snapshot newer than the marker, and an older one as too old', async () => {
    const marker = { etcdSnapshot: { path: '/b/s.db', newerThan: ref } };
    expect((await grade({ objects: [cm], snapshots: { '/b/s.db': { revision: 600, totalKey: 10, hash: 1, totalSize: 1 } } }, marker)).passed).toBe(true);
    const old = await grade({ objects: [cm], snapshots: { '/b/s.db': { revision: 400, totalKey: 10, hash: 1, totalSize: 1 } } }, marker);
    expect(old.message).toContain('older than the task');
    expect((await grade({ objects: [cm], snapshots: { '/b/s.db': 'invalid database' } }, marker)).message).toBe('/b/s.db is not a valid etcd snapshot: invalid database.');
  });

  it('checks raw etcd keys and files', async () => {
    expect((await grade({ objects: [], etcd: { '/cka-lab/k': 'v' } }, { etcdKey: { key: '/cka-lab/k', exists: false } })).passed).toBe(false);
    expect((await grade({ objects: [] }, { etcdKey: { key: '/cka-lab/k', exists: false } })).passed).toBe(true);
    expect((await grade({ objects: [], files: { '/f': 'hello\nworld' } }, { file: { path: '/f', matches: '^world$' } })).passed).toBe(true);
  });

  it('reports an API error on one check and still grades the others', async () => {
    const reader = fakeReader({ objects: [cm] });
    const broken = { ...reader, get: async () => Promise.reject(new Error('GET /api/v1: 503 unavailable')) };
    const result = await gradeChecks('t', [check({ exists: ref }, 'a'), check({ file: { path: '/nope' } }, 'b')], { ...broken, readFile: async () => 'x' });
    expect(result.checks[0]).toMatchObject({ passed: false, error: 'GET /api/v1: 503 unavailable' });
    expect(result.checks[1]).toMatchObject({ passed: true });
    expect(result).toMatchObject({ score: 2, maxScore: 4, percent: 50, passed: false });
  });
});

describe('checks that count after another', () => {
  const present = { exists: ref } as const;
  const missing = { exists: { ...ref, name: 'y' } } as const;
  const gated = (spec: CheckSpec, id: string, after: string): Check => ({ ...check(spec, id), after });

  it('holds a passing guard while the check it counts after fails, and says why', async () => {
    const result = await gradeChecks('t', [check(missing, 'work'), gated(present, 'guard', 'work')], fakeReader({ objects: [cm] }));
    expect(result.checks[1]).toMatchObject({ id: 'guard', passed: false, points: 0, maxPoints: 2 });
    expect(result.checks[1]?.message).toBe('Not counted yet: it counts once "work" passes. (On its own: ConfigMap ns/x exists.)');
    expect(result).toMatchObject({ score: 0, maxScore: 4, passed: false });
  });

  it('counts the guard once the work is done, and a failing guard fails with its own message', async () => {
    const done = await gradeChecks('t', [check(present, 'work'), gated(present, 'guard', 'work')], fakeReader({ objects: [cm] }));
    expect(done).toMatchObject({ score: 4, passed: true });
    const broken = await gradeChecks('t', [check(present, 'work'), gated(missing, 'guard', 'work')], fakeReader({ objects: [cm] }));
    expect(broken.checks[1]).toMatchObject({ passed: false, message: 'ConfigMap ns/y does not exist.' });
  });

  it('follows a chain: a guard of a held guard is held too', async () => {
    const result = await gradeChecks('t', [check(missing, 'work'), gated(present, 'first', 'work'), gated(present, 'second', 'first')], fakeReader({ objects: [cm] }));
    expect(result.checks.map((c) => c.passed)).toEqual([false, false, false]);
  });
});

describe('pods by phase', () => {
  it('narrows the selection to a phase; finished pods count only when a finished phase is asked for', async () => {
    const done = { ...pod('job-1', 'ns', { nodeName: 'w1' }, { labels: { job: 'pi' } }), status: { phase: 'Succeeded' } };
    const running = pod('job-2', 'ns', { nodeName: 'w1' }, { labels: { job: 'pi' } });
    expect((await grade({ objects: [done, running] }, { pods: { namespace: 'ns', selector: { job: 'pi' }, phase: 'Succeeded', count: 1 } })).passed).toBe(true);
    const two = await grade({ objects: [done, running] }, { pods: { namespace: 'ns', selector: { job: 'pi' }, phase: 'Succeeded', count: 2 } });
    expect(two.message).toBe('Succeeded pods job=pi in ns: expected exactly 2 Succeeded pods job=pi in ns, found 1.');
    expect((await grade({ objects: [done, running] }, { pods: { namespace: 'ns', selector: { job: 'pi' }, count: 1 } })).passed).toBe(true);
  });
});

describe('verifier selfAntiAffinity', () => {
  const deployment = (affinity: unknown) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ns' },
    spec: { template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { affinity } } },
  });
  const check = { verifier: { name: 'selfAntiAffinity', params: { deployment: 'web', namespace: 'ns', topologyKey: 'kubernetes.io/hostname' } } };
  const required = (labelSelector: unknown, extra: Record<string, unknown> = {}) => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector, ...extra }] } });

  it('accepts matchLabels or matchExpressions that select the Pods themselves', async () => {
    expect((await grade({ objects: [deployment(required({ matchLabels: { app: 'web' } }))] }, check)).passed).toBe(true);
    expect((await grade({ objects: [deployment(required({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }))] }, check)).passed).toBe(true);
  });

  it('rejects a selector for other Pods, another namespace, or a preferred term only', async () => {
    expect((await grade({ objects: [deployment(required({ matchLabels: { app: 'cache' } }))] }, check)).message).toContain('selects its own Pods');
    expect((await grade({ objects: [deployment(required({ matchLabels: { app: 'web' } }, { namespaces: ['other'] }))] }, check)).passed).toBe(false);
    const preferred = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] } };
    expect((await grade({ objects: [deployment(preferred)] }, check)).message).toContain('has no required podAntiAffinity term');
  });
});

describe('serviceEndpoints', () => {
  const withIP = (p: ReturnType<typeof pod>, ip: string) => ({ ...p, status: { ...(p['status'] as object), podIP: ip, podIPs: [{ ip }] } });
  const web = [
    withIP(pod('web-1', 'ns', { nodeName: 'w1' }, { labels: { app: 'web' } }), '10.0.0.1'),
    withIP(pod('web-2', 'ns', { nodeName: 'w2' }, { labels: { app: 'web' } }), '10.0.0.2'),
  ];
  const admin = withIP(pod('admin-1', 'ns', { nodeName: 'w1' }, { labels: { app: 'admin' } }), '10.0.0.9');
  const service = (selector: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'ns' }, spec: { selector } });
  const slice = (name: string, port: number, endpoints: Array<{ ip: string; pod: string; ready?: boolean }>) => ({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
    ports: [{ name: '', port, protocol: 'TCP' }],
    endpoints: endpoints.map((e) => ({ addresses: [e.ip], targetRef: { kind: 'Pod', name: e.pod }, conditions: e.ready === undefined ? {} : { ready: e.ready } })),
  });
  const spec = { serviceEndpoints: { service: { name: 'web', namespace: 'ns' }, pods: { namespace: 'ns', selector: { app: 'web' } }, port: 8080 } };

  it('passes when the ready endpoints, over all slices, are exactly the Ready pods on the port', async () => {
    const objects = [service({ app: 'web' }), ...web, admin, slice('web-a', 8080, [{ ip: '10.0.0.1', pod: 'web-1' }]), slice('web-b', 8080, [{ ip: '10.0.0.2', pod: 'web-2', ready: true }])];
    const result = await grade({ objects }, spec);
    expect(result).toMatchObject({ passed: true });
    expect(result.message).toBe('Service ns/web sends to the 2 Ready pods app=web in ns (10.0.0.1, 10.0.0.2) on port 8080/TCP.');
  });

  it('fails a selector that also reaches other pods, naming them', async () => {
    const objects = [service({ tier: 'front' }), ...web, admin, slice('web-a', 8080, [{ ip: '10.0.0.1', pod: 'web-1' }, { ip: '10.0.0.2', pod: 'web-2' }, { ip: '10.0.0.9', pod: 'admin-1' }])];
    const result = await grade({ objects }, spec);
    expect(result.message).toBe('Service ns/web (selector tier=front): it also sends to 10.0.0.9 (pod admin-1), which is not among the Ready pods app=web in ns.');
  });

  it('fails a selector that matches nothing, and a targetPort that resolves to another port', async () => {
    const none = await grade({ objects: [service({ app: 'web-svc' }), ...web, slice('web-a', 8080, [])] }, spec);
    expect(none.message).toBe('Service ns/web (selector app=web-svc): it has no ready endpoints (1 EndpointSlice); expected the 2 Ready pods app=web in ns.');
    const port = await grade({ objects: [service({ app: 'web' }), ...web, slice('web-a', 80, [{ ip: '10.0.0.1', pod: 'web-1' }, { ip: '10.0.0.2', pod: 'web-2' }])] }, spec);
    expect(port.message).toBe('Service ns/web (selector app=web): its endpoints carry port 80/TCP; expected 8080 (what its targetPort must resolve to on the pods).');
  });

  it('ignores not-ready endpoints and reports pods left out', async () => {
    const objects = [service({ app: 'web' }), ...web, slice('web-a', 8080, [{ ip: '10.0.0.1', pod: 'web-1' }, { ip: '10.0.0.2', pod: 'web-2', ready: false }])];
    expect((await grade({ objects }, spec)).message).toContain('it does not reach web-2 (10.0.0.2) of the Ready pods app=web in ns');
  });

  it('fails without a Service, and when no selected pod is Ready', async () => {
    expect((await grade({ objects: web }, spec)).message).toBe('Service ns/web does not exist.');
    const notReady = [service({ app: 'web' }), withIP(pod('web-1', 'ns', { nodeName: 'w1' }, { labels: { app: 'web' }, ready: false }), '10.0.0.1')];
    expect((await grade({ objects: notReady }, spec)).message).toBe('Pods app=web in ns: none is Ready, so Service ns/web has nothing to send to.');
  });
});

describe('pods with field matches', () => {
  const withLimits = (name: string, cpu: string) => pod(name, 'ns', { nodeName: 'w1', containers: [{ name: 'app', resources: { limits: { cpu } } }] }, { labels: { app: 'r' } });
  const spec = (count: number) => ({ pods: { namespace: 'ns', selector: { app: 'r' }, count, match: [{ path: 'spec.containers[name=app].resources.limits.cpu', quantity: '500m' }] } });

  it('requires every selected pod to match, comparing quantities by value', async () => {
    expect((await grade({ objects: [withLimits('a', '0.5'), withLimits('b', '500m')] }, spec(2))).passed).toBe(true);
    const result = await grade({ objects: [withLimits('a', '500m'), withLimits('b', '1')] }, spec(2));
    expect(result.message).toBe('Pods app=r in ns: expected spec.containers[name=app].resources.limits.cpu = 500m (as a quantity) on every pod, but b has spec.containers[name=app].resources.limits.cpu = "1".');
  });

  it('says where the trail ends when the field is missing', async () => {
    const bare = pod('c', 'ns', { nodeName: 'w1', containers: [{ name: 'app' }] }, { labels: { app: 'r' } });
    expect((await grade({ objects: [bare] }, spec(1))).message).toContain('but c has spec.containers[name=app].resources not found');
  });
});
