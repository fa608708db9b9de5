import type { AccessRule, Check, CheckSpec, Count, Subject, TaintSpec } from '../tasks/model.js';
import { normalizeImage, sameImage } from './image.js';
import { evaluateFieldMatch, show } from './match.js';
import { carriesLabels, nodeConstraintsText, nodeViewOf, requiredLabelsProblem, toleratesTaint, type NodeView } from './scheduling.js';
import { asObject, describeRef, doesNotExist, field, isReady, items, nameOf, text, type ClusterReader, type KubeObject } from './reader.js';
import { serviceNameLabel } from './service-targets.js';
import { labelSelector } from './label-selector.js';
import { ownedBy, readPodSpec, selectPods } from './pod-selection.js';
import { verifiers } from './verifiers.js';

export interface CheckResult {
  readonly id: string;
  readonly name: string;
  readonly passed: boolean;
  /** Points earned: all of maxPoints when passed, none otherwise. */
  readonly points: number;
  readonly maxPoints: number;
  /** What was found: a confirmation when passed, what is wrong (expected vs actual) when not. */
  readonly message: string;
  /** Set when the check could not be evaluated (API error...), rather than evaluated false. */
  readonly error?: string;
}

interface Outcome {
  readonly passed: boolean;
  readonly message: string;
}

const pass = (message: string): Outcome => ({ passed: true, message });
const fail = (message: string): Outcome => ({ passed: false, message });

function countText(count: number | Count): string {
  if (typeof count === 'number') return `exactly ${count}`;
  if (count.equals !== undefined) return `exactly ${count.equals}`;
  if (count.min !== undefined && count.max !== undefined) return `${count.min} to ${count.max}`;
  return count.min !== undefined ? `at least ${count.min}` : `at most ${count.max ?? 0}`;
}

function countHolds(count: number | Count, n: number): boolean {
  if (typeof count === 'number') return n === count;
  return (count.equals === undefined || n === count.equals) && (count.min === undefined || n >= count.min) && (count.max === undefined || n <= count.max);
}

function podPlacement(pods: readonly KubeObject[]): string {
  if (pods.length === 0) return 'none';
  return pods.map((p) => `${nameOf(p)} on ${text(p, 'spec', 'nodeName') ?? '(unscheduled)'}${isReady(p) ? '' : ' (not ready)'}`).join(', ');
}

async function nodeViews(reader: ClusterReader): Promise<Map<string, NodeView>> {
  const nodes = await reader.list({ apiVersion: 'v1', kind: 'Node' });
  return new Map(nodes.map((n) => [nameOf(n), nodeViewOf(n)] as const));
}

function taintText(t: TaintSpec | NodeView['taints'][number]): string {
  return `${t.key}${t.value === undefined || t.value === '' ? '' : `=${t.value}`}${t.effect === undefined || t.effect === '' ? '' : `:${t.effect}`}`;
}

function taintMatches(spec: TaintSpec, taint: NodeView['taints'][number]): boolean {
  return spec.key === taint.key && (spec.value === undefined || spec.value === (taint.value ?? '')) && (spec.effect === undefined || spec.effect === taint.effect);
}

export function subjectIdentity(subject: Subject): { user?: string; groups: string[]; described: string } {
  if ('serviceAccount' in subject) {
    const [namespace = '', name = ''] = subject.serviceAccount.split('/');
    // A raw review does not infer a ServiceAccount's groups; send them as the authenticator would.
    return {
      user: `system:serviceaccount:${namespace}:${name}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
      described: `ServiceAccount ${namespace}/${name}`,
    };
  }
  if ('user' in subject) return { user: subject.user, groups: [...(subject.groups ?? []), 'system:authenticated'], described: `user ${subject.user}` };
  return { groups: [subject.group, 'system:authenticated'], described: `group ${subject.group}` };
}

export function ruleText(rule: AccessRule): string {
  // kubectl's spelling: resource.group/subresource (deployments.apps/scale, pods/log).
  const resource = `${rule.resource}${rule.group === undefined || rule.group === '' ? '' : `.${rule.group}`}${rule.subresource === undefined ? '' : `/${rule.subresource}`}`;
  const where = rule.namespace === undefined ? 'cluster-wide' : `in ${rule.namespace}`;
  return `${rule.verb} ${resource}${rule.name === undefined ? '' : ` ${rule.name}`} ${where}`;
}

async function evaluateSpec(spec: CheckSpec, reader: ClusterReader): Promise<Outcome> {
  if ('exists' in spec) {
    const object = await reader.get(spec.exists);
    return object === undefined ? fail(doesNotExist(spec.exists)) : pass(`${describeRef(spec.exists)} exists.`);
  }
  if ('absent' in spec) {
    const object = await reader.get(spec.absent);
    if (object === undefined) return pass(`${describeRef(spec.absent)} is absent.`);
    return field(object, 'metadata', 'deletionTimestamp') === undefined
      ? fail(`${describeRef(spec.absent)} still exists; it should be gone.`)
      : pass(`${describeRef(spec.absent)} is being deleted.`);
  }
  if ('fields' in spec) {
    const { object: ref, match } = spec.fields;
    const object = await reader.get(ref);
    if (object === undefined) return fail(`${describeRef(ref)} does not exist, so its fields cannot match.`);
    const failures = match.map((m) => evaluateFieldMatch(object, m)).filter((o) => !o.passed);
    if (failures.length === 0) return pass(`${describeRef(ref)} has ${match.map((m) => m.path).join(', ')} as expected.`);
    return fail(`${describeRef(ref)}: ${failures.map((f) => `expected ${f.expected}, found ${f.actual}`).join('; ')}.`);
  }
  if ('pods' in spec) return evaluatePods(spec.pods, reader);
  if ('podScheduling' in spec) return evaluatePodScheduling(spec.podScheduling, reader);
  if ('serviceEndpoints' in spec) return evaluateServiceEndpoints(spec.serviceEndpoints, reader);
  if ('node' in spec) return evaluateNode(spec.node, reader);
  if ('access' in spec) return evaluateAccess(spec.access, reader);
  if ('rollout' in spec) return evaluateRollout(spec.rollout, reader);
  if ('workloadReady' in spec) return evaluateWorkloadReady(spec.workloadReady, reader);
  if ('etcdSnapshot' in spec) {
    const { path, newerThan } = spec.etcdSnapshot;
    let status;
    try {
      status = await reader.snapshotStatus(path);
    } catch (error) {
      return fail(`${path} is not a valid etcd snapshot: ${error instanceof Error ? error.message : String(error)}.`);
    }
    if (newerThan === undefined) return pass(`${path} is a valid etcd snapshot (revision ${status.revision}, ${status.totalKey} keys).`);
    const marker = await reader.get(newerThan);
    if (marker === undefined) return fail(`The marker ${describeRef(newerThan)} is gone, so the snapshot's age cannot be judged; run setup again.`);
    const markerRevision = Number(text(marker, 'metadata', 'resourceVersion'));
    return status.revision >= markerRevision
      ? pass(`${path} is a valid etcd snapshot taken after ${describeRef(newerThan)} was created (revision ${status.revision} ≥ ${markerRevision}).`)
      : fail(`${path} is a valid snapshot but older than the task: its revision ${status.revision} is before ${describeRef(newerThan)} (revision ${markerRevision}). Take a new one.`);
  }
  if ('etcdKey' in spec) {
    const { key, exists } = spec.etcdKey;
    const value = await reader.etcdGet(key);
    if (exists) return value === undefined ? fail(`etcd has no key ${key}.`) : pass(`etcd has the key ${key}.`);
    return value === undefined
      ? pass(`etcd no longer has ${key}, written after the snapshot: its data comes from the snapshot.`)
      : fail(`etcd still holds ${key}, which was written after the snapshot was taken: the data was not restored from the snapshot (deleting objects through the API is not a restore).`);
  }
  if ('file' in spec) {
    const { path, contains, matches } = spec.file;
    const content = await reader.readFile(path);
    if (content === undefined) return fail(`${path} does not exist.`);
    if (contains !== undefined && !content.includes(contains)) return fail(`${path} does not contain ${show(contains)}.`);
    if (matches !== undefined && !new RegExp(matches, 'm').test(content)) return fail(`${path} has no line matching /${matches}/.`);
    return pass(`${path} exists${contains === undefined && matches === undefined ? '' : ' with the expected content'}.`);
  }
  const verifier = verifiers[spec.verifier.name];
  if (verifier === undefined) return fail(`The verifier ${spec.verifier.name} is not available in this version of cka-lab.`);
  return verifier(spec.verifier.params ?? {}, reader);
}

async function evaluatePods(spec: Extract<CheckSpec, { pods: unknown }>['pods'], reader: ClusterReader): Promise<Outcome> {
  // Finished pods count only when the check asks about a finished phase (Jobs).
  const selected = await selectPods(reader, spec, spec.phase === 'Succeeded' || spec.phase === 'Failed');
  if ('passed' in selected) return selected;
  // phase narrows the selection: "2 Running and 1 Pending" are two checks on one set of pods.
  const pods = spec.phase === undefined ? selected.pods : selected.pods.filter((p) => text(p, 'status', 'phase') === spec.phase);
  const described = spec.phase === undefined ? selected.described : `${spec.phase} ${selected.described}`;
  const problems: string[] = [];
  if (spec.count !== undefined && !countHolds(spec.count, pods.length)) {
    problems.push(`expected ${countText(spec.count)} ${described}, found ${pods.length}`);
  }
  if (spec.count === undefined && pods.length === 0) problems.push(`expected ${described}, found none`);
  if (spec.ready === true) {
    const notReady = pods.filter((p) => !isReady(p));
    if (notReady.length > 0) problems.push(`not Ready: ${notReady.map(nameOf).join(', ')}`);
  }
  if (spec.onNodes !== undefined) {
    const off = pods.filter((p) => !(spec.onNodes ?? []).includes(text(p, 'spec', 'nodeName') ?? ''));
    if (off.length > 0) problems.push(`expected on ${spec.onNodes.join(' or ')}, but ${podPlacement(off)}`);
  }
  if (spec.notOnNodes !== undefined) {
    const on = pods.filter((p) => (spec.notOnNodes ?? []).includes(text(p, 'spec', 'nodeName') ?? ''));
    if (on.length > 0) problems.push(`expected none on ${spec.notOnNodes.join(' or ')}, but ${podPlacement(on)}`);
  }
  if (spec.perNode !== undefined) {
    const perNode = spec.perNode;
    const onNode = new Map([...(await nodeViews(reader)).keys()].map((name) => [name, pods.filter((p) => text(p, 'spec', 'nodeName') === name)] as const));
    const wrong = [...onNode].filter(([, on]) => !countHolds(perNode, on.length));
    if (wrong.length > 0) {
      const found = wrong.map(([name, on]) => (on.length === 0 ? `none on ${name}` : `${on.length} on ${name} (${on.map(nameOf).join(', ')})`));
      problems.push(`expected ${countText(perNode)} on every node (${onNode.size} nodes), but ${found.join(', ')}`);
    }
  }
  if (spec.onNodesWithLabels !== undefined) {
    const nodes = await nodeViews(reader);
    const wanted = spec.onNodesWithLabels;
    const off = pods.filter((p) => {
      const node = nodes.get(text(p, 'spec', 'nodeName') ?? '');
      return node === undefined || !carriesLabels(node, wanted);
    });
    if (off.length > 0) problems.push(`expected on nodes labelled ${labelSelector(wanted)}, but ${podPlacement(off)}`);
  }
  for (const m of spec.match ?? []) {
    const wrong = pods.map((p) => ({ pod: nameOf(p), outcome: evaluateFieldMatch(p, m) })).filter((r) => !r.outcome.passed);
    if (wrong.length === 0) continue;
    const shown = wrong.slice(0, 3).map((r) => `${r.pod} has ${r.outcome.actual}`).join(', ');
    problems.push(`expected ${wrong[0]?.outcome.expected ?? m.path} on every pod, but ${shown}${wrong.length > 3 ? ` and ${wrong.length - 3} more` : ''}`);
  }
  if (problems.length > 0) return fail(`${capitalize(described)}: ${problems.join('; ')}.`);
  const matched = (spec.match ?? []).length === 0 ? '' : `, each with ${(spec.match ?? []).map((m) => m.path).join(', ')} as expected`;
  const spread = spec.perNode === undefined ? '' : `, ${countText(spec.perNode)} on every node`;
  return pass(`${capitalize(described)}: ${pods.length}${spec.ready === true ? ' Ready' : ''} — ${podPlacement(pods)}${spread}${matched}.`);
}

function podIPs(pod: KubeObject): string[] {
  const ips = items(pod, 'status', 'podIPs').map((entry) => text(entry, 'ip')).filter((ip): ip is string => ip !== undefined);
  const primary = text(pod, 'status', 'podIP');
  return primary === undefined || ips.includes(primary) ? ips : [primary, ...ips];
}

/**
 * What a Service really sends to: the ready endpoints of its EndpointSlices, compared with the
 * Ready pods it should reach. Equal sets, so a selector that is too wide fails like one that
 * matches nothing; with a port, a targetPort that resolves elsewhere fails too.
 */
async function evaluateServiceEndpoints(spec: Extract<CheckSpec, { serviceEndpoints: unknown }>['serviceEndpoints'], reader: ClusterReader): Promise<Outcome> {
  const { name, namespace } = spec.service;
  const serviceRef = { apiVersion: 'v1', kind: 'Service', name, namespace };
  const service = await reader.get(serviceRef);
  if (service === undefined) return fail(doesNotExist(serviceRef));
  const selector = Object.entries(asObject(field(service, 'spec', 'selector'))).map(([k, v]) => `${k}=${String(v)}`).join(',');
  const described = `${describeRef(serviceRef)} (selector ${selector === '' ? 'none' : selector})`;
  const selected = await selectPods(reader, spec.pods);
  if ('passed' in selected) return selected;
  const wanted = selected.pods.filter(isReady);
  if (wanted.length === 0) return fail(`${capitalize(selected.described)}: none is Ready, so ${describeRef(serviceRef)} has nothing to send to.`);
  const slices = await reader.list({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespace, labelSelector: `${serviceNameLabel}=${name}` });
  const endpoints = slices.flatMap((slice) => {
    const ports = items(slice, 'ports').map((p) => ({ port: Number(field(p, 'port')), protocol: text(p, 'protocol') ?? 'TCP' }));
    // An unset ready condition means ready (EndpointConditions API).
    return items(slice, 'endpoints').filter((e) => field(e, 'conditions', 'ready') !== false).flatMap((e) => items(e, 'addresses').map((address) => ({ address: String(address), pod: text(e, 'targetRef', 'name'), ports })));
  });
  const podByIP = new Map(wanted.flatMap((p) => podIPs(p).map((ip) => [ip, p] as const)));
  const reached = new Set(endpoints.map((e) => podByIP.get(e.address)).filter((p): p is KubeObject => p !== undefined));
  const missing = wanted.filter((p) => !reached.has(p));
  const extra = endpoints.filter((e) => !podByIP.has(e.address));
  const problems: string[] = [];
  if (endpoints.length === 0) problems.push(`it has no ready endpoints (${slices.length} EndpointSlice${slices.length === 1 ? '' : 's'}); expected the ${wanted.length} Ready ${selected.described}`);
  else {
    if (missing.length > 0) problems.push(`it does not reach ${missing.map((p) => `${nameOf(p)} (${podIPs(p).join(', ') || 'no IP'})`).join(', ')} of the Ready ${selected.described}`);
    if (extra.length > 0) problems.push(`it also sends to ${extra.map((e) => `${e.address}${e.pod === undefined ? '' : ` (pod ${e.pod})`}`).join(', ')}, which ${extra.length === 1 ? 'is' : 'are'} not among the Ready ${selected.described}`);
  }
  const ports = [...new Set(endpoints.flatMap((e) => e.ports.map((p) => `${p.port}/${p.protocol}`)))];
  if (spec.port !== undefined && endpoints.length > 0 && endpoints.some((e) => !e.ports.some((p) => p.port === spec.port))) {
    problems.push(`its endpoints carry port ${ports.join(', ') || 'none'}; expected ${spec.port} (what its targetPort must resolve to on the pods)`);
  }
  if (problems.length > 0) return fail(`${described}: ${problems.join('; ')}.`);
  return pass(`${describeRef(serviceRef)} sends to the ${wanted.length} Ready ${selected.described} (${[...podByIP.keys()].join(', ')}) on port ${ports.join(', ')}.`);
}

async function evaluatePodScheduling(spec: Extract<CheckSpec, { podScheduling: unknown }>['podScheduling'], reader: ClusterReader): Promise<Outcome> {
  const found = await readPodSpec(reader, spec);
  if ('passed' in found) return found;
  const { podSpec, described } = found;
  const problems: string[] = [];
  if (spec.onlyNodesWithLabels !== undefined) {
    const problem = requiredLabelsProblem(podSpec, [...(await nodeViews(reader)).values()], spec.onlyNodesWithLabels);
    if (problem !== undefined) problems.push(`${problem} (${nodeConstraintsText(podSpec)})`);
  }
  for (const taint of spec.tolerates ?? []) {
    if (!toleratesTaint(field(podSpec, 'tolerations'), { key: taint.key, value: taint.value, effect: taint.effect })) {
      const have = items(podSpec, 'tolerations').map((t) => `${String(field(t, 'key') ?? '*')}${field(t, 'operator') === 'Exists' ? ' Exists' : `=${String(field(t, 'value') ?? '')}`}:${String(field(t, 'effect') ?? '*')}`);
      problems.push(`it does not tolerate the taint ${taintText(taint)} (tolerations: ${have.length === 0 ? ('pod' in spec ? 'only the defaults' : 'none') : have.join(', ')})`);
    }
  }
  if (problems.length > 0) return fail(`${described}: ${problems.join('; ')}.`);
  const parts = [spec.onlyNodesWithLabels === undefined ? '' : `can only be scheduled onto nodes labelled ${labelSelector(spec.onlyNodesWithLabels)}`, (spec.tolerates ?? []).length === 0 ? '' : `tolerates ${(spec.tolerates ?? []).map(taintText).join(', ')}`].filter((p) => p !== '');
  return pass(`${described} ${parts.join(' and ')}.`);
}

async function evaluateNode(spec: Extract<CheckSpec, { node: unknown }>['node'], reader: ClusterReader): Promise<Outcome> {
  const ref = { apiVersion: 'v1', kind: 'Node', name: spec.name };
  const node = await reader.get(ref);
  if (node === undefined) return fail(doesNotExist(ref));
  const view = nodeViewOf(node);
  const problems: string[] = [];
  const found: string[] = [];
  if (spec.unschedulable !== undefined) {
    const actual = field(node, 'spec', 'unschedulable') === true;
    if (actual !== spec.unschedulable) problems.push(spec.unschedulable ? 'it is schedulable; expected it cordoned (spec.unschedulable: true)' : 'it is cordoned (spec.unschedulable: true); expected it schedulable');
    else found.push(actual ? 'cordoned' : 'schedulable');
  }
  for (const [key, value] of Object.entries(spec.labels ?? {})) {
    const actual = view.labels[key];
    if (value === null && actual !== undefined) problems.push(`label ${key} should be absent, found ${key}=${actual}`);
    else if (value !== null && actual !== value) problems.push(`expected label ${key}=${value}, found ${actual === undefined ? 'no such label' : `${key}=${actual}`}`);
    else found.push(value === null ? `no ${key} label` : `${key}=${value}`);
  }
  const taints = view.taints;
  for (const wanted of spec.taints?.includes ?? []) {
    if (!taints.some((t) => taintMatches(wanted, t))) problems.push(`expected taint ${taintText(wanted)}, found ${taints.length === 0 ? 'no taints' : taints.map(taintText).join(', ')}`);
    else found.push(`taint ${taintText(wanted)}`);
  }
  for (const unwanted of spec.taints?.excludes ?? []) {
    const hit = taints.find((t) => taintMatches(unwanted, t));
    if (hit !== undefined) problems.push(`taint ${taintText(hit)} should be gone`);
  }
  if (problems.length > 0) return fail(`Node ${spec.name}: ${problems.join('; ')}.`);
  return pass(`Node ${spec.name}: ${found.length === 0 ? 'as expected' : found.join(', ')}.`);
}

async function evaluateAccess(spec: Extract<CheckSpec, { access: unknown }>['access'], reader: ClusterReader): Promise<Outcome> {
  const who = subjectIdentity(spec.subject);
  const asked = [...(spec.allowed ?? []).map((rule) => ({ rule, want: true })), ...(spec.denied ?? []).map((rule) => ({ rule, want: false }))];
  const answers = await Promise.all(asked.map(async ({ rule, want }) => {
    const answer = await reader.canI({
      ...(who.user === undefined ? {} : { user: who.user }),
      groups: who.groups,
      verb: rule.verb,
      resource: rule.resource,
      group: rule.group ?? '',
      ...(rule.subresource === undefined ? {} : { subresource: rule.subresource }),
      ...(rule.namespace === undefined ? {} : { namespace: rule.namespace }),
      ...(rule.name === undefined ? {} : { name: rule.name }),
    });
    return { rule, want, allowed: answer.allowed };
  }));
  const wrong = answers.filter((a) => a.allowed !== a.want);
  if (wrong.length === 0) {
    const allowed = answers.filter((a) => a.want).map((a) => ruleText(a.rule));
    const denied = answers.filter((a) => !a.want).map((a) => ruleText(a.rule));
    return pass(`${capitalize(who.described)}${allowed.length > 0 ? ` may ${allowed.join(', ')}` : ''}${allowed.length > 0 && denied.length > 0 ? ';' : ''}${denied.length > 0 ? ` may not ${denied.join(', ')}` : ''}.`);
  }
  const missing = wrong.filter((a) => a.want).map((a) => ruleText(a.rule));
  const extra = wrong.filter((a) => !a.want).map((a) => ruleText(a.rule));
  return fail(`${capitalize(who.described)}${missing.length > 0 ? ` cannot ${missing.join(', ')} (expected allowed)` : ''}${missing.length > 0 && extra.length > 0 ? ';' : ''}${extra.length > 0 ? ` can ${extra.join(', ')} (expected denied)` : ''}.`);
}

function containerImages(template: unknown, container: string | undefined): string[] {
  return items(template, 'spec', 'containers')
    .filter((c) => container === undefined || field(c, 'name') === container)
    .map((c) => String(field(c, 'image') ?? ''));
}

async function evaluateRollout(spec: Extract<CheckSpec, { rollout: unknown }>['rollout'], reader: ClusterReader): Promise<Outcome> {
  const { name, namespace } = spec.deployment;
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace };
  const deployment = await reader.get(ref);
  if (deployment === undefined) return fail(doesNotExist(ref));
  const uid = new Set([text(deployment, 'metadata', 'uid') ?? '']);
  const replicaSets = (await reader.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace })).filter((rs) => ownedBy(rs, uid));
  const history = replicaSets
    .map((rs) => ({ revision: Number(text(rs, 'metadata', 'annotations', 'deployment.kubernetes.io/revision') ?? 0), images: containerImages(field(rs, 'spec', 'template'), spec.container) }))
    .sort((a, b) => a.revision - b.revision);
  const historyText = history.length === 0 ? 'no ReplicaSets' : history.map((h) => `revision ${h.revision}: ${h.images.join(', ')}`).join('; ');
  const current = containerImages(field(deployment, 'spec', 'template'), spec.container);
  const currentRevision = Number(text(deployment, 'metadata', 'annotations', 'deployment.kubernetes.io/revision') ?? 0);
  const problems: string[] = [];
  if (spec.currentImage !== undefined && !current.some((image) => sameImage(image, spec.currentImage ?? ''))) {
    problems.push(`expected the current image ${spec.currentImage}, found ${current.join(', ') || 'no matching container'}`);
  }
  for (const image of spec.historyIncludesImages ?? []) {
    if (!history.some((h) => h.images.some((i) => sameImage(i, image)))) problems.push(`expected a rollout to ${image} in the revision history, found ${historyText}`);
  }
  if (spec.minRevision !== undefined && currentRevision < spec.minRevision) {
    problems.push(`expected the current revision to be at least ${spec.minRevision}, found ${currentRevision} (${historyText})`);
  }
  if (problems.length > 0) return fail(`Deployment ${namespace}/${name}: ${problems.join('; ')}.`);
  return pass(`Deployment ${namespace}/${name} is at revision ${currentRevision} with ${current.map(normalizeShort).join(', ')} (${historyText}).`);
}

function normalizeShort(image: string): string {
  return normalizeImage(image).replace(/^docker\.io\/(library\/)?/, '');
}

async function evaluateWorkloadReady(spec: Extract<CheckSpec, { workloadReady: unknown }>['workloadReady'], reader: ClusterReader): Promise<Outcome> {
  const { kind, name, namespace } = spec;
  const ref = { apiVersion: 'apps/v1', kind, name, namespace };
  const object = await reader.get(ref);
  if (object === undefined) return fail(doesNotExist(ref));
  const status = (k: string): number => Number(field(object, 'status', k) ?? 0);
  const generation = Number(field(object, 'metadata', 'generation') ?? 0);
  const observed = status('observedGeneration');
  const problems: string[] = [];
  let summary: string;
  if (kind === 'DaemonSet') {
    const desired = status('desiredNumberScheduled');
    summary = `${status('numberReady')}/${desired} ready, ${status('updatedNumberScheduled')} updated`;
    if (status('numberReady') !== desired || status('updatedNumberScheduled') !== desired || status('numberUnavailable') > 0) problems.push(`not fully rolled out: ${summary}`);
    if (spec.replicas !== undefined && desired !== spec.replicas) problems.push(`expected ${spec.replicas} pods, it wants ${desired}`);
  } else {
    const wanted = Number(field(object, 'spec', 'replicas') ?? 1);
    summary = `${status('readyReplicas')}/${wanted} ready, ${status('updatedReplicas')} updated${kind === 'Deployment' ? `, ${status('availableReplicas')} available` : ''}`;
    if (spec.replicas !== undefined && wanted !== spec.replicas) problems.push(`expected spec.replicas ${spec.replicas}, found ${wanted}`);
    const total = status('replicas');
    const rolledOut = status('updatedReplicas') === wanted && status('readyReplicas') === wanted && total === wanted && (kind !== 'Deployment' || status('availableReplicas') === wanted);
    const old = total - status('updatedReplicas');
    if (!rolledOut) problems.push(`not fully rolled out: ${summary}${old > 0 ? `, ${old} pod(s) of an older revision still running` : ''}`);
  }
  if (observed < generation) problems.push(`the controller has not seen the latest change yet (generation ${generation}, observed ${observed})`);
  if (problems.length > 0) return fail(`${kind} ${namespace}/${name}: ${problems.join('; ')}.`);
  return pass(`${kind} ${namespace}/${name} is fully rolled out: ${summary}.`);
}

function capitalize(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Grades one check; an API error fails the check with the error, it never stops the others. */
export async function evaluateCheck(check: Check, reader: ClusterReader): Promise<CheckResult> {
  try {
    const outcome = await evaluateSpec(check.spec, reader);
    return { id: check.id, name: check.title, passed: outcome.passed, points: outcome.passed ? check.points : 0, maxPoints: check.points, message: outcome.message };
  } catch (error) {
    const message = `Could not check: ${errorText(error)}`;
    return { id: check.id, name: check.title, passed: false, points: 0, maxPoints: check.points, message, error: errorText(error) };
  }
}

export interface TaskGrade {
  readonly task: string;
  readonly score: number;
  readonly maxScore: number;
  readonly percent: number;
  /** True only when every check passed. */
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
}

/** Grades all checks of a task concurrently on one reader. */
export async function gradeChecks(taskId: string, checks: readonly Check[], reader: ClusterReader): Promise<TaskGrade> {
  const evaluated = await Promise.all(checks.map((check) => evaluateCheck(check, reader)));
  // A gate is an earlier check, already settled (gated itself, maybe) when its followers are.
  const results: CheckResult[] = [];
  evaluated.forEach((result, index) => {
    const gate = results.find((r) => r.id === checks[index]?.after);
    const held = gate !== undefined && !gate.passed && result.passed;
    results.push(held ? { ...result, passed: false, points: 0, message: `Not counted yet: it counts once "${gate.name}" passes. (On its own: ${result.message})` } : result);
  });
  const score = results.reduce((sum, r) => sum + r.points, 0);
  const maxScore = results.reduce((sum, r) => sum + r.maxPoints, 0);
  return {
    task: taskId,
    score,
    maxScore,
    percent: maxScore === 0 ? 0 : Math.round((score / maxScore) * 1000) / 10,
    passed: results.every((r) => r.passed),
    checks: results,
  };
}
