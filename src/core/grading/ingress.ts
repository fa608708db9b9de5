/**
 * Where the Ingresses of a namespace send a request, by the Ingress API's matching rules: the most
 * specific host wins (exact, then wildcard, then rules without a host), then the longest matching
 * path (Exact before Prefix at equal length; Prefix matches whole path elements, so /api does not
 * match /apiary). One rule or several, one Ingress or several: what counts is where requests go.
 */
import { field, items, nameOf, text, type KubeObject } from './reader.js';

export interface RouteTarget {
  readonly ingress: string;
  /** How the request matched: "path /api (Prefix)" or "the default backend". */
  readonly via: string;
  readonly backend: unknown;
}

export type RouteResult =
  | { readonly kind: 'routed'; readonly target: RouteTarget }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'unclear'; readonly reason: string };

function hostRank(ruleHost: string | undefined, host: string): number {
  if (ruleHost === undefined || ruleHost === '') return 1;
  const want = ruleHost.toLowerCase();
  const have = host.toLowerCase();
  if (want === have) return 3;
  if (want.startsWith('*.')) {
    const suffix = want.slice(1);
    return have.endsWith(suffix) && !have.slice(0, -suffix.length).includes('.') && have.length > suffix.length ? 2 : 0;
  }
  return 0;
}

function elements(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

export function pathPrefixMatches(prefix: string, path: string): boolean {
  const want = elements(prefix);
  const have = elements(path);
  return want.length <= have.length && want.every((part, i) => have[i] === part);
}

interface Candidate {
  readonly target: RouteTarget;
  readonly length: number;
  readonly exact: boolean;
  readonly implementationSpecific: boolean;
}

/** Where a request for host and path goes, through the given Ingresses. */
export function routeRequest(ingresses: readonly KubeObject[], host: string, path: string): RouteResult {
  const rules = ingresses.flatMap((ingress) => items(ingress, 'spec', 'rules').map((rule) => ({ ingress, rule, rank: hostRank(text(rule, 'host'), host) })));
  const best = Math.max(0, ...rules.map((r) => r.rank));
  const candidates: Candidate[] = [];
  const seen: string[] = [];
  for (const { ingress, rule } of rules.filter((r) => r.rank === best && best > 0)) {
    for (const entry of items(rule, 'http', 'paths')) {
      const rulePath = text(entry, 'path') ?? '/';
      const pathType = text(entry, 'pathType') ?? 'ImplementationSpecific';
      seen.push(`${rulePath} (${pathType})`);
      const target = { ingress: nameOf(ingress), via: `path ${rulePath} (${pathType})`, backend: field(entry, 'backend') };
      const length = elements(rulePath).join('/').length;
      if (pathType === 'Exact' && rulePath === path) candidates.push({ target, length, exact: true, implementationSpecific: false });
      else if (pathType === 'Prefix' && pathPrefixMatches(rulePath, path)) candidates.push({ target, length, exact: false, implementationSpecific: false });
      else if (pathType === 'ImplementationSpecific' && path.startsWith(rulePath)) candidates.push({ target, length, exact: false, implementationSpecific: true });
    }
  }
  if (candidates.some((c) => c.implementationSpecific)) {
    const c = candidates.find((x) => x.implementationSpecific);
    return { kind: 'unclear', reason: `Ingress ${c?.target.ingress ?? '?'} has ${c?.target.via ?? 'a path'}, whose matching is up to the controller: use Prefix or Exact` };
  }
  candidates.sort((a, b) => b.length - a.length || Number(b.exact) - Number(a.exact));
  const [first, second] = candidates;
  if (first !== undefined) {
    if (second !== undefined && second.length === first.length && second.exact === first.exact && JSON.stringify(second.target.backend) !== JSON.stringify(first.target.backend)) {
      return { kind: 'unclear', reason: `Ingresses ${first.target.ingress} and ${second.target.ingress} both claim ${first.target.via} with different backends` };
    }
    return { kind: 'routed', target: first.target };
  }
  const defaults = ingresses.filter((ingress) => field(ingress, 'spec', 'defaultBackend') !== undefined);
  if (defaults.length === 1 && defaults[0] !== undefined) {
    return { kind: 'routed', target: { ingress: nameOf(defaults[0]), via: 'the default backend', backend: field(defaults[0], 'spec', 'defaultBackend') } };
  }
  if (best === 0) return { kind: 'none', reason: `no rule of ${ingresses.length === 0 ? 'any Ingress (there are none)' : 'the Ingresses'} covers host ${host}` };
  return { kind: 'none', reason: `no path matches (paths for this host: ${seen.join(', ') || 'none'})` };
}
