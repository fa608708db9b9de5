import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { createApiReader } from '../../../src/adapters/kube/api-reader.js';
import { ResourceResolver } from '../../../src/adapters/kube/resources.js';

/**
 * Kinds resolve through discovery, cached per group-version: a group-version the server did not
 * serve yet (a CRD created after grading began) is asked again, not remembered as missing.
 */
let server: Server;
let kc: KubeConfig;
let crdInstalled = false;

const backup = { apiVersion: 'stable.example.com/v1', kind: 'Backup', metadata: { name: 'nightly', namespace: 'crd-1' }, spec: { schedule: '0 2 * * *', retentionDays: 7 } };

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (!crdInstalled) {
      res.statusCode = 404;
      res.end(JSON.stringify({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' }));
    } else if (req.url === '/apis/stable.example.com/v1') {
      res.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'stable.example.com/v1', resources: [{ name: 'backups', kind: 'Backup', namespaced: true }, { name: 'backups/status', kind: 'Backup', namespaced: true }] }));
    } else if (req.url === '/apis/stable.example.com/v1/namespaces/crd-1/backups/nightly') {
      res.end(JSON.stringify(backup));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ kind: 'Status', reason: 'NotFound' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'local', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'local', cluster: 'local', user: 'u' }],
    currentContext: 'local',
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('ResourceResolver', () => {
  it('resolves a custom kind whose CRD is created after the resolver first asked', async () => {
    crdInstalled = false;
    const resolver = new ResourceResolver(kc);
    const reader = createApiReader(kc, resolver);
    const ref = { apiVersion: 'stable.example.com/v1', kind: 'Backup', name: 'nightly', namespace: 'crd-1' };
    await expect(resolver.path(ref.apiVersion, ref.kind, ref.namespace, ref.name)).rejects.toThrow('the cluster does not serve stable.example.com/v1');
    // To a check, an object of a kind the cluster does not serve is an object that does not exist.
    await expect(reader.get(ref)).resolves.toBeUndefined();

    crdInstalled = true;
    await expect(resolver.path(ref.apiVersion, ref.kind, ref.namespace, ref.name)).resolves.toBe('/apis/stable.example.com/v1/namespaces/crd-1/backups/nightly');
    await expect(reader.get(ref)).resolves.toEqual(backup);
  });
});
