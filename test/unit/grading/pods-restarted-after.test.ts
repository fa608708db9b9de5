import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader, pod } from './fake-reader.js';

// As the API serves them: a Deployment owns ReplicaSets by uid, they own the Pods; every writer
// of the ConfigMap leaves a managedFields entry with the time of its last write (whole seconds).
const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web-server', namespace: 'ns', uid: 'd1' } };
const replicaSet = (uid: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `web-server-${uid}`, namespace: 'ns', uid, ownerReferences: [{ uid: 'd1' }] } });
const webPod = (name: string, created: string, extra: { owner?: string; deleting?: boolean } = {}): KubeObject => {
  const base = pod(name, 'ns', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }, { labels: { app: 'web-server' }, owner: extra.owner ?? 'rs2', ...(extra.deleting === true ? { deleting: true } : {}) });
  return { ...base, metadata: { ...(base['metadata'] as object), creationTimestamp: created } };
};
const configMap = (created: string, writes: Array<{ manager: string; time: string }>): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name: 'nginx-conf', namespace: 'ns', creationTimestamp: created, managedFields: writes.map((w) => ({ ...w, operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1' })) },
  data: { 'nginx.conf': 'server {}' },
});
const edited = configMap('2026-01-01T10:00:00Z', [{ manager: 'cka-lab', time: '2026-01-01T10:00:00Z' }, { manager: 'kubectl-edit', time: '2026-01-01T10:05:00Z' }]);
const verify = (objects: KubeObject[]) =>
  evaluateCheck(
    { id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'podsRestartedAfter', params: { namespace: 'ns', deployment: 'web-server', configMap: 'nginx-conf' } } } },
    fakeReader({ objects }),
  );
const owners = [deployment, replicaSet('rs1'), replicaSet('rs2')];

describe('verifier podsRestartedAfter', () => {
  it('Given every live Pod created after the last edit (one in the same second), passes and names the write', async () => {
    const pods = [webPod('web-server-a', '2026-01-01T10:05:00Z'), webPod('web-server-b', '2026-01-01T10:05:03Z'), webPod('web-server-old', '2026-01-01T10:00:01Z', { owner: 'rs1', deleting: true })];
    expect(await verify([...owners, edited, ...pods])).toMatchObject({
      passed: true,
      message: 'All 2 live pods of Deployment ns/web-server (web-server-a, web-server-b) were created at or after the last write to ConfigMap ns/nginx-conf (2026-01-01T10:05:00Z, by kubectl-edit).',
    });
  });

  it('Given Pods older than the last edit, names each with its creation time and the time of the write', async () => {
    const pods = [webPod('web-server-a', '2026-01-01T10:04:59Z'), webPod('web-server-b', '2026-01-01T10:06:00Z')];
    expect((await verify([...owners, edited, ...pods])).message).toBe(
      '1 of the 2 live pods of Deployment ns/web-server was created before the last write to ConfigMap ns/nginx-conf (2026-01-01T10:05:00Z, by kubectl-edit), so it has not loaded that change: web-server-a (created 2026-01-01T10:04:59Z). Restart the Deployment after your last change to the ConfigMap.',
    );
  });

  it('Given the ConfigMap deleted and created again after the restart, its creation counts as the last write', async () => {
    const recreated = configMap('2026-01-01T10:07:00Z', [{ manager: 'kubectl-create', time: '2026-01-01T10:07:00Z' }]);
    const pods = [webPod('web-server-a', '2026-01-01T10:06:00Z'), webPod('web-server-b', '2026-01-01T10:06:01Z')];
    const outcome = await verify([...owners, recreated, ...pods]);
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toContain('2 of the 2 live pods of Deployment ns/web-server were created before the last write to ConfigMap ns/nginx-conf (2026-01-01T10:07:00Z, by kubectl-create), so they have not loaded that change');
    // Without managedFields (a server that strips them), the creation alone.
    const bare: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nginx-conf', namespace: 'ns', creationTimestamp: '2026-01-01T10:07:00Z' } };
    expect((await verify([...owners, bare, ...pods])).message).toContain('(2026-01-01T10:07:00Z, by its creation)');
  });

  it('Given Pods of another owner in the namespace, judges only the Deployment\'s', async () => {
    const stranger = { ...webPod('other', '2026-01-01T09:00:00Z', { owner: 'elsewhere' }) };
    expect((await verify([...owners, edited, stranger, webPod('web-server-a', '2026-01-01T10:06:00Z')])).passed).toBe(true);
  });

  it('Given no live Pod, the ConfigMap or the Deployment missing, says so', async () => {
    expect((await verify([...owners, edited])).message).toBe('There are no live pods of Deployment ns/web-server, so none runs the config of the last write to ConfigMap ns/nginx-conf (2026-01-01T10:05:00Z, by kubectl-edit).');
    expect((await verify([...owners])).message).toBe('ConfigMap ns/nginx-conf does not exist.');
    expect((await verify([edited])).message).toBe('Deployment ns/web-server does not exist.');
  });
});
