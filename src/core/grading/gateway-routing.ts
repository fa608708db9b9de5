/**
 * Where a Gateway sends an HTTP request, by the Gateway API's rules (HTTPRoute v1): the listener
 * for the port and host, the HTTPRoutes attached to it (parentRefs, sectionName, allowedRoutes,
 * hostname intersection), then the matching rule of highest precedence — the most specific host,
 * an Exact path before a PathPrefix, the longest path, a method, the most header and query
 * matches; ties to the oldest route, then by namespace/name, then in rule order. No controller is
 * needed: a grade says what the routes declare, whichever way they were written.
 */
import { labelSelectorMatches } from './label-selector.js';
import { pathPrefixMatches } from './ingress.js';
import { asObject, field, items, nameOf, text, type KubeObject } from './reader.js';

export const gatewayGroup = 'gateway.networking.k8s.io';

export interface HttpRequest {
  readonly host: string;
  /** The path, with an optional ?query. */
  readonly path: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The Gateway port the request arrives on; any listener's when unset. */
  readonly port?: number;
}

export interface BackendTarget {
  readonly name: string;
  readonly namespace: string;
  readonly port: number | undefined;
  readonly weight: number;
  readonly kind: string;
}

export interface RoutedRequest {
  readonly kind: 'routed';
  readonly route: string;
  readonly listener: string;
  /** How the request matched, for messages: "rule 2 (path /auto PathPrefix, header user-agent=mobile)". */
  readonly via: string;
  /** The backends with a weight above 0; empty when the rule forwards nowhere. */
  readonly backends: readonly BackendTarget[];
  /** A RequestRedirect filter answers the request itself, whatever the backends. */
  readonly redirect: string | undefined;
}

export type GatewayRouteResult = RoutedRequest | { readonly kind: 'none'; readonly reason: string };

/** The labels of the namespaces routes live in, for listeners that admit routes by selector. */
export type NamespaceLabels = ReadonlyMap<string, Readonly<Record<string, string>>>;

interface Listener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname: string | undefined;
  readonly raw: unknown;
}

function listenersOf(gateway: KubeObject): Listener[] {
  return items(gateway, 'spec', 'listeners').map((l) => ({
    name: text(l, 'name') ?? '',
    port: Number(field(l, 'port')),
    protocol: text(l, 'protocol') ?? '',
    hostname: text(l, 'hostname'),
    raw: l,
  }));
}

/** Gateway API hostnames: exact, or `*.suffix` matching one or more labels before the suffix. */
export function hostnameMatches(pattern: string, host: string): boolean {
  const want = pattern.toLowerCase();
  const have = host.toLowerCase();
  if (!want.startsWith('*.')) return want === have;
  const suffix = want.slice(1);
  return have.endsWith(suffix) && have.length > suffix.length;
}

function namespaceOf(object: unknown): string {
  return text(object, 'metadata', 'namespace') ?? 'default';
}

/** Why a route is not attached to this listener, or undefined when it is. */
function attachmentProblem(route: KubeObject, gateway: KubeObject, listener: Listener, namespaces: NamespaceLabels): string | undefined {
  const routeNs = namespaceOf(route);
  const gatewayNs = namespaceOf(gateway);
  const refs = items(route, 'spec', 'parentRefs');
  const toGateway = refs.filter((ref) =>
    (text(ref, 'group') ?? gatewayGroup) === gatewayGroup && (text(ref, 'kind') ?? 'Gateway') === 'Gateway'
    && (text(ref, 'namespace') ?? routeNs) === gatewayNs && text(ref, 'name') === nameOf(gateway));
  if (toGateway.length === 0) {
    const named = refs.map((ref) => `${text(ref, 'kind') ?? 'Gateway'} ${text(ref, 'namespace') ?? routeNs}/${text(ref, 'name') ?? '?'}`);
    return named.length === 0 ? 'it has no parentRefs' : `its parentRefs name ${named.join(', ')}, not Gateway ${gatewayNs}/${nameOf(gateway)}`;
  }
  const onListener = toGateway.filter((ref) => {
    const section = text(ref, 'sectionName');
    const port = field(ref, 'port');
    return (section === undefined || section === listener.name) && (port === undefined || Number(port) === listener.port);
  });
  if (onListener.length === 0) {
    return `its parentRef to the Gateway names ${toGateway.map((ref) => [text(ref, 'sectionName') === undefined ? undefined : `sectionName ${text(ref, 'sectionName') ?? ''}`, field(ref, 'port') === undefined ? undefined : `port ${String(field(ref, 'port'))}`].filter((x) => x !== undefined).join(' and ')).join('; ')}, not listener ${listener.name} (port ${listener.port})`;
  }
  const from = text(listener.raw, 'allowedRoutes', 'namespaces', 'from') ?? 'Same';
  if (from === 'Same' && routeNs !== gatewayNs) return `listener ${listener.name} admits routes from namespace ${gatewayNs} only (allowedRoutes.namespaces.from: Same)`;
  if (from === 'Selector') {
    const selector = field(listener.raw, 'allowedRoutes', 'namespaces', 'selector');
    if (!labelSelectorMatches(selector, namespaces.get(routeNs) ?? {})) return `listener ${listener.name} admits routes only from namespaces its selector matches, and ${routeNs} does not match`;
  }
  const kinds = items(listener.raw, 'allowedRoutes', 'kinds');
  if (kinds.length > 0 && !kinds.some((k) => (text(k, 'group') ?? gatewayGroup) === gatewayGroup && text(k, 'kind') === 'HTTPRoute')) {
    return `listener ${listener.name} does not admit HTTPRoutes (allowedRoutes.kinds)`;
  }
  if (!['HTTP', 'HTTPS'].includes(listener.protocol)) return `listener ${listener.name} speaks ${listener.protocol}, not HTTP or HTTPS`;
  const hostnames = items(route, 'spec', 'hostnames').map(String);
  if (listener.hostname !== undefined && hostnames.length > 0) {
    const listenerHost = listener.hostname;
    const intersects = hostnames.some((h) => hostnameMatches(listenerHost, h.replace(/^\*\./, 'x.')) || hostnameMatches(h, listenerHost.replace(/^\*\./, 'x.')));
    if (!intersects) return `none of its hostnames (${hostnames.join(', ')}) falls under listener ${listener.name}'s hostname ${listenerHost}`;
  }
  return undefined;
}

interface Candidate {
  readonly rank: readonly number[];
  readonly created: string;
  readonly routeKey: string;
  readonly order: readonly number[];
  readonly result: RoutedRequest;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  for (let i = 0; i < a.rank.length; i++) {
    const diff = (b.rank[i] ?? 0) - (a.rank[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  if (a.routeKey !== b.routeKey) return a.routeKey < b.routeKey ? -1 : 1;
  for (let i = 0; i < a.order.length; i++) {
    const diff = (a.order[i] ?? 0) - (b.order[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function headerValue(request: HttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

interface MatchOutcome {
  readonly pathExact: boolean;
  readonly pathLength: number;
  readonly method: boolean;
  readonly headers: number;
  readonly query: number;
  readonly described: string;
}

/** Whether one HTTPRouteMatch matches the request, with what counts for precedence. */
function evaluateMatch(match: unknown, request: HttpRequest): MatchOutcome | undefined {
  const [rawPath = '/', rawQuery = ''] = request.path.split('?', 2);
  const pathType = text(match, 'path', 'type') ?? 'PathPrefix';
  const pathValue = text(match, 'path', 'value') ?? '/';
  const pathOk = pathType === 'Exact' ? rawPath === pathValue : pathType === 'PathPrefix' ? pathPrefixMatches(pathValue, rawPath) : fullMatch(pathValue, rawPath);
  if (!pathOk) return undefined;
  const method = text(match, 'method');
  if (method !== undefined && method !== (request.method ?? 'GET')) return undefined;
  const headers = items(match, 'headers');
  for (const header of headers) {
    const value = headerValue(request, text(header, 'name') ?? '');
    const want = text(header, 'value') ?? '';
    if (value === undefined || ((text(header, 'type') ?? 'Exact') === 'Exact' ? value !== want : !fullMatch(want, value))) return undefined;
  }
  const query = new URLSearchParams(rawQuery);
  const params = items(match, 'queryParams');
  for (const param of params) {
    const value = query.get(text(param, 'name') ?? '');
    const want = text(param, 'value') ?? '';
    if (value === null || ((text(param, 'type') ?? 'Exact') === 'Exact' ? value !== want : !fullMatch(want, value))) return undefined;
  }
  const described = [
    `path ${pathValue} ${pathType}`,
    method === undefined ? undefined : `method ${method}`,
    ...headers.map((h) => `header ${text(h, 'name') ?? '?'}${(text(h, 'type') ?? 'Exact') === 'Exact' ? '=' : ' ~ '}${text(h, 'value') ?? ''}`),
    ...params.map((q) => `query ${text(q, 'name') ?? '?'}=${text(q, 'value') ?? ''}`),
  ].filter((x) => x !== undefined).join(', ');
  return { pathExact: pathType === 'Exact', pathLength: pathValue.length, method: method !== undefined, headers: headers.length, query: params.length, described };
}

function redirectOf(rule: unknown): string | undefined {
  const filter = items(rule, 'filters').find((f) => text(f, 'type') === 'RequestRedirect');
  if (filter === undefined) return undefined;
  const redirect = asObject(field(filter, 'requestRedirect'));
  const parts = Object.entries(redirect).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return `a redirect (${parts.join(', ') || 'to the same URL'})`;
}

function backendsOf(rule: unknown, routeNs: string): BackendTarget[] {
  return items(rule, 'backendRefs')
    .map((ref) => ({
      name: text(ref, 'name') ?? '',
      namespace: text(ref, 'namespace') ?? routeNs,
      port: field(ref, 'port') === undefined ? undefined : Number(field(ref, 'port')),
      weight: field(ref, 'weight') === undefined ? 1 : Number(field(ref, 'weight')),
      kind: `${text(ref, 'group') ?? ''}/${text(ref, 'kind') ?? 'Service'}`.replace(/^\//, ''),
    }))
    .filter((b) => b.weight > 0);
}

/** The precedence of the most specific route hostname matching the request: [non-wildcard length, length]. */
function hostRank(route: KubeObject, listener: Listener, host: string): readonly [number, number] | undefined {
  if (listener.hostname !== undefined && !hostnameMatches(listener.hostname, host)) return undefined;
  const hostnames = items(route, 'spec', 'hostnames').map(String);
  if (hostnames.length === 0) {
    const own = listener.hostname;
    return own === undefined ? [0, 0] : [own.startsWith('*.') ? 0 : own.length, own.length];
  }
  const matching = hostnames.filter((h) => hostnameMatches(h, host));
  if (matching.length === 0) return undefined;
  return [Math.max(0, ...matching.filter((h) => !h.startsWith('*.')).map((h) => h.length)), Math.max(...matching.map((h) => h.length))];
}

/** The listeners a request reaches: on its port, with the most specific hostname that matches. */
function listenersFor(gateway: KubeObject, request: HttpRequest): Listener[] {
  const onPort = listenersOf(gateway).filter((l) => request.port === undefined || l.port === request.port);
  const matching = onPort.filter((l) => l.hostname === undefined || hostnameMatches(l.hostname, request.host));
  const specificity = (l: Listener): number => (l.hostname === undefined ? 0 : l.hostname.startsWith('*.') ? 1 : 2) * 1000 + (l.hostname?.length ?? 0);
  const best = Math.max(-1, ...matching.map(specificity));
  return matching.filter((l) => specificity(l) === best);
}

/** Where the Gateway sends the request through the given HTTPRoutes. */
export function routeThroughGateway(gateway: KubeObject, routes: readonly KubeObject[], request: HttpRequest, namespaces: NamespaceLabels = new Map()): GatewayRouteResult {
  const all = listenersOf(gateway);
  if (all.length === 0) return { kind: 'none', reason: `Gateway ${namespaceOf(gateway)}/${nameOf(gateway)} has no listeners` };
  const listeners = listenersFor(gateway, request);
  if (listeners.length === 0) {
    const offered = all.map((l) => `${l.name} (${l.protocol} ${l.port}${l.hostname === undefined ? '' : `, ${l.hostname}`})`).join(', ');
    return { kind: 'none', reason: `no listener of Gateway ${nameOf(gateway)} takes host ${request.host}${request.port === undefined ? '' : ` on port ${request.port}`} (listeners: ${offered})` };
  }
  const candidates: Candidate[] = [];
  const detached: string[] = [];
  const attachedNames = new Set<string>();
  for (const listener of listeners) {
    for (const route of routes) {
      const routeKey = `${namespaceOf(route)}/${nameOf(route)}`;
      const problem = attachmentProblem(route, gateway, listener, namespaces);
      if (problem !== undefined) {
        detached.push(`HTTPRoute ${routeKey} is not attached: ${problem}`);
        continue;
      }
      attachedNames.add(routeKey);
      const host = hostRank(route, listener, request.host);
      if (host === undefined) continue;
      items(route, 'spec', 'rules').forEach((rule, ruleIndex) => {
        const matches = items(rule, 'matches');
        (matches.length === 0 ? [{}] : matches).forEach((match, matchIndex) => {
          const outcome = evaluateMatch(match, request);
          if (outcome === undefined) return;
          candidates.push({
            rank: [host[0], host[1], Number(outcome.pathExact), outcome.pathLength, Number(outcome.method), outcome.headers, outcome.query],
            created: text(route, 'metadata', 'creationTimestamp') ?? '',
            routeKey,
            order: [ruleIndex, matchIndex],
            result: {
              kind: 'routed',
              route: routeKey,
              listener: listener.name,
              via: `rule ${ruleIndex + 1} (${outcome.described})`,
              backends: backendsOf(rule, namespaceOf(route)),
              redirect: redirectOf(rule),
            },
          });
        });
      });
    }
  }
  const best = [...candidates].sort(compareCandidates)[0];
  if (best !== undefined) return best.result;
  if (attachedNames.size === 0) {
    return { kind: 'none', reason: detached.length === 0 ? `no HTTPRoute names Gateway ${nameOf(gateway)} as its parent` : [...new Set(detached)].join('; ') };
  }
  return { kind: 'none', reason: `no rule of the attached HTTPRoute${attachedNames.size === 1 ? '' : 's'} ${[...attachedNames].join(', ')} matches it` };
}
