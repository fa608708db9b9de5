/**
 * How the scheduler decides whether a pod may run on a node: nodeSelector, required node
 * affinity, and NoSchedule/NoExecute taints against tolerations. Graders use this to accept
 * every correct way of constraining a pod, not one spelling of it.
 */

import { asObject } from './reader.js';

export interface NodeView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: ReadonlyArray<{ readonly key: string; readonly value?: string | undefined; readonly effect: string }>;
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
  const terms = list(required['nodeSelectorTerms']).map(obj);
  if ('nodeSelectorTerms' in required) {
    // Terms are ORed; an empty term matches nothing. Within a term, requirements are ANDed.
    const anyTerm = terms.some((term) => {
      const exprs = list(term['matchExpressions']).map(obj);
      const fields = list(term['matchFields']).map(obj);
      if (exprs.length === 0 && fields.length === 0) return false;
      return exprs.every((e) => requirementHolds(e, node.labels[String(e['key'])])) &&
        fields.every((f) => String(f['key']) === 'metadata.name' && requirementHolds(f, node.name));
    });
    if (!anyTerm) return false;
  }
  // spec.nodeName is not a constraint here: the scheduler writes it when it binds the pod.
  return true;
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

/** Whether the scheduler would place the pod on the node (ignoring resources and ports). */
export function podAdmittedOn(podSpec: unknown, node: NodeView): boolean {
  if (!nodeSelectionAdmits(podSpec, node)) return false;
  const tolerations = obj(podSpec)['tolerations'];
  return node.taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').every((t) => toleratesTaint(tolerations, t));
}
