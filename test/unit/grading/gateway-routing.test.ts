import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import { hostnameMatches, routeThroughGateway, type GatewayRouteResult, type HttpRequest } from '../../../src/core/grading/gateway-routing.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const group = 'gateway.networking.k8s.io';
const gateway = (listeners: unknown[], namespace = 'gw'): KubeObject => ({
  apiVersion: `${group}/v1`, kind: 'Gateway', metadata: { name: 'main', namespace }, spec: { gatewayClassName: 'nginx', listeners },
});
const http = { name: 'http', port: 80, protocol: 'HTTP' };
const route = (name: string, spec: Record<string, unknown>, extra: { namespace?: string; created?: string } = {}): KubeObject => ({
  apiVersion: `${group}/v1`, kind: 'HTTPRoute',
  metadata: { name, namespace: extra.namespace ?? 'gw', creationTimestamp: extra.created ?? '2026-11-24T10:00:00Z' },
  spec: { parentRefs: [{ name: 'main' }], ...spec },
});
const to = (name: string, port = 80, weight?: number) => ({ name, port, ...(weight === undefined ? {} : { weight }) });
const target = (result: GatewayRouteResult): string =>
  result.kind === 'none' ? 'none' : result.redirect ?? result.backends.map((b) => `${b.name}:${b.port ?? '?'}`).join('+');
const get = (host: string, path: string, headers: Record<string, string> = {}): HttpRequest => ({ host, path, headers });

describe('hostnameMatches', () => {
  it('matches exactly (case-insensitively) or a wildcard of one or more labels, never the bare suffix', () => {
    expect(hostnameMatches('Shop.example.com', 'shop.EXAMPLE.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'example.com')).toBe(false);
  });
});

describe('routeThroughGateway', () => {
  const gw = gateway([http]);

  it('applies the API defaults: a rule without matches takes every path, a backendRef weighs 1', () => {
    const r = route('all', { rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] });
    expect(target(routeThroughGateway(gw, [r], get('any.host', '/x/y')))).toBe('web:80');
  });

  it('matches PathPrefix by whole path elements and prefers Exact, then the longer path', () => {
    const r = route('paths', { rules: [
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [to('root')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/api/' } }], backendRefs: [to('api')] },
      { matches: [{ path: { type: 'Exact', value: '/api' } }], backendRefs: [to('exact')] },
    ] });
    expect(target(routeThroughGateway(gw, [r], get('h', '/api/v1')))).toBe('api:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/api')))).toBe('exact:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/apiary')))).toBe('root:80');
  });

  it('prefers the rule with more header matches; header names are case-insensitive, Exact values are not', () => {
    const r = route('ua', { rules: [
      { matches: [{ path: { type: 'PathPrefix', value: '/auto' } }], backendRefs: [to('desktop')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/auto' }, headers: [{ name: 'User-Agent', value: 'mobile' }] }], backendRefs: [to('mobile')] },
    ] });
    expect(target(routeThroughGateway(gw, [r], get('h', '/auto', { 'user-agent': 'mobile' })))).toBe('mobile:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/auto', { 'User-Agent': 'Mobile' })))).toBe('desktop:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/auto', { 'User-Agent': 'mobile-safari' })))).toBe('desktop:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/auto')))).toBe('desktop:80');
  });

  it('ranks a longer path above a header match: the header rule must name the path too', () => {
    const r = route('trap', { rules: [
      { matches: [{ headers: [{ name: 'User-Agent', value: 'mobile' }] }], backendRefs: [to('mobile')] },
      { matches: [{ path: { value: '/auto' } }], backendRefs: [to('desktop')] },
    ] });
    expect(target(routeThroughGateway(gw, [r], get('h', '/auto', { 'User-Agent': 'mobile' })))).toBe('desktop:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/other', { 'User-Agent': 'mobile' })))).toBe('mobile:80');
  });

  it('treats RegularExpression header values as whole-value patterns', () => {
    const r = route('re', { rules: [
      { matches: [{ headers: [{ type: 'RegularExpression', name: 'user-agent', value: 'mobile' }] }], backendRefs: [to('mobile')] },
      { backendRefs: [to('desktop')] },
    ] });
    expect(target(routeThroughGateway(gw, [r], get('h', '/', { 'User-Agent': 'mobile' })))).toBe('mobile:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/', { 'User-Agent': 'mobile-safari' })))).toBe('desktop:80');
  });

  it('takes a request only for the route hostnames, the more specific hostname first', () => {
    const exact = route('exact', { hostnames: ['shop.example.com'], rules: [{ backendRefs: [to('shop')] }] });
    const wild = route('wild', { hostnames: ['*.example.com'], rules: [{ backendRefs: [to('wild')] }] });
    expect(target(routeThroughGateway(gw, [wild, exact], get('shop.example.com', '/')))).toBe('shop:80');
    expect(target(routeThroughGateway(gw, [wild, exact], get('a.b.example.com', '/')))).toBe('wild:80');
    expect(routeThroughGateway(gw, [exact], get('other.org', '/'))).toEqual({ kind: 'none', reason: 'no rule of the attached HTTPRoute gw/exact matches it' });
  });

  it('breaks ties by the oldest route, then by namespace/name', () => {
    const older = route('zeta', { rules: [{ backendRefs: [to('older')] }] }, { created: '2026-01-01T00:00:00Z' });
    const newer = route('alpha', { rules: [{ backendRefs: [to('newer')] }] }, { created: '2026-06-01T00:00:00Z' });
    expect(target(routeThroughGateway(gw, [newer, older], get('h', '/')))).toBe('older:80');
    const twin = route('alpha', { rules: [{ backendRefs: [to('alpha')] }] }, { created: '2026-01-01T00:00:00Z' });
    expect(target(routeThroughGateway(gw, [older, twin], get('h', '/')))).toBe('alpha:80');
  });

  it('attaches only routes whose parentRef names this Gateway and listener, from admitted namespaces', () => {
    const wrongName = route('typo', { parentRefs: [{ name: 'mian' }], rules: [{ backendRefs: [to('web')] }] });
    expect(routeThroughGateway(gw, [wrongName], get('h', '/'))).toEqual({ kind: 'none', reason: 'HTTPRoute gw/typo is not attached: its parentRefs name Gateway gw/mian, not Gateway gw/main' });
    const wrongSection = route('section', { parentRefs: [{ name: 'main', sectionName: 'https' }], rules: [{ backendRefs: [to('web')] }] });
    expect(target(routeThroughGateway(gw, [wrongSection], get('h', '/')))).toBe('none');
    const elsewhere = route('elsewhere', { parentRefs: [{ name: 'main', namespace: 'gw' }], rules: [{ backendRefs: [to('web')] }] }, { namespace: 'team' });
    const same = routeThroughGateway(gw, [elsewhere], get('h', '/'));
    expect(same.kind === 'none' ? same.reason : '').toContain('admits routes from namespace gw only');
    const open = gateway([{ ...http, allowedRoutes: { namespaces: { from: 'All' } } }]);
    expect(target(routeThroughGateway(open, [elsewhere], get('h', '/')))).toBe('web:80');
    const bySelector = gateway([{ ...http, allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'yes' } } } } }]);
    expect(target(routeThroughGateway(bySelector, [elsewhere], get('h', '/'), new Map([['team', { shared: 'yes' }]])))).toBe('web:80');
    expect(target(routeThroughGateway(bySelector, [elsewhere], get('h', '/'), new Map([['team', {}]])))).toBe('none');
  });

  it('sends a request to the listener of its port and hostname, and a route must intersect that hostname', () => {
    const two = gateway([{ ...http, hostname: 'a.example.com' }, { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'b.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'tls' }] } }]);
    const r = route('b', { hostnames: ['b.example.com'], rules: [{ backendRefs: [to('web')] }] });
    expect(target(routeThroughGateway(two, [r], { host: 'b.example.com', path: '/', port: 443 }))).toBe('web:80');
    const onHttp = routeThroughGateway(two, [r], { host: 'b.example.com', path: '/', port: 80 });
    expect(onHttp.kind === 'none' ? onHttp.reason : '').toContain('no listener of Gateway main takes host b.example.com on port 80');
  });

  it('reports splits by weight, no backend, and redirects as they are', () => {
    const split = route('split', { rules: [{ backendRefs: [to('v1', 80, 90), to('v2', 80, 10), to('off', 80, 0)] }] });
    expect(target(routeThroughGateway(gw, [split], get('h', '/')))).toBe('v1:80+v2:80');
    const empty = route('empty', { rules: [{ matches: [{ path: { type: 'Exact', value: '/' } }] }] });
    expect(target(routeThroughGateway(gw, [empty], get('h', '/')))).toBe('');
    const redirect = route('redir', { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }] });
    expect(target(routeThroughGateway(gw, [redirect], get('h', '/')))).toBe('a redirect (scheme https, statusCode 301)');
  });

  it('matches query parameters and methods, and ranks them after headers', () => {
    const r = route('q', { rules: [
      { matches: [{ queryParams: [{ name: 'v', value: '2' }] }], backendRefs: [to('v2')] },
      { matches: [{ method: 'POST' }], backendRefs: [to('writes')] },
      { backendRefs: [to('web')] },
    ] });
    expect(target(routeThroughGateway(gw, [r], get('h', '/x?v=2')))).toBe('v2:80');
    expect(target(routeThroughGateway(gw, [r], { host: 'h', path: '/x?v=2', method: 'POST' }))).toBe('writes:80');
    expect(target(routeThroughGateway(gw, [r], get('h', '/x?v=3')))).toBe('web:80');
  });
});

describe('verifier gatewayRoutes', () => {
  const services = ['web-desktop', 'web-mobile'].map((name) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'gw' }, spec: { ports: [{ port: 80 }] } }));
  const check = (params: Record<string, unknown>) => ({ id: 'routes', title: 'routes', points: 3, spec: { verifier: { name: 'gatewayRoutes', params } } });
  const params = { gateway: 'main', namespace: 'gw', route: 'director', requests: [
    { host: 'shop.example.com', path: '/desktop', service: 'web-desktop', port: 80 },
    { host: 'shop.example.com', path: '/auto', headers: { 'User-Agent': 'mobile' }, service: 'web-mobile', port: 80 },
    { host: 'other.example.com', path: '/desktop' },
  ] };
  const director = (rules: unknown[], hostnames = ['shop.example.com']) => route('director', { hostnames, rules });
  const good = director([
    { matches: [{ path: { value: '/desktop' } }, { path: { value: '/auto' } }], backendRefs: [to('web-desktop')] },
    { matches: [{ path: { value: '/auto' }, headers: [{ name: 'user-agent', value: 'mobile' }] }], backendRefs: [to('web-mobile')] },
  ]);

  it('passes when every request lands where it should, and says where', async () => {
    const result = await evaluateCheck(check(params), fakeReader({ objects: [gateway([http]), good, ...services] }));
    expect(result.passed).toBe(true);
    expect(result.message).toContain('GET shop.example.com/auto with User-Agent: mobile → web-mobile:80');
  });

  it('names the request, where it went and through which rule when it is wrong', async () => {
    const noHosts = director([{ matches: [{ path: { value: '/desktop' } }], backendRefs: [to('web-desktop')] }, { matches: [{ path: { value: '/auto' } }], backendRefs: [to('web-mobile')] }], []);
    const result = await evaluateCheck(check(params), fakeReader({ objects: [gateway([http]), noHosts, ...services] }));
    expect(result.passed).toBe(false);
    expect(result.message).toContain('GET other.example.com/desktop should reach no backend, but goes to web-desktop:80 (HTTPRoute gw/director, rule 1 (path /desktop PathPrefix))');
  });

  it('fails a backend port the Service does not have, and a missing Gateway', async () => {
    const badPort = director([{ backendRefs: [to('web-desktop', 8080)] }]);
    const result = await evaluateCheck(check({ ...params, requests: [{ host: 'shop.example.com', path: '/desktop', service: 'web-desktop' }] }), fakeReader({ objects: [gateway([http]), badPort, ...services] }));
    expect(result.message).toContain('but Service web-desktop has no port 8080 (its ports: 80)');
    const missing = await evaluateCheck(check(params), fakeReader({ objects: [good, ...services] }));
    expect(missing).toMatchObject({ passed: false, message: 'Gateway gw/main does not exist.' });
  });

  it('requires the named route when the task names one', async () => {
    const other = route('other', { hostnames: ['shop.example.com'], rules: [{ matches: [{ path: { type: 'Exact', value: '/desktop' } }], backendRefs: [to('web-desktop')] }] });
    const result = await evaluateCheck(check(params), fakeReader({ objects: [gateway([http]), good, other, ...services] }));
    expect(result.message).toContain('is served by HTTPRoute gw/other (rule 1 (path /desktop Exact)), not by HTTPRoute gw/director');
  });
});
