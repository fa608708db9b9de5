/**
 * TypeScript verifiers: the escape hatch for what the declarative vocabulary cannot say.
 * Each takes its params from the task file and reads the cluster like any check.
 */
import type { ClusterReader } from './reader.js';
import { asObject, field, items, text } from './reader.js';

export interface VerifierOutcome {
  readonly passed: boolean;
  readonly message: string;
}

type Params = Readonly<Record<string, unknown>>;

const obj = asObject;

/** A LabelSelector (matchLabels and matchExpressions, ANDed) against a set of labels. */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const s = obj(selector);
  const matchLabels = Object.entries(obj(s['matchLabels']));
  const expressions = items(s, 'matchExpressions').map(obj);
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  return matchLabels.every(([k, v]) => labels[k] === String(v)) && expressions.every((e) => {
    const key = String(e['key']);
    const values = items(e, 'values').map(String);
    const value = labels[key];
    switch (e['operator']) {
      case 'In': return value !== undefined && values.includes(value);
      case 'NotIn': return value === undefined || !values.includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      default: return false;
    }
  });
}

/**
 * selfAntiAffinity {deployment, namespace, topologyKey}: the Deployment's Pods repel each other —
 * a required podAntiAffinity term on the topology key whose selector matches the Pods' own labels,
 * in their own namespace. matchLabels or matchExpressions, any extra terms: all pass.
 */
async function selfAntiAffinity(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const name = String(params['deployment']);
  const namespace = String(params['namespace']);
  const topologyKey = String(params['topologyKey'] ?? 'kubernetes.io/hostname');
  const deployment = await reader.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace });
  if (deployment === undefined) return { passed: false, message: `Deployment ${namespace}/${name} does not exist.` };
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(field(deployment, 'spec', 'template', 'metadata', 'labels')))) labels[k] = String(v);
  const terms = items(deployment, 'spec', 'template', 'spec', 'affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution').map(obj);
  if (terms.length === 0) return { passed: false, message: `Deployment ${namespace}/${name} has no required podAntiAffinity term (a preferred one lets replicas share a ${topologyKey}).` };
  const own = terms.filter((t) => {
    const namespaces = items(t, 'namespaces').map(String);
    const inOwnNamespace = (namespaces.length === 0 && t['namespaceSelector'] === undefined) || namespaces.includes(namespace);
    return String(t['topologyKey']) === topologyKey && inOwnNamespace && selectorMatches(t['labelSelector'], labels);
  });
  if (own.length > 0) return { passed: true, message: `Deployment ${namespace}/${name}'s Pods may not share a ${topologyKey}: a required anti-affinity term selects their own labels.` };
  const described = terms.map((t) => `topologyKey ${text(t, 'topologyKey') ?? '(none)'} selecting ${JSON.stringify(t['labelSelector'] ?? {})}`).join('; ');
  return { passed: false, message: `No required podAntiAffinity term of Deployment ${namespace}/${name} selects its own Pods (labels ${JSON.stringify(labels)}) on ${topologyKey}; found ${described}.` };
}

export const verifiers: Readonly<Record<string, (params: Params, reader: ClusterReader) => Promise<VerifierOutcome>>> = {
  selfAntiAffinity,
};
