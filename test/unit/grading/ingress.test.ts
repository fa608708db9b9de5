import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import { routeRequest } from '../../../src/core/grading/ingress.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

type Path = { path?: string; pathType?: string; service: string; port: number | string };
const backend = (service: string, port: number | string) => ({ service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } });
const ingress = (name: string, rules: Array<{ host?: string; paths: Path[] }>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'shop' },
  spec: { ingressClassName: 'nginx', ...extra, rules: rules.map((r) => ({ ...(r.host === undefined ? {} : { host: r.host }), http: { paths: r.paths.map((p) => ({ path: p.path, pathType: p.pathType ?? 'Prefix', backend: backend(p.service, p.port) })) } })) },
});
const serviceOf = (result: ReturnType<typeof routeRequest>) => (result.kind === 'routed' ? JSON.stringify(result.target.backend) : result.kind);

describe('routeRequest', () => {
  const shop = ingress('shop', [{ host: 'shop.example.com', paths: [{ path: '/', service: 'web', port: 80 }, { path: '/api', service: 'api', port: 8080 }] }]);

  it('takes the longest prefix, by whole path elements', () => {
    expect(serviceOf(routeRequest([shop], 'shop.example.com', '/api/v1/items'))).toBe(JSON.stringify(backend('api', 8080)));
    expect(serviceOf(routeRequest([shop], 'shop.example.com', '/api'))).toBe(JSON.stringify(backend('api', 8080)));
    expect(serviceOf(routeRequest([shop], 'shop.example.com', '/apiary'))).toBe(JSON.stringify(backend('web', 80)));
  });

  it('matches hosts exactly or by one-label wildcard, else nothing', () => {
    expect(routeRequest([shop], 'other.example.com', '/')).toEqual({ kind: 'none', reason: 'no rule of the Ingresses covers host other.example.com' });
    const wildcard = ingress('w', [{ host: '*.example.com', paths: [{ path: '/', service: 'web', port: 80 }] }]);
    expect(routeRequest([wildcard], 'a.example.com', '/').kind).toBe('routed');
    expect(routeRequest([wildcard], 'a.b.example.com', '/').kind).toBe('none');
  });

  it('prefers a specific host over a rule without one, and Exact over Prefix', () => {
    const catchAll = ingress('any', [{ paths: [{ path: '/', service: 'other', port: 80 }] }]);
    expect(serviceOf(routeRequest([catchAll, shop], 'shop.example.com', '/x'))).toBe(JSON.stringify(backend('web', 80)));
    expect(serviceOf(routeRequest([catchAll, shop], 'else.example.com', '/x'))).toBe(JSON.stringify(backend('other', 80)));
    const exact = ingress('exact', [{ host: 'shop.example.com', paths: [{ path: '/api', pathType: 'Exact', service: 'exact', port: 80 }] }]);
    expect(serviceOf(routeRequest([shop, exact], 'shop.example.com', '/api'))).toBe(JSON.stringify(backend('exact', 80)));
  });

  it('calls ImplementationSpecific paths and conflicting Ingresses unclear', () => {
    const specific = ingress('s', [{ host: 'shop.example.com', paths: [{ path: '/api', pathType: 'ImplementationSpecific', service: 'api', port: 8080 }] }]);
    expect(routeRequest([specific], 'shop.example.com', '/api/x').kind).toBe('unclear');
    const rival = ingress('rival', [{ host: 'shop.example.com', paths: [{ path: '/api/', service: 'other', port: 80 }] }]);
    expect(routeRequest([shop, rival], 'shop.example.com', '/api/x')).toEqual({ kind: 'unclear', reason: 'Ingresses shop and rival both claim path /api (Prefix) with different backends' });
  });

  it('falls back to a default backend', () => {
    const withDefault = ingress('d', [], { defaultBackend: backend('fallback', 80) });
    expect(routeRequest([withDefault], 'any.example.com', '/').kind).toBe('routed');
  });
});

describe('verifier ingressRoutes', () => {
  const services = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ name: 'http', port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { ports: [{ name: 'http', port: 8080 }] } },
  ];
  const params = { namespace: 'shop', routes: [
    { host: 'shop.example.com', path: '/', service: 'web', port: 80 },
    { host: 'shop.example.com', path: '/api/orders', service: 'api', port: 8080 },
    { host: 'other.example.com', path: '/' },
  ] };
  const run = (objects: KubeObject[]) => evaluateCheck({ id: 'r', title: 'r', points: 3, spec: { verifier: { name: 'ingressRoutes', params } } }, fakeReader({ objects }));

  it('accepts two Ingresses, or ports by name, when requests go to the same place', async () => {
    const split = [
      ingress('web', [{ host: 'shop.example.com', paths: [{ path: '/', service: 'web', port: 'http' }] }]),
      ingress('api', [{ host: 'shop.example.com', paths: [{ path: '/api/', service: 'api', port: 8080 }] }]),
    ];
    const result = await run([...services, ...split]);
    expect(result.message).toBe('The Ingresses of shop route http://shop.example.com/ → web:80, http://shop.example.com/api/orders → api:8080, http://other.example.com/ → nothing.');
  });

  it('says at once when there is no Ingress to route anything', async () => {
    expect((await run(services)).message).toBe('There is no Ingress in shop, so nothing routes http://shop.example.com/, http://shop.example.com/api/orders.');
  });

  it('names the rule that sent a request astray, and a port the Service lacks', async () => {
    const exact = ingress('shop', [{ paths: [{ path: '/', service: 'web', port: 80 }, { path: '/api', pathType: 'Exact', service: 'api', port: 80 }] }]);
    const result = await run([...services, exact]);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('http://shop.example.com/api/orders should go to api:8080, but goes to web:80 (Ingress shop, path / (Prefix)). http://other.example.com/ should match no rule, but goes to web:80 (Ingress shop, path / (Prefix)).');
    const badPort = ingress('shop', [{ host: 'shop.example.com', paths: [{ path: '/', service: 'web', port: 80 }, { path: '/api', service: 'api', port: 80 }] }]);
    expect((await run([...services, badPort])).message).toBe('http://shop.example.com/api/orders goes to api:80 (Ingress shop, path /api (Prefix)), but Service api has no such port (its ports: 8080 (http)).');
  });
});
