/**
 * Whether NetworkPolicies let one pod reach another, by the API's rules rather than one spelling
 * of them: a pod is isolated in a direction once any policy of that type selects it, and then only
 * what some rule of those policies admits gets through; a connection needs egress from the source
 * and ingress to the destination. Policies split or merged, selectors written as {} or as
 * expressions, ports by number, range or name: all are judged by what they let through.
 */
import { isEmptySelector, labelSelectorMatches, labelsText } from './label-selector.js';
import { asObject, field, items, nameOf, text, type KubeObject } from './reader.js';

/** ipBlock peers give `unknown` for pods: network plugins differ on whether pod IPs fall under them. */
export type Verdict = 'allowed' | 'denied' | 'unknown';

export interface PodEnd {
  readonly namespace: string;
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

export interface NamedPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
}

export interface Connection {
  readonly from: PodEnd;
  /** namedPorts: the destination's container ports, which named ports in rules resolve to. */
  readonly to: PodEnd & { readonly namedPorts: readonly NamedPort[] };
  readonly port: number;
  readonly protocol: string;
}

export interface Judgement {
  readonly verdict: Verdict;
  readonly reason: string;
}

type Direction = 'Ingress' | 'Egress';

export function describeEnd(end: PodEnd): string {
  return `pods ${labelsText(end.labels)} in ${end.namespace}`;
}

/** policyTypes as the API defaults them: Ingress always, Egress when the policy has egress rules. */
export function policyTypes(policy: unknown): Direction[] {
  const declared = items(policy, 'spec', 'policyTypes').map(String).filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  if (declared.length > 0) return declared;
  return items(policy, 'spec', 'egress').length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function portsAdmit(ports: unknown[], port: number, protocol: string, namedPorts: readonly NamedPort[]): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if ((text(p, 'protocol') ?? 'TCP') !== protocol) return false;
    const value = field(p, 'port');
    if (value === undefined || value === null) return true;
    if (typeof value === 'number') {
      const end = field(p, 'endPort');
      return typeof end === 'number' ? port >= value && port <= end : port === value;
    }
    return namedPorts.some((named) => named.name === String(value) && named.port === port && named.protocol === protocol);
  });
}

/** Whether one peer of a rule (in a policy of namespace policyNs) covers the pod at the other end. */
function peerAdmits(peer: unknown, policyNs: string, other: PodEnd): Verdict {
  const p = asObject(peer);
  if (p['ipBlock'] !== undefined) return 'unknown';
  const namespaceSelector = p['namespaceSelector'];
  const podSelector = p['podSelector'];
  if (namespaceSelector === undefined && podSelector === undefined) return 'denied';
  const namespaceOk = namespaceSelector === undefined ? other.namespace === policyNs : labelSelectorMatches(namespaceSelector, other.namespaceLabels);
  const podOk = podSelector === undefined || labelSelectorMatches(podSelector, other.labels);
  return namespaceOk && podOk ? 'allowed' : 'denied';
}

interface DirectionJudgement extends Judgement {
  /** Whether any policy isolates the pod in this direction. */
  readonly isolated: boolean;
}

function judgeDirection(policies: readonly KubeObject[], direction: Direction, subject: PodEnd, other: PodEnd, connection: Connection): DirectionJudgement {
  const isolating = policies.filter((policy) =>
    text(policy, 'metadata', 'namespace') === subject.namespace
    && policyTypes(policy).includes(direction)
    && (isEmptySelector(field(policy, 'spec', 'podSelector')) || labelSelectorMatches(field(policy, 'spec', 'podSelector'), subject.labels)));
  const what = direction === 'Ingress' ? 'ingress' : 'egress';
  if (isolating.length === 0) return { verdict: 'allowed', reason: `no NetworkPolicy isolates ${describeEnd(subject)} for ${what}`, isolated: false };
  let unknownBy: string | undefined;
  for (const policy of isolating) {
    const rules = items(policy, 'spec', what);
    for (const [index, rule] of rules.entries()) {
      if (!portsAdmit(items(rule, 'ports'), connection.port, connection.protocol, connection.to.namedPorts)) continue;
      const peers = items(rule, direction === 'Ingress' ? 'from' : 'to');
      const verdicts = peers.map((peer) => peerAdmits(peer, subject.namespace, other));
      const by = `NetworkPolicy ${nameOf(policy)} (${what} rule ${index + 1})`;
      if (peers.length === 0 || verdicts.includes('allowed')) return { verdict: 'allowed', reason: `${by} admits it`, isolated: true };
      if (verdicts.includes('unknown')) unknownBy ??= by;
    }
  }
  const names = isolating.map(nameOf).join(', ');
  if (unknownBy !== undefined) {
    return { verdict: 'unknown', reason: `only an ipBlock in ${unknownBy} could admit it, and whether pod IPs fall under an ipBlock depends on the network plugin: select pods with podSelector/namespaceSelector`, isolated: true };
  }
  return { verdict: 'denied', reason: `NetworkPolicy ${names} isolate${isolating.length === 1 ? 's' : ''} ${describeEnd(subject)} for ${what} and no rule admits it`, isolated: true };
}

/** Judges one connection against every NetworkPolicy of both namespaces. */
export function judgeConnection(policies: readonly KubeObject[], connection: Connection): Judgement {
  const egress = judgeDirection(policies, 'Egress', connection.from, connection.to, connection);
  const ingress = judgeDirection(policies, 'Ingress', connection.to, connection.from, connection);
  if (egress.verdict === 'denied' || ingress.verdict === 'denied') {
    return { verdict: 'denied', reason: [egress, ingress].filter((j) => j.verdict === 'denied').map((j) => j.reason).join('; ') };
  }
  if (egress.verdict === 'unknown' || ingress.verdict === 'unknown') {
    return { verdict: 'unknown', reason: [egress, ingress].filter((j) => j.verdict === 'unknown').map((j) => j.reason).join('; ') };
  }
  // Only the policies that let it through say why; a side nothing isolates needs no mention.
  const admitted = [egress, ingress].filter((j) => j.isolated).map((j) => j.reason);
  return { verdict: 'allowed', reason: admitted.length === 0 ? 'no NetworkPolicy isolates either end' : admitted.join('; ') };
}
