/**
 * TypeScript verifiers: the escape hatch for what the declarative vocabulary cannot say.
 * Each takes its params from the task file and reads the cluster like any check.
 */
import { configMapDataProblems, configMapsUsed, isGeneratedName } from './configmap-refs.js';
import { csrState, privateKeyProblem, savedCertificateProblem, subjectOf, subjectProblems, subjectText } from './certificates.js';
import { CronError, cronDifferences, parseCron } from './cron.js';
import { describeTarget, dnsNameProblem, fullyQualifiedName, type DnsTarget } from './dns-names.js';
import { gatewayGroup, routeThroughGateway } from './gateway-routing.js';
import { routeRequest } from './ingress.js';
import { isEmptySelector, labelSelectorMatches, labelsOf, labelsText } from './label-selector.js';
import { describeEnd, judgeConnection, type NamedPort, type PodEnd } from './network-policy.js';
import { normalMountPath, sharedMountProblems, sidecarProblems } from './pod-template.js';
import type { ClusterReader, KubeObject } from './reader.js';
import { asObject, describeRef, doesNotExist, field, isLivePod, isReady, items, nameOf, text } from './reader.js';
import { workloadKinds, type ObjectRef } from '../tasks/model.js';
import { quantitiesEqual } from './quantity.js';
import { readPodSpec, selectPods } from './pod-selection.js';
import { nodeConstraintsText, nodeSelectionAdmits, nodeViewOf, preferredAffinityScore, preferredAffinityText, withNodeLabel, type NodeView } from './scheduling.js';
import { secretDataProblems } from './secret-data.js';
import { describeSlice, serviceNameLabel, serviceTargets } from './service-targets.js';

export interface VerifierOutcome {
  readonly passed: boolean;
  readonly message: string;
}

type Params = Readonly<Record<string, unknown>>;

const absentOutcome = (ref: ObjectRef): VerifierOutcome => ({ passed: false, message: doesNotExist(ref) });

const obj = asObject;

/**
 * selfAntiAffinity {deployment, namespace, topologyKey}: the Deployment's Pods repel each other —
 * a required podAntiAffinity term on the topology key whose selector matches the Pods' own labels,
 * in their own namespace. matchLabels or matchExpressions, any extra terms: all pass.
 */
async function selfAntiAffinity(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const name = String(params['deployment']);
  const namespace = String(params['namespace']);
  const topologyKey = String(params['topologyKey'] ?? 'kubernetes.io/hostname');
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace };
  const deployment = await reader.get(ref);
  if (deployment === undefined) return absentOutcome(ref);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(field(deployment, 'spec', 'template', 'metadata', 'labels')))) labels[k] = String(v);
  const terms = items(deployment, 'spec', 'template', 'spec', 'affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution').map(obj);
  if (terms.length === 0) return { passed: false, message: `Deployment ${namespace}/${name} has no required podAntiAffinity term (a preferred one lets replicas share a ${topologyKey}).` };
  const own = terms.filter((t) => {
    const namespaces = items(t, 'namespaces').map(String);
    const inOwnNamespace = (namespaces.length === 0 && t['namespaceSelector'] === undefined) || namespaces.includes(namespace);
    return String(t['topologyKey']) === topologyKey && inOwnNamespace && !isEmptySelector(t['labelSelector']) && labelSelectorMatches(t['labelSelector'], labels);
  });
  if (own.length > 0) return { passed: true, message: `Deployment ${namespace}/${name}'s Pods may not share a ${topologyKey}: a required anti-affinity term selects their own labels.` };
  const described = terms.map((t) => `topologyKey ${text(t, 'topologyKey') ?? '(none)'} selecting ${JSON.stringify(t['labelSelector'] ?? {})}`).join('; ');
  return { passed: false, message: `No required podAntiAffinity term of Deployment ${namespace}/${name} selects its own Pods (labels ${JSON.stringify(labels)}) on ${topologyKey}; found ${described}.` };
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** A verifier's params, read from the task file: a wrong shape is the author's error, said plainly. */
function stringParam(params: Params, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') throw new Error(`verifier param ${key} must be a non-empty string`);
  return value;
}

function labelsParam(value: unknown, key: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`verifier param ${key} must be a map of labels`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function listParam(params: Params, key: string): Params[] {
  const value = params[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`verifier param ${key} must be a list`);
  return value.map(obj);
}

interface TrafficProbe {
  readonly from: { readonly namespace: string; readonly labels: Record<string, string> };
  readonly to: { readonly namespace: string; readonly labels: Record<string, string> };
  readonly port: number;
  readonly protocol: string;
}

function probesOf(params: Params, key: string): TrafficProbe[] {
  return listParam(params, key).map((probe, i) => {
    const end = (which: 'from' | 'to') => {
      const e = obj(probe[which]);
      return { namespace: stringParam(e, 'namespace'), labels: labelsParam(e['labels'], `${key}[${i}].${which}.labels`) };
    };
    const port = probe['port'];
    if (typeof port !== 'number') throw new Error(`verifier param ${key}[${i}].port must be a number`);
    return { from: end('from'), to: end('to'), port, protocol: typeof probe['protocol'] === 'string' ? probe['protocol'] : 'TCP' };
  });
}

/**
 * networkPolicyTraffic {allowed: [probe], denied: [probe]}, probe = {from: {namespace, labels},
 * to: {namespace, labels}, port, protocol?}: judges each connection by the NetworkPolicies of
 * both namespaces (see network-policy.ts). Named ports resolve through the container ports of the
 * destination's pods that exist.
 */
async function networkPolicyTraffic(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const allowed = probesOf(params, 'allowed');
  const denied = probesOf(params, 'denied');
  if (allowed.length + denied.length === 0) throw new Error('networkPolicyTraffic needs allowed or denied probes');
  const namespaces = [...new Set([...allowed, ...denied].flatMap((p) => [p.from.namespace, p.to.namespace]))];
  const namespaceLabels = new Map<string, Record<string, string>>();
  const policies: KubeObject[] = [];
  const pods = new Map<string, KubeObject[]>();
  for (const ns of namespaces) {
    const namespace = await reader.get({ apiVersion: 'v1', kind: 'Namespace', name: ns });
    // A namespace that does not exist stands for any other namespace: it has only its name label.
    namespaceLabels.set(ns, namespace === undefined ? { 'kubernetes.io/metadata.name': ns } : labelsOf(namespace));
    policies.push(...(await reader.list({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: ns })));
    const destination = [...allowed, ...denied].some((p) => p.to.namespace === ns);
    pods.set(ns, namespace === undefined || !destination ? [] : (await reader.list({ apiVersion: 'v1', kind: 'Pod', namespace: ns })).filter(isLivePod));
  }
  const end = (e: TrafficProbe['from']): PodEnd => ({ namespace: e.namespace, namespaceLabels: namespaceLabels.get(e.namespace) ?? {}, labels: e.labels });
  const namedPorts = (e: TrafficProbe['to']): NamedPort[] => (pods.get(e.namespace) ?? [])
    .filter((pod) => Object.entries(e.labels).every(([k, v]) => labelsOf(pod)[k] === v))
    .flatMap((pod) => items(pod, 'spec', 'containers').flatMap((c) => items(c, 'ports')))
    .filter((p) => text(p, 'name') !== undefined)
    .map((p) => ({ name: text(p, 'name') ?? '', port: Number(field(p, 'containerPort')), protocol: text(p, 'protocol') ?? 'TCP' }));
  const describe = (p: TrafficProbe) => `${describeEnd(end(p.from))} → ${describeEnd(end(p.to))} on ${p.protocol} ${p.port}`;
  const problems: string[] = [];
  const judged = [...allowed.map((probe) => ({ probe, want: 'allowed' as const })), ...denied.map((probe) => ({ probe, want: 'denied' as const }))];
  for (const { probe, want } of judged) {
    const judgement = judgeConnection(policies, { from: end(probe.from), to: { ...end(probe.to), namedPorts: namedPorts(probe.to) }, port: probe.port, protocol: probe.protocol });
    if (judgement.verdict === want) continue;
    const found = judgement.verdict === 'unknown' ? 'may or may not be allowed' : `is ${judgement.verdict}`;
    problems.push(`${capitalize(describe(probe))} should be ${want} but ${found}: ${judgement.reason}`);
  }
  const policyNames = policies.map((p) => `${text(p, 'metadata', 'namespace') ?? ''}/${text(p, 'metadata', 'name') ?? ''}`);
  if (problems.length > 0) return { passed: false, message: `${problems.join('. ')}. (NetworkPolicies: ${policyNames.join(', ') || 'none'}.)` };
  const summary = [allowed.length > 0 ? `allowed: ${allowed.map(describe).join('; ')}` : '', denied.length > 0 ? `denied: ${denied.map(describe).join('; ')}` : ''].filter((t) => t !== '');
  return { passed: true, message: `The NetworkPolicies (${policyNames.join(', ')}) let through exactly what was asked — ${summary.join(' — ')}.` };
}

function backendText(backend: unknown): string {
  const service = field(backend, 'service');
  if (service === undefined) return `a ${text(backend, 'resource', 'kind') ?? 'non-Service'} backend`;
  const port = field(service, 'port', 'number') ?? field(service, 'port', 'name');
  return `${text(service, 'name') ?? '?'}:${String(port ?? '?')}`;
}

/**
 * ingressRoutes {namespace, routes: [{host, path, service?, port?}]}: where the namespace's
 * Ingresses send each request (see ingress.ts); a route without service must match nothing. A
 * backend port given by name resolves through the Service, so port.name and port.number both pass.
 */
async function ingressRoutes(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const routes = listParam(params, 'routes');
  if (routes.length === 0) throw new Error('ingressRoutes needs routes');
  const ingresses = await reader.list({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace });
  const routed = routes.filter((r) => typeof r['service'] === 'string').map((r) => `http://${String(r['host'])}${String(r['path'])}`);
  if (ingresses.length === 0 && routed.length > 0) return { passed: false, message: `There is no Ingress in ${namespace}, so nothing routes ${routed.join(', ')}.` };
  const problems: string[] = [];
  const found: string[] = [];
  for (const route of routes) {
    const host = stringParam(route, 'host');
    const path = stringParam(route, 'path');
    const wantService = typeof route['service'] === 'string' ? route['service'] : undefined;
    const wantPort = typeof route['port'] === 'number' ? route['port'] : undefined;
    const request = `http://${host}${path}`;
    const result = routeRequest(ingresses, host, path);
    if (result.kind === 'unclear') {
      problems.push(`${request}: ${result.reason}`);
      continue;
    }
    if (result.kind === 'none') {
      if (wantService === undefined) found.push(`${request} → nothing`);
      else problems.push(`${request} should go to ${wantService}:${wantPort ?? '?'}, but ${result.reason}`);
      continue;
    }
    const { target } = result;
    const served = `${backendText(target.backend)} (Ingress ${target.ingress}, ${target.via})`;
    if (wantService === undefined) {
      problems.push(`${request} should match no rule, but goes to ${served}`);
      continue;
    }
    const serviceName = text(target.backend, 'service', 'name');
    if (serviceName !== wantService) {
      problems.push(`${request} should go to ${wantService}:${wantPort ?? '?'}, but goes to ${served}`);
      continue;
    }
    const service = await reader.get({ apiVersion: 'v1', kind: 'Service', name: serviceName, namespace });
    if (service === undefined) {
      problems.push(`${request} goes to ${served}, but Service ${namespace}/${serviceName} does not exist`);
      continue;
    }
    const ports = items(service, 'spec', 'ports');
    const byNumber = field(target.backend, 'service', 'port', 'number');
    const byName = text(target.backend, 'service', 'port', 'name');
    const servicePort = ports.find((p) => (byNumber !== undefined && field(p, 'port') === byNumber) || (byName !== undefined && text(p, 'name') === byName));
    const portsText = ports.map((p) => `${String(field(p, 'port'))}${text(p, 'name') === undefined ? '' : ` (${text(p, 'name') ?? ''})`}`).join(', ');
    if (servicePort === undefined) {
      problems.push(`${request} goes to ${served}, but Service ${serviceName} has no such port (its ports: ${portsText || 'none'})`);
      continue;
    }
    const resolved = Number(field(servicePort, 'port'));
    if (wantPort !== undefined && resolved !== wantPort) {
      problems.push(`${request} should go to ${wantService}:${wantPort}, but goes to ${serviceName}:${resolved} (Ingress ${target.ingress}, ${target.via})`);
      continue;
    }
    found.push(`${request} → ${serviceName}:${resolved}`);
  }
  if (problems.length > 0) return { passed: false, message: `${problems.join('. ')}.` };
  return { passed: true, message: `The Ingresses of ${namespace} route ${found.join(', ')}.` };
}

/**
 * gatewayRoutes {gateway, namespace, route?, requests: [{host, path, headers?, method?, gatewayPort?,
 * service?, port?}]}: where the Gateway sends each request through the HTTPRoutes attached to it
 * (see gateway-routing.ts); a request without service must reach no backend. With route, each
 * routed request must be served by that HTTPRoute. The backend must be a Service of the namespace
 * that has the port: a route to a missing port forwards nowhere.
 */
async function gatewayRoutes(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const gatewayRef = { apiVersion: `${gatewayGroup}/v1`, kind: 'Gateway', name: stringParam(params, 'gateway'), namespace };
  const wantRoute = typeof params['route'] === 'string' ? `${namespace}/${params['route']}` : undefined;
  const requests = listParam(params, 'requests');
  if (requests.length === 0) throw new Error('gatewayRoutes needs requests');
  const gateway = await reader.get(gatewayRef);
  if (gateway === undefined) return absentOutcome(gatewayRef);
  // Routes of other namespaces count only where a listener admits them; read them only then.
  const crossNamespace = items(gateway, 'spec', 'listeners').some((l) => (text(l, 'allowedRoutes', 'namespaces', 'from') ?? 'Same') !== 'Same');
  const routes = await reader.list({ apiVersion: `${gatewayGroup}/v1`, kind: 'HTTPRoute', ...(crossNamespace ? {} : { namespace }) });
  const namespaceLabels = new Map<string, Record<string, string>>();
  if (crossNamespace) {
    for (const ns of await reader.list({ apiVersion: 'v1', kind: 'Namespace' })) namespaceLabels.set(nameOf(ns), labelsOf(ns));
  }
  const problems: string[] = [];
  const found: string[] = [];
  for (const request of requests) {
    const headers = Object.fromEntries(Object.entries(obj(request['headers'])).map(([k, v]) => [k, String(v)]));
    const gatewayPort = typeof request['gatewayPort'] === 'number' ? request['gatewayPort'] : undefined;
    const httpRequest = {
      host: stringParam(request, 'host'),
      path: stringParam(request, 'path'),
      headers,
      ...(typeof request['method'] === 'string' ? { method: request['method'] } : {}),
      ...(gatewayPort === undefined ? {} : { port: gatewayPort }),
    };
    const headerText = Object.entries(headers).map(([k, v]) => ` with ${k}: ${v}`).join('');
    const described = `${httpRequest.method ?? 'GET'} ${httpRequest.host}${gatewayPort === undefined ? '' : `:${gatewayPort}`}${httpRequest.path}${headerText}`;
    const wantService = typeof request['service'] === 'string' ? request['service'] : undefined;
    const wantPort = typeof request['port'] === 'number' ? request['port'] : undefined;
    const wanted = `${wantService ?? ''}:${wantPort ?? '?'}`;
    const result = routeThroughGateway(gateway, routes, httpRequest, namespaceLabels);
    if (result.kind === 'none') {
      if (wantService === undefined) found.push(`${described} → nothing`);
      else problems.push(`${described} should go to ${wanted}, but ${result.reason}`);
      continue;
    }
    const by = `HTTPRoute ${result.route}, ${result.via}`;
    const backendsText = result.backends.map((b) => `${b.namespace === namespace ? '' : `${b.namespace}/`}${b.name}:${b.port ?? '?'}${result.backends.length > 1 ? ` (weight ${b.weight})` : ''}`).join(', ');
    if (wantService === undefined) {
      problems.push(`${described} should reach no backend, but goes to ${result.redirect ?? (backendsText || 'a rule with no backend')} (${by})`);
      continue;
    }
    if (wantRoute !== undefined && result.route !== wantRoute) {
      problems.push(`${described} is served by HTTPRoute ${result.route} (${result.via}), not by HTTPRoute ${wantRoute}`);
      continue;
    }
    if (result.redirect !== undefined) {
      problems.push(`${described} should go to ${wanted}, but gets ${result.redirect} (${by})`);
      continue;
    }
    const [backend, ...others] = result.backends;
    if (backend === undefined || others.length > 0) {
      problems.push(`${described} should go to ${wanted} alone, but ${backend === undefined ? 'its rule forwards to no backend' : `is split between ${backendsText}`} (${by})`);
      continue;
    }
    const isService = backend.kind === 'Service' && backend.namespace === namespace;
    const service = isService ? await reader.get({ apiVersion: 'v1', kind: 'Service', name: backend.name, namespace }) : undefined;
    const ports = items(service, 'spec', 'ports').map((p) => Number(field(p, 'port')));
    const serviceProblem = !isService ? undefined
      : service === undefined ? `Service ${namespace}/${backend.name} does not exist`
      : !ports.includes(backend.port ?? -1) ? `Service ${backend.name} has no port ${backend.port ?? '(none given)'} (its ports: ${ports.join(', ') || 'none'})`
      : undefined;
    if (!isService || backend.name !== wantService || (wantPort !== undefined && backend.port !== wantPort)) {
      problems.push(`${described} should go to ${wanted}, but goes to ${backend.kind === 'Service' ? '' : `${backend.kind} `}${backendsText} (${by})${serviceProblem === undefined ? '' : `, and ${serviceProblem}`}`);
    } else if (serviceProblem !== undefined) {
      problems.push(`${described} goes to ${backendsText} (${by}), but ${serviceProblem}`);
    } else {
      found.push(`${described} → ${backendsText}`);
    }
  }
  if (problems.length > 0) return { passed: false, message: `${problems.join('. ')}.` };
  return { passed: true, message: `Gateway ${namespace}/${gatewayRef.name} routes ${found.join('; ')}.` };
}

const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/**
 * onlyDefaultStorageClass {name}: the named StorageClass is the cluster's one default, by either
 * annotation the DefaultStorageClass admission plugin honours (value exactly "true").
 */
async function onlyDefaultStorageClass(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const name = stringParam(params, 'name');
  const classes = await reader.list({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' });
  const isDefault = (sc: KubeObject) => defaultClassAnnotations.some((a) => text(sc, 'metadata', 'annotations', a) === 'true');
  const defaults = classes.filter(isDefault).map((sc) => nameOf(sc));
  const target = classes.find((sc) => text(sc, 'metadata', 'name') === name);
  if (target === undefined) return { passed: false, message: `StorageClass ${name} does not exist (classes: ${classes.map((sc) => nameOf(sc)).join(', ') || 'none'}).` };
  const problems: string[] = [];
  if (!isDefault(target)) {
    const value = defaultClassAnnotations.map((a) => text(target, 'metadata', 'annotations', a)).find((v) => v !== undefined);
    problems.push(`${name} is not marked default (expected the annotation storageclass.kubernetes.io/is-default-class: "true", found ${value === undefined ? 'no such annotation' : JSON.stringify(value)})`);
  }
  const others = defaults.filter((d) => d !== name);
  if (others.length > 0) problems.push(`${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} still marked default`);
  if (problems.length > 0) return { passed: false, message: `Expected ${name} to be the only default StorageClass: ${problems.join('; ')}.` };
  return { passed: true, message: `${name} is the only default StorageClass (of ${classes.length}).` };
}

/**
 * claimMounted {namespace, claim, mountPath, pod? | selector?}: the selected live pods are Ready
 * and each mounts a volume of the PersistentVolumeClaim at mountPath, in some container — whatever
 * the volume is called.
 */
async function claimMounted(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const claim = stringParam(params, 'claim');
  const mountPath = normalMountPath(stringParam(params, 'mountPath'));
  const podName = typeof params['pod'] === 'string' ? params['pod'] : undefined;
  const selector = labelsParam(params['selector'], 'selector');
  const selected = await selectPods(reader, { namespace, ...(Object.keys(selector).length === 0 ? {} : { selector }), ...(podName === undefined ? {} : { name: podName }) });
  if ('passed' in selected) return selected;
  const { pods, described } = selected;
  if (pods.length === 0) return { passed: false, message: `Expected ${described} mounting claim ${claim} at ${mountPath}, found no such pod.` };
  const problems: string[] = [];
  for (const pod of pods) {
    const name = nameOf(pod);
    const volumes = items(pod, 'spec', 'volumes').filter((v) => text(v, 'persistentVolumeClaim', 'claimName') === claim).map((v) => text(v, 'name'));
    const mounts = items(pod, 'spec', 'containers').flatMap((c) => items(c, 'volumeMounts').map((m) => ({ container: text(c, 'name') ?? '?', volume: text(m, 'name'), path: normalMountPath(text(m, 'mountPath') ?? '') })));
    const claimMounts = mounts.filter((m) => volumes.includes(m.volume));
    if (volumes.length === 0) {
      const claims = items(pod, 'spec', 'volumes').map((v) => text(v, 'persistentVolumeClaim', 'claimName')).filter((c) => c !== undefined);
      problems.push(`${name} has no volume from claim ${claim} (claims it uses: ${claims.join(', ') || 'none'})`);
    } else if (!claimMounts.some((m) => m.path === mountPath)) {
      problems.push(`${name} mounts claim ${claim} ${claimMounts.length === 0 ? 'in no container' : `at ${claimMounts.map((m) => `${m.path} (container ${m.container})`).join(', ')}`}, not at ${mountPath}`);
    } else if (!isReady(pod)) {
      problems.push(`${name} mounts it but is not Ready (phase ${text(pod, 'status', 'phase') ?? 'unknown'})`);
    }
  }
  if (problems.length > 0) return { passed: false, message: `Expected ${described} Ready with claim ${claim} mounted at ${mountPath}: ${problems.join('; ')}.` };
  return { passed: true, message: `${pods.length === 1 ? `${described} is Ready and mounts` : `All ${pods.length} ${described} are Ready and mount`} claim ${claim} at ${mountPath}.` };
}

/** A Deployment's pod spec, or the outcome to report when the Deployment is missing. */
async function deploymentPodSpec(params: Params, reader: ClusterReader): Promise<{ podSpec: unknown; described: string } | VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const name = stringParam(params, 'deployment');
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace };
  const deployment = await reader.get(ref);
  if (deployment === undefined) return absentOutcome(ref);
  return { podSpec: field(deployment, 'spec', 'template', 'spec'), described: describeRef(ref) };
}

/**
 * sidecarContainer {namespace, deployment, container, image?, command?}: the Deployment's Pods run
 * the container beside the app for their whole life — a regular container or a native sidecar (init
 * container with restartPolicy Always) — with the image and a command line containing `command`.
 */
async function sidecarContainer(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const found = await deploymentPodSpec(params, reader);
  if ('passed' in found) return found;
  const name = stringParam(params, 'container');
  const image = typeof params['image'] === 'string' ? params['image'] : undefined;
  const command = typeof params['command'] === 'string' ? params['command'] : undefined;
  const { problems, role } = sidecarProblems(found.podSpec, { name, ...(image === undefined ? {} : { image }), ...(command === undefined ? {} : { command }) });
  if (problems.length > 0) return { passed: false, message: `${found.described}: ${problems.join('; ')}.` };
  const how = role === 'sidecar' ? 'as a native sidecar (init container with restartPolicy: Always)' : 'as a regular container';
  return { passed: true, message: `${found.described} runs ${name}${image === undefined ? '' : ` (${image})`}${command === undefined ? '' : ` with ${JSON.stringify(command)}`} ${how}.` };
}

/**
 * sharedVolumeMount {namespace, deployment, containers, mountPath, volume, readOnly?, files?}: each
 * named container (regular or init) of the Deployment's pod template mounts one same volume at
 * mountPath, whatever it is called; the volume matches `volume` (a partial shape, or a list of
 * accepted ones); each of `files` (keys of a configMap/secret volume) shows as mountPath/<key>.
 */
async function sharedVolumeMount(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const found = await deploymentPodSpec(params, reader);
  if ('passed' in found) return found;
  const containers = params['containers'];
  if (!Array.isArray(containers) || containers.length === 0) throw new Error('verifier param containers must be a non-empty list');
  const mountPath = stringParam(params, 'mountPath');
  const volume = (Array.isArray(params['volume']) ? params['volume'] : [params['volume']]).map(obj);
  const readOnly = params['readOnly'] === true;
  const files = params['files'];
  if (files !== undefined && (!Array.isArray(files) || files.length === 0)) throw new Error('verifier param files must be a non-empty list of file names');
  const result = sharedMountProblems(found.podSpec, { containers: containers.map(String), mountPath, volume, readOnly, ...(files === undefined ? {} : { files: files.map(String) }) });
  if (result.problems.length > 0) return { passed: false, message: `${found.described}: ${result.problems.join('; ')}.` };
  const who = containers.length === 1 ? `container ${String(containers[0])} mounts` : `containers ${containers.map(String).join(' and ')} mount`;
  return { passed: true, message: `In ${found.described}, ${who} volume ${result.volume ?? '?'} at ${mountPath}${readOnly ? ' read-only' : ''}.` };
}

/**
 * secretData {namespace, name, type?, data}: the Secret has the type and, decoded, exactly the
 * values given for these keys (other keys are allowed).
 */
async function secretData(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const name = stringParam(params, 'name');
  const type = typeof params['type'] === 'string' ? params['type'] : undefined;
  const data = Object.fromEntries(Object.entries(obj(params['data'])).map(([k, v]) => [k, String(v)]));
  if (Object.keys(data).length === 0) throw new Error('verifier param data must map keys to values');
  const ref = { apiVersion: 'v1', kind: 'Secret', name, namespace };
  const secret = await reader.get(ref);
  if (secret === undefined) return absentOutcome(ref);
  const problems = secretDataProblems(secret, { ...(type === undefined ? {} : { type }), data });
  if (problems.length > 0) return { passed: false, message: `Secret ${namespace}/${name}: ${problems.join('; ')}.` };
  return { passed: true, message: `Secret ${namespace}/${name}${type === undefined ? '' : ` (${type})`} holds the expected ${Object.keys(data).join(', ')}.` };
}

/**
 * cronJobSchedule {namespace, name, schedule}: the CronJob is not suspended and its schedule fires
 * at the same times as the given one, however spelled (*\/5, 0-59/5, 0,5,…,55; @hourly = 0 * * * *).
 */
async function cronJobSchedule(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const name = stringParam(params, 'name');
  const wanted = stringParam(params, 'schedule');
  const ref = { apiVersion: 'batch/v1', kind: 'CronJob', name, namespace };
  const cronJob = await reader.get(ref);
  if (cronJob === undefined) return absentOutcome(ref);
  const schedule = text(cronJob, 'spec', 'schedule') ?? '';
  const described = `CronJob ${namespace}/${name}: schedule ${JSON.stringify(schedule)}`;
  let differences: string[];
  try {
    differences = cronDifferences(parseCron(schedule), parseCron(wanted));
  } catch (error) {
    if (!(error instanceof CronError)) throw error;
    return { passed: false, message: `${described} does not fire at set times like ${JSON.stringify(wanted)}: ${error.message}.` };
  }
  if (differences.length > 0) return { passed: false, message: `${described} does not fire when ${JSON.stringify(wanted)} does: ${differences.join('; ')}.` };
  if (field(cronJob, 'spec', 'suspend') === true) return { passed: false, message: `${described} is right, but the CronJob is suspended (spec.suspend: true): it starts no Jobs.` };
  return { passed: true, message: `${described} fires when ${JSON.stringify(wanted)} does.` };
}

async function clusterNodes(reader: ClusterReader): Promise<NodeView[]> {
  return (await reader.list({ apiVersion: 'v1', kind: 'Node' })).map(nodeViewOf);
}

/**
 * The pod spec a scheduling verifier judges, named as podScheduling names it: a Pod ({pod: {name,
 * namespace}}) or the Pods a workload's template makes ({template: {kind, name, namespace}}).
 */
async function scheduledPodSpec(params: Params, reader: ClusterReader): Promise<{ podSpec: unknown; described: string } | VerifierOutcome> {
  if (params['pod'] !== undefined) {
    const pod = obj(params['pod']);
    return readPodSpec(reader, { pod: { name: stringParam(pod, 'name'), namespace: stringParam(pod, 'namespace') } });
  }
  const template = obj(params['template']);
  const kind = workloadKinds.find((k) => k === template['kind']);
  if (kind === undefined) throw new Error(`verifier param pod {name, namespace} or template {kind, name, namespace} is required; template kind must be one of ${workloadKinds.join(', ')}`);
  return readPodSpec(reader, { template: { kind, name: stringParam(template, 'name'), namespace: stringParam(template, 'namespace') } });
}

/** A node label requirement from the params: key In values. */
function labelInParam(params: Params): { key: string; values: string[]; other: string; text: string } {
  const key = stringParam(params, 'key');
  const raw = params['values'];
  if (!Array.isArray(raw) || raw.length === 0) throw new Error('verifier param values must be a non-empty list of label values');
  const values = raw.map(String);
  // A value outside the list, to probe for constraints that take any value of the key (Exists, NotIn).
  let other = 'other';
  while (values.includes(other)) other = `${other}-x`;
  return { key, values, other, text: `${key} in [${values.join(', ')}]` };
}

/** A node as the verifiers below name it: the cluster's own, or one of them relabelled. */
interface ProbeNode {
  readonly node: NodeView;
  readonly described: string;
  readonly real: boolean;
}

/** Each node of the cluster, then each relabelled: key set to each value, to another value, removed. */
function probeNodes(nodes: readonly NodeView[], key: string, values: readonly (string | undefined)[]): ProbeNode[] {
  const labelText = (value: string | undefined) => (value === undefined ? `no ${key} label` : `${key}=${value}`);
  const real = nodes.map((node) => ({ node, described: `${node.name} (${labelText(node.labels[key])})`, real: true }));
  const relabelled = nodes.flatMap((node) => values.filter((value) => value !== node.labels[key]).map((value) => ({
    node: withNodeLabel(node, key, value),
    described: `${node.name} if it had ${labelText(value)}`,
    real: false,
  })));
  return [...real, ...relabelled];
}

/** At most three probe nodes, the cluster's own first. */
function probesText(probes: readonly ProbeNode[]): string {
  const shown = [...probes.filter((p) => p.real), ...probes.filter((p) => !p.real)].slice(0, 3).map((p) => p.described);
  return `${shown.join(', ')}${probes.length > shown.length ? ` and ${probes.length - shown.length} more` : ''}`;
}

/**
 * nodeLabelRequired {pod | template, key, values}: the Pod may be scheduled onto a node exactly
 * when the node's label key has one of values — its nodeSelector and required node affinity
 * judged together by the scheduler's rules (taints aside), on each node of the cluster and on
 * each relabelled (key set to each value, to another, removed). So In [a, b], two terms, the
 * values in any order all pass; Exists, one value only, or an extra required label fail.
 */
async function nodeLabelRequired(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const requirement = labelInParam(params);
  const found = await scheduledPodSpec(params, reader);
  if ('passed' in found) return found;
  const { podSpec } = found;
  const described = `${found.described} (${nodeConstraintsText(podSpec)})`;
  const probes = probeNodes(await clusterNodes(reader), requirement.key, [...requirement.values, requirement.other, undefined]);
  const wanted = (p: ProbeNode) => {
    const value = p.node.labels[requirement.key];
    return value !== undefined && requirement.values.includes(value);
  };
  const leaks = probes.filter((p) => !wanted(p) && nodeSelectionAdmits(podSpec, p.node));
  const refused = probes.filter((p) => wanted(p) && !nodeSelectionAdmits(podSpec, p.node));
  const problems = [
    leaks.length === 0 ? '' : `it could also be scheduled onto ${probesText(leaks)}`,
    refused.length === 0 ? '' : `it could not be scheduled onto ${probesText(refused)}`,
  ].filter((p) => p !== '');
  if (problems.length > 0) return { passed: false, message: `${described}: ${problems.join('; ')}; expected it to be allowed onto every node with ${requirement.text} and onto no other node (taints aside).` };
  const fitting = probes.filter((p) => p.real && wanted(p)).map((p) => p.node.name);
  return { passed: true, message: `${described} may be scheduled onto a node exactly when it has ${requirement.text} (taints aside); ${fitting.join(', ') || 'no node of the cluster'} ${fitting.length === 1 ? 'fits' : 'fit'}.` };
}

/**
 * nodeLabelPreferred {pod | template, key, values, weight}: the preferred node affinity adds
 * exactly weight to a node's score when its label key has one of values, and nothing for another
 * value — as the scheduler adds up matching terms' weights — on each node the Pod may be
 * scheduled onto (all nodes, when none), relabelled. Other preferences may come on top.
 */
async function nodeLabelPreferred(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const requirement = labelInParam(params);
  const weight = params['weight'];
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) throw new Error('verifier param weight must be an integer from 1 to 100');
  const found = await scheduledPodSpec(params, reader);
  if ('passed' in found) return found;
  const { podSpec } = found;
  const described = `${found.described} (${preferredAffinityText(podSpec)})`;
  const nodes = await clusterNodes(reader);
  // A preference only ranks the nodes a Pod may go to.
  const feasible = nodes.filter((n) => nodeSelectionAdmits(podSpec, n));
  const { key } = requirement;
  const problems = new Set<string>();
  for (const node of feasible.length === 0 ? nodes : feasible) {
    const base = preferredAffinityScore(podSpec, withNodeLabel(node, key, undefined));
    for (const value of [...requirement.values, requirement.other]) {
      const added = preferredAffinityScore(podSpec, withNodeLabel(node, key, value)) - base;
      const expected = requirement.values.includes(value) ? weight : 0;
      if (added !== expected) problems.add(`a node with ${key}=${value}${expected === 0 ? ' (a value not asked for)' : ''} scores ${added} more than one without ${key}, expected ${expected}`);
    }
  }
  if (problems.size > 0) return { passed: false, message: `${described}: ${[...problems].join('; ')}. Expected a preference of weight ${weight} for nodes with ${requirement.text}.` };
  return { passed: true, message: `${described} prefers nodes with ${requirement.text} by weight ${weight}.` };
}

/**
 * nodesWithoutLabels {labels, reason?}: no node carries any of the labels (null: the key with any
 * value); reason, said on failure, tells what should have been changed instead of the nodes.
 */
async function nodesWithoutLabels(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const raw = params['labels'];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) throw new Error('verifier param labels must be a non-empty map of labels');
  const forbidden = Object.entries(raw).map(([key, value]) => ({ key, value: value === null ? undefined : String(value) }));
  const forbiddenText = forbidden.map((f) => (f.value === undefined ? `a ${f.key} label` : `${f.key}=${f.value}`)).join(' or ');
  const nodes = await reader.list({ apiVersion: 'v1', kind: 'Node' });
  const found = nodes.flatMap((n) => {
    const labels = labelsOf(n);
    const hits = forbidden.filter((f) => labels[f.key] !== undefined && (f.value === undefined || labels[f.key] === f.value)).map((f) => `${f.key}=${labels[f.key] ?? ''}`);
    return hits.length === 0 ? [] : [`${nameOf(n)} carries ${hits.join(', ')}`];
  });
  const reason = typeof params['reason'] === 'string' ? ` ${params['reason']}` : '';
  if (found.length > 0) return { passed: false, message: `No node should carry ${forbiddenText}, but ${found.join('; ')}.${reason}` };
  return { passed: true, message: `None of the ${nodes.length} nodes carries ${forbiddenText}.` };
}

const qosClasses = ['BestEffort', 'Burstable', 'Guaranteed'];

/**
 * podsLabelledByQos {namespace, labels, qosClass}: the live pods of the namespace whose
 * status.qosClass (computed by the API server when the pod was created) is qosClass carry the
 * labels, and no other pod does.
 */
async function podsLabelledByQos(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const qosClass = stringParam(params, 'qosClass');
  if (!qosClasses.includes(qosClass)) throw new Error(`verifier param qosClass must be one of ${qosClasses.join(', ')}`);
  const wanted = labelsParam(params['labels'], 'labels');
  if (Object.keys(wanted).length === 0) throw new Error('podsLabelledByQos needs labels');
  const wantedText = labelsText(wanted);
  const pods = (await reader.list({ apiVersion: 'v1', kind: 'Pod', namespace })).filter(isLivePod);
  const classOf = (pod: KubeObject) => text(pod, 'status', 'qosClass') ?? 'no QoS class';
  const carries = (pod: KubeObject) => Object.entries(wanted).every(([k, v]) => labelsOf(pod)[k] === v);
  const inClass = pods.filter((p) => classOf(p) === qosClass);
  if (inClass.length === 0) return { passed: false, message: `No live pod of ${namespace} has QoS class ${qosClass} (pods: ${pods.map((p) => `${nameOf(p)} ${classOf(p)}`).join(', ') || 'none'}).` };
  const foundLabels = (pod: KubeObject) => {
    const present = Object.keys(wanted).filter((k) => labelsOf(pod)[k] !== undefined).map((k) => `${k}=${labelsOf(pod)[k] ?? ''}`);
    return present.length === 0 ? `no ${Object.keys(wanted).join(', ')} label` : present.join(',');
  };
  const missing = inClass.filter((p) => !carries(p)).map((p) => `${nameOf(p)} (${foundLabels(p)})`);
  const extra = pods.filter((p) => classOf(p) !== qosClass && carries(p)).map((p) => `${nameOf(p)} (${classOf(p)})`);
  const problems = [
    missing.length === 0 ? '' : `${qosClass} pods without ${wantedText}: ${missing.join(', ')}`,
    extra.length === 0 ? '' : `pods labelled ${wantedText} that are not ${qosClass}: ${extra.join(', ')}`,
  ].filter((p) => p !== '');
  if (problems.length > 0) return { passed: false, message: `Expected exactly the ${qosClass} pods of ${namespace} labelled ${wantedText}: ${problems.join('; ')}.` };
  return { passed: true, message: `The ${inClass.length} ${qosClass} pods of ${namespace} (${inClass.map(nameOf).join(', ')}), and no other pod, carry ${wantedText}.` };
}

/**
 * serviceExternalEndpoints {namespace, service, port, addresses, endpointPort?}: clients of the
 * Service's TCP port reach exactly these addresses on endpointPort (default: port), as kube-proxy
 * reads the EndpointSlices labelled with the Service's name (see service-targets.ts): slices
 * written by hand and slices mirrored from an Endpoints object count alike.
 */
async function serviceExternalEndpoints(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const name = stringParam(params, 'service');
  const port = params['port'];
  const endpointPort = params['endpointPort'] ?? port;
  const addresses = params['addresses'];
  if (typeof port !== 'number' || typeof endpointPort !== 'number') throw new Error('verifier params port and endpointPort must be numbers');
  if (!Array.isArray(addresses) || addresses.length === 0) throw new Error('verifier param addresses must be a non-empty list');
  const ref = { apiVersion: 'v1', kind: 'Service', name, namespace };
  const described = describeRef(ref);
  const wanted = addresses.map((a) => `${String(a)}:${endpointPort}`);
  const service = await reader.get(ref);
  if (service === undefined) return absentOutcome(ref);
  if (text(service, 'spec', 'type') === 'ExternalName') {
    return { passed: false, message: `${described} is of type ExternalName (externalName ${JSON.stringify(text(service, 'spec', 'externalName') ?? '')}): its clients get a DNS CNAME record to that name, and an externalName is a DNS name, not an IP address (one made of digits resolves to nothing). To send to ${wanted.join(', ')}, give a ClusterIP Service without a selector endpoints at those addresses.` };
  }
  const ports = items(service, 'spec', 'ports');
  const servicePort = ports.find((p) => field(p, 'port') === port && (text(p, 'protocol') ?? 'TCP') === 'TCP');
  if (servicePort === undefined) {
    return { passed: false, message: `${described} has no port ${port}/TCP (its ports: ${ports.map((p) => `${String(field(p, 'port'))}/${text(p, 'protocol') ?? 'TCP'}`).join(', ') || 'none'}), so clients cannot use ${name}:${port}.` };
  }
  const all = await reader.list({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespace });
  const slices = all.filter((s) => text(s, 'metadata', 'labels', serviceNameLabel) === name);
  const { targets, notes } = serviceTargets({ name: text(servicePort, 'name') ?? '', protocol: 'TCP' }, slices);
  const missing = wanted.filter((t) => !targets.includes(t));
  const extra = targets.filter((t) => !wanted.includes(t));
  if (missing.length + extra.length === 0) {
    return { passed: true, message: `Clients of ${described} on port ${port} reach ${wanted.join(', ')} (EndpointSlices: ${slices.map(describeSlice).join(', ')}).` };
  }
  const problems: string[] = [];
  const unlabelled = all.filter((s) => text(s, 'metadata', 'labels', serviceNameLabel) === undefined).map(describeSlice);
  if (slices.length === 0) problems.push(`no EndpointSlice in ${namespace} is labelled ${serviceNameLabel}=${name}, so it sends nowhere`);
  if (unlabelled.length > 0) problems.push(`EndpointSlice ${unlabelled.join(', ')} carries no ${serviceNameLabel} label, so it belongs to no Service`);
  if (slices.length > 0 && missing.length > 0) problems.push(`it does not send to ${missing.join(', ')}${targets.length === 0 ? ' (nor anywhere)' : ''}`);
  if (extra.length > 0) problems.push(`it also sends to ${extra.join(', ')}`);
  const selector = Object.entries(obj(field(service, 'spec', 'selector'))).map(([k, v]) => `${k}=${String(v)}`).join(',');
  if (selector !== '') problems.push(`its selector ${selector} leaves its endpoints to the controllers, which list the Pods it selects and overwrite an Endpoints object of the same name`);
  return { passed: false, message: `Expected ${described} to send port ${port} to exactly ${wanted.join(', ')}: ${[...problems, ...notes].join('; ')}.` };
}

/** An ObjectRef param, read from the task file. */
function refParam(params: Params, key: string): { apiVersion: string; kind: string; name: string; namespace?: string } {
  const ref = obj(params[key]);
  const namespace = ref['namespace'];
  return { apiVersion: stringParam(ref, 'apiVersion'), kind: stringParam(ref, 'kind'), name: stringParam(ref, 'name'), ...(typeof namespace === 'string' ? { namespace } : {}) };
}

/**
 * notRecreated {object, marker}: the object is still the one setup created — created no later
 * than marker, an object setup creates right after it; one deleted and created again is newer
 * (a copy keeps the labels and annotations, not the creationTimestamp).
 */
async function notRecreated(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const ref = refParam(params, 'object');
  const markerRef = refParam(params, 'marker');
  const object = await reader.get(ref);
  if (object === undefined) return absentOutcome(ref);
  const marker = await reader.get(markerRef);
  if (marker === undefined) return { passed: false, message: `${describeRef(markerRef)}, which setup creates right after ${describeRef(ref)}, is gone, so whether ${describeRef(ref)} is the original cannot be judged; run setup again.` };
  const created = text(object, 'metadata', 'creationTimestamp') ?? '';
  const markerCreated = text(marker, 'metadata', 'creationTimestamp') ?? '';
  if (Date.parse(created) <= Date.parse(markerCreated)) return { passed: true, message: `${describeRef(ref)} is the one setup created (${created}).` };
  return { passed: false, message: `${describeRef(ref)} was created at ${created}, after setup (${describeRef(markerRef)}: ${markerCreated}): it was deleted and created again instead of being reused.` };
}

/** Quota resources with two spellings: cpu is requests.cpu, memory is requests.memory (ResourceQuota docs). */
const quotaSynonyms: Readonly<Record<string, string>> = { cpu: 'requests.cpu', memory: 'requests.memory', 'ephemeral-storage': 'requests.ephemeral-storage' };

/**
 * quotaHard {namespace, name, hard}: the ResourceQuota's spec.hard sets each resource to the
 * value asked, compared as quantities; either spelling of a request counts (cpu or requests.cpu),
 * and when both are set each must hold the value. Other resources are allowed.
 */
async function quotaHard(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const ref = { apiVersion: 'v1', kind: 'ResourceQuota', name: stringParam(params, 'name'), namespace };
  const wanted = Object.entries(obj(params['hard'])).map(([resource, value]) => ({ resource, value: String(value) }));
  if (wanted.length === 0) throw new Error('verifier param hard must be a non-empty map of resources to quantities');
  const quota = await reader.get(ref);
  if (quota === undefined) return absentOutcome(ref);
  const hard = Object.entries(obj(field(quota, 'spec', 'hard'))).map(([resource, value]) => ({ resource, value: String(value) }));
  const canonical = (resource: string): string => quotaSynonyms[resource] ?? resource;
  const problems: string[] = [];
  for (const want of wanted) {
    const set = hard.filter((h) => canonical(h.resource) === canonical(want.resource));
    const other = Object.entries(quotaSynonyms).find(([short, long]) => canonical(want.resource) === long && short !== want.resource)?.[0];
    if (set.length === 0) problems.push(`${want.resource}${other === undefined ? '' : ` (or ${other})`} is not set, expected ${want.value}`);
    for (const h of set.filter((s) => !quantitiesEqual(s.value, want.value))) problems.push(`${h.resource} = ${h.value}, expected ${want.value}`);
  }
  const found = hard.map((h) => `${h.resource}=${h.value}`).join(', ') || 'none';
  if (problems.length > 0) return { passed: false, message: `${describeRef(ref)}: ${problems.join('; ')} (its hard limits: ${found}).` };
  return { passed: true, message: `${describeRef(ref)} sets ${wanted.map((w) => `${w.resource}=${w.value}`).join(', ')} (its hard limits: ${found}).` };
}

/**
 * generatedConfigMap {namespace, deployment, name, data}: the Deployment's Pods use (envFrom, env,
 * volume or projected) a ConfigMap named <name>-<hash>, as kustomize's configMapGenerator names it,
 * which exists in the namespace and holds these values (other keys are allowed).
 */
async function generatedConfigMap(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const found = await deploymentPodSpec(params, reader);
  if ('passed' in found) return found;
  const namespace = stringParam(params, 'namespace');
  const name = stringParam(params, 'name');
  const data = Object.fromEntries(Object.entries(obj(params['data'])).map(([k, v]) => [k, String(v)]));
  const uses = configMapsUsed(found.podSpec);
  const usedText = uses.map((u) => `${u.name} (${u.where})`).join(', ') || 'none';
  const generated = uses.filter((u) => isGeneratedName(u.name, name));
  if (generated.length === 0) {
    const unhashed = uses.some((u) => u.name === name) ? `; ${name} has no content-hash suffix (generatorOptions disableNameSuffixHash?)` : '';
    return { passed: false, message: `${found.described}'s Pods use no ConfigMap named ${name}-<hash>, the name kustomize's configMapGenerator gives it; the ConfigMaps they use: ${usedText}${unhashed}.` };
  }
  const problems: string[] = [];
  for (const use of generated) {
    const described = `ConfigMap ${namespace}/${use.name} (${use.where})`;
    const configMap = await reader.get({ apiVersion: 'v1', kind: 'ConfigMap', name: use.name, namespace });
    if (configMap === undefined) {
      problems.push(`${described} does not exist`);
      continue;
    }
    const wrong = configMapDataProblems(configMap, data);
    if (wrong.length === 0) return { passed: true, message: `${found.described}'s Pods use ${described}, which holds ${Object.entries(data).map(([k, v]) => `${k}=${v}`).join(', ')}.` };
    problems.push(`${described}: ${wrong.join('; ')}`);
  }
  return { passed: false, message: `${found.described}'s Pods use a generated ConfigMap, but ${problems.join('; ')}.` };
}

/** When an object was last written and by whom: the latest of its creation and its managedFields entries. */
function lastWrite(object: KubeObject): { time: string; by: string } {
  let latest = { time: text(object, 'metadata', 'creationTimestamp') ?? '', by: 'its creation' };
  for (const entry of items(object, 'metadata', 'managedFields')) {
    const time = text(entry, 'time');
    if (time !== undefined && Date.parse(time) >= Date.parse(latest.time)) latest = { time, by: text(entry, 'manager') ?? 'an unnamed field manager' };
  }
  return latest;
}

/**
 * podsRestartedAfter {namespace, deployment, configMap}: every live Pod of the Deployment (through
 * its ReplicaSets) was created at or after the ConfigMap's last write — the latest of its
 * creationTimestamp and managedFields times, so a ConfigMap deleted and created again counts as
 * changed. Timestamps have whole seconds: a Pod created in the second of the write counts as after.
 */
async function podsRestartedAfter(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const deployment = stringParam(params, 'deployment');
  const configMapRef = { apiVersion: 'v1', kind: 'ConfigMap', name: stringParam(params, 'configMap'), namespace };
  const configMap = await reader.get(configMapRef);
  if (configMap === undefined) return absentOutcome(configMapRef);
  const selected = await selectPods(reader, { namespace, ownedBy: { kind: 'Deployment', name: deployment } });
  if ('passed' in selected) return selected;
  const change = lastWrite(configMap);
  const lastWriteText = `the last write to ${describeRef(configMapRef)} (${change.time}, by ${change.by})`;
  const { pods, described } = selected;
  if (pods.length === 0) return { passed: false, message: `There are no live ${described}, so none runs the config of ${lastWriteText}.` };
  const created = (pod: KubeObject) => text(pod, 'metadata', 'creationTimestamp') ?? '';
  const older = pods.filter((pod) => !(Date.parse(created(pod)) >= Date.parse(change.time)));
  if (older.length > 0) {
    const listed = older.map((pod) => `${nameOf(pod)} (created ${created(pod) || 'at an unknown time'})`).join(', ');
    const one = older.length === 1;
    return { passed: false, message: `${older.length} of the ${pods.length} live ${described} ${one ? 'was' : 'were'} created before ${lastWriteText}, so ${one ? 'it has' : 'they have'} not loaded that change: ${listed}. Restart the Deployment after your last change to the ConfigMap.` };
  }
  return { passed: true, message: `All ${pods.length} live ${described} (${pods.map(nameOf).join(', ')}) were created at or after ${lastWriteText}.` };
}

/**
 * configMapDnsName {namespace, configMap, key, target: {service, namespace, hostname?}, clusterDomain?}:
 * the ConfigMap's key holds the fully qualified DNS name of the Service — with hostname, of the
 * Pod of that hostname behind the headless Service — in the cluster domain (default
 * cluster.local); a trailing dot and any case pass. A wrong name is said for what it names.
 */
async function configMapDnsName(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const namespace = stringParam(params, 'namespace');
  const key = stringParam(params, 'key');
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: stringParam(params, 'configMap'), namespace };
  const targetParam = obj(params['target']);
  const hostname = targetParam['hostname'];
  const target: DnsTarget = { service: stringParam(targetParam, 'service'), namespace: stringParam(targetParam, 'namespace'), ...(typeof hostname === 'string' ? { hostname } : {}) };
  const clusterDomain = typeof params['clusterDomain'] === 'string' ? params['clusterDomain'] : 'cluster.local';
  const configMap = await reader.get(ref);
  if (configMap === undefined) return absentOutcome(ref);
  const value = obj(field(configMap, 'data'))[key];
  if (typeof value !== 'string') {
    const [missing] = configMapDataProblems(configMap, { [key]: fullyQualifiedName(target, clusterDomain) });
    return { passed: false, message: `${describeRef(ref)}: ${missing ?? `it has no key ${key}`}; expected ${key} to hold ${fullyQualifiedName(target, clusterDomain)}.` };
  }
  const problem = dnsNameProblem(value, target, clusterDomain);
  if (problem !== undefined) return { passed: false, message: `${describeRef(ref)}, key ${key}: ${problem}.` };
  return { passed: true, message: `${describeRef(ref)}, key ${key}: ${JSON.stringify(value)} is the fully qualified name of ${describeTarget(target)}.` };
}

/** A file the user was to save, not found: said with where it was looked for. */
const missingWorkFile = 'does not exist (work files are read on the machine that runs cka-lab)';

/** Why a CSR that is neither denied nor refused has no usable certificate yet. */
function unissuedText(name: string, state: 'pending' | 'approved' | 'unreadable'): string {
  switch (state) {
    case 'pending':
      return `CSR ${name} has not been approved: kubectl certificate approve ${name}.`;
    case 'approved':
      return `CSR ${name} is approved, but no certificate was issued: its signer did not sign it (on a kubeadm cluster kube-controller-manager signs with --cluster-signing-cert-file and --cluster-signing-key-file; wait a few seconds and grade again).`;
    case 'unreadable':
      return `CSR ${name} has a status.certificate that is not a PEM certificate.`;
  }
}

/**
 * clientCertificate {csr, commonName?, organizations?, certificateFile?, keyFile?, keyType?, keyBits?}:
 * the CertificateSigningRequest was approved and issued a certificate — for that CN (the user
 * name) and those O (the groups) when given — and the files named hold that certificate in PEM
 * and its private key (of that type and size). Denied, failed and unsigned requests are said for
 * what they are.
 */
async function clientCertificate(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const name = stringParam(params, 'csr');
  const ref = { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', name };
  const csr = await reader.get(ref);
  if (csr === undefined) return absentOutcome(ref);
  const state = csrState(csr);
  if (state.state === 'denied') return { passed: false, message: `CSR ${name} was denied (${state.reason}): a denied request stays denied; delete it and submit it again.` };
  if (state.state === 'failed') return { passed: false, message: `CSR ${name} was approved, but its signer refused it (${state.reason}).` };
  if (state.state !== 'issued') return { passed: false, message: unissuedText(name, state.state) };
  const { certificate } = state;
  const subject = subjectOf(certificate);
  const problems: string[] = [];
  if (typeof params['commonName'] === 'string') {
    const organizations = Array.isArray(params['organizations']) ? params['organizations'].map(String) : [];
    problems.push(...subjectProblems(subject, { commonName: params['commonName'], organizations }).map((p) => `the certificate issued for CSR ${name}: ${p}`));
  }
  const files: Array<[string, (content: string) => string | undefined]> = [];
  if (typeof params['certificateFile'] === 'string') files.push([params['certificateFile'], (c) => savedCertificateProblem(c, certificate)]);
  if (typeof params['keyFile'] === 'string') {
    const wanted = { ...(typeof params['keyType'] === 'string' ? { type: params['keyType'] } : {}), ...(typeof params['keyBits'] === 'number' ? { bits: params['keyBits'] } : {}) };
    files.push([params['keyFile'], (c) => privateKeyProblem(c, certificate, wanted)]);
  }
  const contents = await Promise.all(files.map(([path]) => reader.readFile(path)));
  files.forEach(([path, problemOf], index) => {
    const content = contents[index];
    const problem = content === undefined ? missingWorkFile : problemOf(content);
    if (problem !== undefined) problems.push(`${path} ${problem}`);
  });
  if (problems.length > 0) return { passed: false, message: `${capitalize(problems.join('; '))}.` };
  const saved = files.length === 0 ? '' : `; ${files.map(([path]) => path).join(' and ')} hold it${files.length > 1 ? ' and its key' : ''}`;
  return { passed: true, message: `CSR ${name} was approved and issued a certificate for ${subjectText(subject)}, valid until ${certificate.validTo}${saved}.` };
}

/**
 * kubeconfigWorks {path, context?, verified?}: `kubectl --kubeconfig <path> get nodes` works with the
 * file's current context (that context, when named); with verified, without insecure-skip-tls-verify (the server's certificate is
 * checked against the CA the file names). Why it fails is said as a client meets it: nothing
 * listening at the server, a CA file that does not exist, an unknown certificate authority.
 */
async function kubeconfigWorks(params: Params, reader: ClusterReader): Promise<VerifierOutcome> {
  const path = stringParam(params, 'path');
  const probe = await reader.probeKubeconfig(path);
  if (probe === undefined) return { passed: false, message: `${path} ${missingWorkFile}.` };
  const target = `its current context${probe.currentContext === undefined ? '' : ` ${probe.currentContext}`} points at ${probe.server ?? 'no server'}`;
  if (probe.error !== undefined) return { passed: false, message: `kubectl --kubeconfig ${path} get nodes fails: ${probe.error} (${target}).` };
  const context = params['context'];
  if (typeof context === 'string' && probe.currentContext !== context) {
    return { passed: false, message: `${path} works, but through the context ${probe.currentContext ?? '(none)'}: keep its context ${context} and repair what it points at.` };
  }
  if (params['verified'] === true && probe.insecure) {
    return { passed: false, message: `${path} works only because it skips TLS verification (insecure-skip-tls-verify: true), so any server could pose as the API server: point certificate-authority at the cluster's CA certificate instead.` };
  }
  const how = probe.insecure ? ', without checking the server\'s certificate' : ', the server\'s certificate verified';
  return { passed: true, message: `kubectl --kubeconfig ${path} get nodes works (${target}${how}).` };
}

export const verifiers: Readonly<Record<string, (params: Params, reader: ClusterReader) => Promise<VerifierOutcome>>> = {
  selfAntiAffinity,
  networkPolicyTraffic,
  ingressRoutes,
  gatewayRoutes,
  onlyDefaultStorageClass,
  claimMounted,
  sidecarContainer,
  sharedVolumeMount,
  secretData,
  cronJobSchedule,
  nodeLabelRequired,
  nodeLabelPreferred,
  nodesWithoutLabels,
  podsLabelledByQos,
  serviceExternalEndpoints,
  notRecreated,
  quotaHard,
  generatedConfigMap,
  podsRestartedAfter,
  configMapDnsName,
  clientCertificate,
  kubeconfigWorks,
};
