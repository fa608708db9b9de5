import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const service = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext-db', namespace: 'ns' }, spec: { type: 'ClusterIP', ports: [{ port: 5432, protocol: 'TCP', targetPort: 5432 }], ...spec } });
const slice = (name: string, extra: { labels?: Record<string, string>; addressType?: string; ports?: unknown[]; endpoints: unknown[] }): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace: 'ns', labels: extra.labels ?? { 'kubernetes.io/service-name': 'ext-db' } },
  addressType: extra.addressType ?? 'IPv4',
  ports: extra.ports ?? [{ port: 5432, protocol: 'TCP' }],
  endpoints: extra.endpoints,
});
const at = (...addresses: string[]) => ({ addresses });
const params = { namespace: 'ns', service: 'ext-db', port: 5432, addresses: ['10.0.0.50', '10.0.0.51'] };
const verify = (objects: KubeObject[]) => evaluateCheck({ id: 'e', title: 'e', points: 4, spec: { verifier: { name: 'serviceExternalEndpoints', params } } }, fakeReader({ objects }));

describe('verifier serviceExternalEndpoints', () => {
  it('passes on hand-written slices and on slices mirrored from Endpoints, with ports paired by name', async () => {
    const manual = await verify([service({}), slice('ext-db-1', { endpoints: [at('10.0.0.50'), at('10.0.0.51')] })]);
    expect(manual).toMatchObject({ passed: true, message: 'Clients of Service ns/ext-db on port 5432 reach 10.0.0.50:5432, 10.0.0.51:5432 (EndpointSlices: ext-db-1).' });
    const mirrored = slice('ext-db-abcde', {
      labels: { 'kubernetes.io/service-name': 'ext-db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' },
      ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
      endpoints: [at('10.0.0.51'), at('10.0.0.50')],
    });
    const named = await verify([service({ ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }] }), mirrored]);
    expect(named).toMatchObject({ passed: true, message: expect.stringContaining('ext-db-abcde (mirrored from Endpoints)') });
  });

  it('explains that an ExternalName is a DNS name, not an IP address', async () => {
    const result = await verify([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext-db', namespace: 'ns' }, spec: { type: 'ExternalName', externalName: '10.0.0.50', ports: [{ port: 5432 }] } }]);
    expect(result.passed).toBe(false);
    expect(result.message).toContain('is of type ExternalName (externalName "10.0.0.50"): its clients get a DNS CNAME record to that name, and an externalName is a DNS name, not an IP address');
  });

  it('names the slice port that does not pair with the Service port by name', async () => {
    const result = await verify([service({ ports: [{ name: '5432-5432', port: 5432, protocol: 'TCP' }] }), slice('ext-db-1', { endpoints: [at('10.0.0.50'), at('10.0.0.51')] })]);
    expect(result.message).toBe('Expected Service ns/ext-db to send port 5432 to exactly 10.0.0.50:5432, 10.0.0.51:5432: it does not send to 10.0.0.50:5432, 10.0.0.51:5432 (nor anywhere); EndpointSlice ext-db-1 has no TCP port named "5432-5432" like the Service port (its ports: unnamed 5432/TCP), and kube-proxy pairs ports by name.');
  });

  it('counts only the first address of an endpoint, ready endpoints, IPv4 slices and the right port', async () => {
    const oneEndpoint = await verify([service({}), slice('ext-db-1', { endpoints: [at('10.0.0.50', '10.0.0.51')] })]);
    expect(oneEndpoint.message).toContain('it does not send to 10.0.0.51:5432; EndpointSlice ext-db-1 lists 10.0.0.50, 10.0.0.51 as one endpoint, and kube-proxy uses only the first address of an endpoint (10.0.0.51 gets no traffic)');
    const unready = await verify([service({}), slice('ext-db-1', { endpoints: [at('10.0.0.50'), { addresses: ['10.0.0.51'], conditions: { ready: false } }] })]);
    expect(unready.message).toContain('endpoint 10.0.0.51 of EndpointSlice ext-db-1 is marked not ready');
    const fqdn = await verify([service({}), slice('ext-db-1', { endpoints: [at('10.0.0.50'), at('10.0.0.51')] }), slice('ext-db-2', { addressType: 'FQDN', endpoints: [at('db.example.com')] })]);
    expect(fqdn.passed).toBe(true);
    const wrongPort = await verify([service({}), slice('ext-db-1', { ports: [{ port: 3306, protocol: 'TCP' }], endpoints: [at('10.0.0.50'), at('10.0.0.51')] })]);
    expect(wrongPort.message).toContain('it does not send to 10.0.0.50:5432, 10.0.0.51:5432; it also sends to 10.0.0.50:3306, 10.0.0.51:3306');
  });

  it('says when the slice lacks the service-name label, the Service lacks the port, or a selector hands endpoints to the controllers', async () => {
    const unlabelled = await verify([service({}), slice('ext-db-1', { labels: {}, endpoints: [at('10.0.0.50'), at('10.0.0.51')] })]);
    expect(unlabelled.message).toBe('Expected Service ns/ext-db to send port 5432 to exactly 10.0.0.50:5432, 10.0.0.51:5432: no EndpointSlice in ns is labelled kubernetes.io/service-name=ext-db, so it sends nowhere; EndpointSlice ext-db-1 carries no kubernetes.io/service-name label, so it belongs to no Service.');
    const noPort = await verify([service({ ports: [{ port: 80, protocol: 'TCP', targetPort: 5432 }] })]);
    expect(noPort.message).toBe('Service ns/ext-db has no port 5432/TCP (its ports: 80/TCP), so clients cannot use ext-db:5432.');
    const controlled = slice('ext-db-x', { labels: { 'kubernetes.io/service-name': 'ext-db', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, endpoints: [] });
    const selector = await verify([service({ selector: { app: 'ext-db' } }), controlled]);
    expect(selector.message).toContain('its selector app=ext-db leaves its endpoints to the controllers');
    expect((await verify([])).message).toBe('Service ns/ext-db does not exist.');
  });
});

describe('verifier notRecreated', () => {
  const pv = (created: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'data', creationTimestamp: created } });
  const marker: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mark', namespace: 'ns', creationTimestamp: '2026-01-01T10:00:05Z' } };
  const check = (objects: KubeObject[]) => evaluateCheck({
    id: 'r', title: 'r', points: 2,
    spec: { verifier: { name: 'notRecreated', params: { object: { apiVersion: 'v1', kind: 'PersistentVolume', name: 'data' }, marker: { apiVersion: 'v1', kind: 'ConfigMap', name: 'mark', namespace: 'ns' } } } },
  }, fakeReader({ objects }));

  it('passes for the object created before the marker, within the same second too', async () => {
    expect(await check([pv('2026-01-01T10:00:04Z'), marker])).toMatchObject({ passed: true, message: 'PersistentVolume data is the one setup created (2026-01-01T10:00:04Z).' });
    expect((await check([pv('2026-01-01T10:00:05Z'), marker])).passed).toBe(true);
  });

  it('fails for an object created after the marker, or when either is gone', async () => {
    expect((await check([pv('2026-01-01T10:03:00Z'), marker])).message).toBe('PersistentVolume data was created at 2026-01-01T10:03:00Z, after setup (ConfigMap ns/mark: 2026-01-01T10:00:05Z): it was deleted and created again instead of being reused.');
    expect((await check([marker])).message).toBe('PersistentVolume data does not exist.');
    expect((await check([pv('2026-01-01T10:00:04Z')])).message).toContain('ConfigMap ns/mark, which setup creates right after PersistentVolume data, is gone');
  });
});
