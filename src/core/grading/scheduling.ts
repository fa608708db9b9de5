/**
 * How the scheduler decides whether a pod may run on a node: nodeSelector, required node
 * affinity, and NoSchedule/NoExecute taints against tolerations; and how its preferred node
 * affinity ranks the nodes it may run on. Graders use this to accept every correct way of
 * constraining a pod, not one spelling of it.
 */

import { labelsOf, labelsText } from './label-selector.js';
import { asObject, field, items, nameOf, text, type KubeObject } from './reader.js';

export interface NodeView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: ReadonlyArray<{ readonly key: string; readonly value?: string | undefined; readonly effect: string }>;
}

/** A Node object as the scheduler weighs it: its name, labels and taints. */
export function nodeViewOf(node: KubeObject): NodeView {
  const taints = items(node, 'spec', 'taints').map((t) => ({ key: String(field(t, 'key') ?? ''), value: text(t, 'value'), effect: String(field(t, 'effect') ?? '') }));
  return { name: nameOf(node), labels: labelsOf(node), taints };
}

export function carriesLabels(node: NodeView, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(labels).every(([k, v]) => node.labels[k] === v);
}

const obj = asObject;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function requirementHolds(req: Record<string, unknown>, actual: string | undefined): boolean {
  const values = list(req['values']).map(String);
  switch (req['operator']) {
    case 'In':
      return actual !== undefined && values.includes(actual);
    case 'NotIn':
      return actual === undefined || !values.includes(actual);
    case 'Exists':
      return actual !== undefined;
    case 'DoesNotExist':
      return actual === undefined;
    case 'Gt':
      return actual !== undefined && /^-?\d+$/.test(actual) && Number(actual) > Number(values[0]);
    case 'Lt':
      return actual !== undefined && /^-?\d+$/.test(actual) && Number(actual) < Number(values[0]);
    default:
      return false;
  }
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node affinity. */
export function nodeSelectionAdmits(podSpec: unknown, node: NodeView): boolean {
  const spec = obj(podSpec);
  for (const [key, value] of Object.entries(obj(spec['nodeSelector']))) {
    if (node.labels[key] !== String(value)) return false;
  }
  const required = obj(obj(obj(spec['affinity'])['nodeAffinity'])['requiredDuringSchedulingIgnoredDuringExecution']);
  // Terms are ORed.
  if ('nodeSelectorTerms' in required && !list(required['nodeSelectorTerms']).some((term) => nodeSelectorTermMatches(term, node))) return false;
  // spec.nodeName is not a constraint here: the scheduler writes it when it binds the pod.
  return true;
}

/** One NodeSelectorTerm: its requirements ANDed; an empty term matches nothing. */
function nodeSelectorTermMatches(term: unknown, node: NodeView): boolean {
  const exprs = list(obj(term)['matchExpressions']).map(obj);
  const fields = list(obj(term)['matchFields']).map(obj);
  if (exprs.length === 0 && fields.length === 0) return false;
  return exprs.every((e) => requirementHolds(e, node.labels[String(e['key'])])) &&
    fields.every((f) => String(f['key']) === 'metadata.name' && requirementHolds(f, node.name));
}

/**
 * What preferredDuringSchedulingIgnoredDuringExecution adds to a node's score in the scheduler's
 * NodeAffinity plugin, before it normalises: the weights of the terms the node matches (a term
 * of weight 0 or without requirements counts for nothing).
 */
export function preferredAffinityScore(podSpec: unknown, node: NodeView): number {
  const preferred = list(obj(obj(obj(podSpec)['affinity'])['nodeAffinity'])['preferredDuringSchedulingIgnoredDuringExecution']).map(obj);
  return preferred.reduce((score, term) => {
    const weight = Number(term['weight'] ?? 0);
    return Number.isFinite(weight) && weight > 0 && nodeSelectorTermMatches(term['preference'], node) ? score + weight : score;
  }, 0);
}

/** The node with one label set to a value, or removed (undefined): a node the cluster might have. */
export function withNodeLabel(node: NodeView, key: string, value: string | undefined): NodeView {
  const rest = Object.fromEntries(Object.entries(node.labels).filter(([k]) => k !== key));
  return { ...node, labels: value === undefined ? rest : { ...rest, [key]: value } };
}

export interface TaintView {
  readonly key: string;
  readonly value?: string | undefined;
  readonly effect?: string | undefined;
}

/** The API's ToleratesTaint: empty key with Exists tolerates everything; empty effect any effect. */
export function toleratesTaint(tolerations: unknown, taint: TaintView): boolean {
  return list(tolerations).map(obj).some((t) => {
    const effect = t['effect'] === undefined ? '' : String(t['effect']);
    if (effect !== '' && taint.effect !== undefined && effect !== taint.effect) return false;
    if (effect !== '' && taint.effect === undefined) return false;
    const key = t['key'] === undefined ? '' : String(t['key']);
    const operator = t['operator'] === undefined || t['operator'] === '' ? 'Equal' : String(t['operator']);
    if (key === '') return operator === 'Exists';
    if (key !== taint.key) return false;
    if (operator === 'Exists') return true;
    return operator === 'Equal' && (t['value'] === undefined ? '' : String(t['value'])) === (taint.value ?? '');
  });
}

/** A NodeSelectorTerm's requirements, ANDed: k In [a, b] and name Exists. */
function termText(term: unknown): string {
  return [...items(term, 'matchExpressions'), ...items(term, 'matchFields')]
    .map((e) => `${text(e, 'key') ?? '?'} ${text(e, 'operator') ?? '?'}${items(e, 'values').length === 0 ? '' : ` [${items(e, 'values').map(String).join(', ')}]`}`)
    .join(' and ');
}

/** A pod spec's node constraints in one line: nodeSelector app=x; required node affinity (k In [a, b]) or (...). */
export function nodeConstraintsText(podSpec: unknown): string {
  const selector = Object.entries(obj(field(podSpec, 'nodeSelector'))).map(([k, v]) => `${k}=${String(v)}`);
  const terms = items(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms').map(termText);
  return `nodeSelector ${selector.length === 0 ? 'none' : selector.join(',')}; required node affinity ${terms.length === 0 ? 'none' : terms.map((t) => `(${t})`).join(' or ')}`;
}

/** A pod spec's preferred node affinity in one line: (weight 50: disktype In [ssd]), (...). */
export function preferredAffinityText(podSpec: unknown): string {
  const terms = items(podSpec, 'affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution')
    .map((term) => `weight ${String(field(term, 'weight') ?? '?')}: ${termText(field(term, 'preference')) || 'no requirements'}`);
  return `preferred node affinity ${terms.length === 0 ? 'none' : terms.map((t) => `(${t})`).join(', ')}`;
}

/**
 * Why a pod spec's nodeSelector and required node affinity do not confine it to nodes carrying
 * `labels` (taints aside: they keep Pods off a node, they do not say where one may go), judged on
 * the cluster's nodes as they are and with those labels removed — so the nodes may all carry the
 * labels and a constraint is still required; undefined when they do and some node fits.
 */
export function requiredLabelsProblem(podSpec: unknown, nodes: readonly NodeView[], labels: Readonly<Record<string, string>>): string | undefined {
  const wanted = labelsText(labels);
  const carries = (node: NodeView) => carriesLabels(node, labels);
  const leaks = nodes.filter((n) => !carries(n) && nodeSelectionAdmits(podSpec, n)).map((n) => n.name);
  if (leaks.length > 0) return `it could be scheduled onto ${leaks.join(', ')}, not labelled ${wanted}; it must only go to nodes labelled ${wanted}`;
  const stripped = nodes.filter(carries).filter((n) => nodeSelectionAdmits(podSpec, Object.keys(labels).reduce((node, key) => withNodeLabel(node, key, undefined), n)));
  if (stripped.length > 0) return `nothing requires ${wanted}; it could go to ${stripped[0]?.name ?? 'a node'} even if that node lost the label`;
  if (!nodes.some((n) => nodeSelectionAdmits(podSpec, n))) return `none of the ${nodes.length} nodes fits these constraints, so it cannot be scheduled anywhere`;
  return undefined;
}
