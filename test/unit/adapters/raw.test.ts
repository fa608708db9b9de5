import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { requestJson } from '../../../src/adapters/kube/raw.js';

/**
 * requestJson against a local HTTPS server that counts connections: reads share one kept-alive
 * connection, and a read whose reused connection the server drops is sent again on a new one.
 */
let dir: string;
let server: Server;
let kc: KubeConfig;
const connections: Socket[] = [];
/** Requests seen on each connection, by connection index. */
const perSocket = new Map<Socket, number>();
let dropSecondRequestOnASocket = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cka-lab-raw-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const socket = req.socket;
    const seen = (perSocket.get(socket) ?? 0) + 1;
    perSocket.set(socket, seen);
    if (dropSecondRequestOnASocket && seen === 2) {
      socket.destroy();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ path: req.url, seen }));
  });
  server.on('secureConnection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'local', server: `https://127.0.0.1:${port}`, caData: readFileSync(join(dir, 'cert.pem')).toString('base64'), skipTLSVerify: false }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'local', cluster: 'local', user: 'u' }],
    currentContext: 'local',
  });
});

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('requestJson', () => {
  it('sends one after another over one kept-alive connection', async () => {
    const before = connections.length;
    for (const path of ['/api/v1/a', '/api/v1/b', '/api/v1/c']) {
      const { body } = await requestJson(kc, 'GET', path);
      expect(body).toMatchObject({ path });
    }
    expect(connections.length - before).toBe(1);
  });

  it('sends a read again on a new connection when the server drops the one it reused', async () => {
    dropSecondRequestOnASocket = true;
    try {
      // A fresh config: a fresh agent, so the first request opens a connection and the second reuses it.
      const fresh = new KubeConfig();
      fresh.loadFromString(kc.exportConfig());
      const before = connections.length;
      await requestJson(fresh, 'GET', '/api/v1/first');
      const { body } = await requestJson(fresh, 'GET', '/api/v1/second');
      expect(body).toMatchObject({ path: '/api/v1/second', seen: 1 });
      expect(connections.length - before).toBe(2);
    } finally {
      dropSecondRequestOnASocket = false;
    }
  });

  it('opens a new connection for a write once the server has closed the idle one (as a restarted API server does)', async () => {
    const fresh = new KubeConfig();
    fresh.loadFromString(kc.exportConfig());
    const before = connections.length;
    await requestJson(fresh, 'GET', '/api/v1/first');
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { body } = await requestJson(fresh, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', { body: {} });
    expect(body).toMatchObject({ seen: 1 });
    expect(connections.length - before).toBe(2);
  });

  it('does not send a write again: it fails with the socket error', async () => {
    dropSecondRequestOnASocket = true;
    try {
      const fresh = new KubeConfig();
      fresh.loadFromString(kc.exportConfig());
      await requestJson(fresh, 'GET', '/api/v1/first');
      await expect(requestJson(fresh, 'POST', '/api/v1/write', { body: {} })).rejects.toMatchObject({ name: 'ApiRequestError', reason: 'ECONNRESET' });
    } finally {
      dropSecondRequestOnASocket = false;
    }
  });
});
