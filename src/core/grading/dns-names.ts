/**
 * DNS names as the cluster DNS serves them (the Kubernetes DNS-based service discovery
 * specification): what a name a user wrote stands for, so a grade can say why it is not the one
 * asked for — a short name, the wrong namespace, a Service where a Pod was meant, a pod record
 * made from an IP address.
 */
import { show } from './match.js';

/** A Service, or with hostname the Pod of that hostname behind the headless Service (its subdomain). */
export interface DnsTarget {
  readonly service: string;
  readonly namespace: string;
  readonly hostname?: string;
}

export function fullyQualifiedName(target: DnsTarget, clusterDomain: string): string {
  return `${target.hostname === undefined ? '' : `${target.hostname}.`}${target.service}.${target.namespace}.svc.${clusterDomain}`;
}

export function describeTarget(target: DnsTarget): string {
  return target.hostname === undefined
    ? `Service ${target.service} in namespace ${target.namespace}`
    : `Pod ${target.hostname} through the headless Service ${target.service} in namespace ${target.namespace}`;
}

const dashedIp = /^\d{1,3}(-\d{1,3}){3}$/;

/** What a name in the cluster domain's svc or pod zone stands for, in words; undefined for other names. */
function meaningOf(name: string, clusterDomain: string): string | undefined {
  const services = `.svc.${clusterDomain}`;
  const pods = `.pod.${clusterDomain}`;
  if (name.endsWith(services)) {
    const labels = name.slice(0, -services.length).split('.');
    if (labels.length === 2) return `names ${describeTarget({ service: labels[0] ?? '', namespace: labels[1] ?? '' })}`;
    if (labels.length === 3) return `names ${describeTarget({ hostname: labels[0] ?? '', service: labels[1] ?? '', namespace: labels[2] ?? '' })}`;
    return undefined;
  }
  if (!name.endsWith(pods)) return undefined;
  const ipRecord = `<a-b-c-d>.<namespace>.pod.${clusterDomain}`;
  const [address = '', namespace, ...rest] = name.slice(0, -pods.length).split('.');
  if (namespace === undefined || rest.length > 0 || !dashedIp.test(address)) return `is under pod.${clusterDomain}, where the cluster DNS only has records made from IP addresses (${ipRecord}), so nothing answers for it`;
  return `is the pod record made from the IP address ${address.replace(/-/g, '.')} (${ipRecord}), a different record: it answers with whatever address is written in it and follows no Pod when the IP changes`;
}

/**
 * Why value is not the fully qualified name of target, or undefined when it is. DNS names are
 * compared without case, and a trailing dot (the root) is allowed.
 */
export function dnsNameProblem(value: string, target: DnsTarget, clusterDomain: string): string | undefined {
  const wanted = fullyQualifiedName(target, clusterDomain);
  const name = value.toLowerCase().replace(/\.$/, '');
  if (name === wanted) return undefined;
  const expected = `expected ${wanted}, the fully qualified name of ${describeTarget(target)}`;
  if (name === '') return `it is empty; ${expected}`;
  if (wanted.startsWith(`${name}.`)) {
    return `${show(value)} is a short name, not fully qualified: it resolves only through the DNS search list of the Pod asking, which depends on its namespace; ${expected}`;
  }
  const meaning = meaningOf(name, clusterDomain);
  if (meaning !== undefined) {
    const serviceForPod = target.hostname !== undefined && name === `${target.service}.${target.namespace}.svc.${clusterDomain}`
      ? ` — the Service itself, which answers with the addresses of all its Pods, not Pod ${target.hostname}'s own name`
      : '';
    const podAsService = target.hostname !== undefined && name === `${target.hostname}.${target.namespace}.svc.${clusterDomain}`
      ? ` — the svc form names Services: a Pod's name through a headless Service puts its hostname before the Service (<hostname>.<subdomain>.<namespace>.svc.${clusterDomain})`
      : '';
    return `${show(value)} ${meaning}${serviceForPod}${podAsService}; ${expected}`;
  }
  if (!name.endsWith(`.${clusterDomain}`)) return `${show(value)} is not fully qualified in the cluster domain ${clusterDomain}; ${expected}`;
  return `${show(value)} is not a name the cluster DNS answers for; ${expected}`;
}
