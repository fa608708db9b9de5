/**
 * Where kube-proxy sends the traffic of one Service port, read from the EndpointSlices labelled
 * with the Service's name (written by hand, mirrored from an Endpoints object, or made by the
 * controller): only IPv4 slices, the slice port paired with the Service port by name and
 * protocol, and the first address of each endpoint that is not marked unready.
 */
import { field, items, nameOf, text, type KubeObject } from './reader.js';

export const serviceNameLabel = 'kubernetes.io/service-name';

export interface ServicePortRef {
  /** The Service port's name; an unnamed port is "". */
  readonly name: string;
  readonly protocol: string;
}

export interface ServiceTargets {
  /** address:port pairs, each once, in the order found. */
  readonly targets: readonly string[];
  /** Why parts of the slices carry no traffic, to show when the targets are wrong. */
  readonly notes: readonly string[];
}

const managers: Readonly<Record<string, string>> = {
  'endpointslicemirroring-controller.k8s.io': 'mirrored from Endpoints',
  'endpointslice-controller.k8s.io': "made from the Service's selector",
};

/** A slice's name and where it comes from, for messages. */
export function describeSlice(slice: KubeObject): string {
  const name = nameOf(slice);
  const manager = text(slice, 'metadata', 'labels', 'endpointslice.kubernetes.io/managed-by');
  return manager === undefined ? name : `${name} (${managers[manager] ?? `managed by ${manager}`})`;
}

function portText(port: unknown): string {
  const name = text(port, 'name');
  return `${name === undefined || name === '' ? 'unnamed' : `"${name}"`} ${String(field(port, 'port') ?? 'any')}/${text(port, 'protocol') ?? 'TCP'}`;
}

export function serviceTargets(port: ServicePortRef, slices: readonly KubeObject[]): ServiceTargets {
  const targets: string[] = [];
  const notes: string[] = [];
  const wantedName = port.name === '' ? 'unnamed' : `named "${port.name}"`;
  for (const slice of slices) {
    // A slice without endpoints (the controller's placeholder) sends nowhere and has nothing to explain.
    if (items(slice, 'endpoints').length === 0) continue;
    const sliceName = describeSlice(slice);
    const addressType = text(slice, 'addressType') ?? '?';
    if (addressType !== 'IPv4') {
      notes.push(`EndpointSlice ${sliceName} has addressType ${addressType}, which kube-proxy does not send IPv4 traffic to`);
      continue;
    }
    const ports = items(slice, 'ports');
    const paired = ports.find((p) => (text(p, 'name') ?? '') === port.name && (text(p, 'protocol') ?? 'TCP') === port.protocol);
    const number = field(paired, 'port');
    if (typeof number !== 'number') {
      const found = ports.length === 0 ? 'it has no ports' : `its ports: ${ports.map(portText).join(', ')}`;
      notes.push(`EndpointSlice ${sliceName} has no ${port.protocol} port ${wantedName} like the Service port (${found}), and kube-proxy pairs ports by name`);
      continue;
    }
    for (const endpoint of items(slice, 'endpoints')) {
      const addresses = items(endpoint, 'addresses').map(String);
      const [first, ...rest] = addresses;
      if (first === undefined) continue;
      // An unset ready condition means ready (EndpointConditions API).
      if (field(endpoint, 'conditions', 'ready') === false) {
        notes.push(`endpoint ${first} of EndpointSlice ${sliceName} is marked not ready`);
        continue;
      }
      if (rest.length > 0) notes.push(`EndpointSlice ${sliceName} lists ${addresses.join(', ')} as one endpoint, and kube-proxy uses only the first address of an endpoint (${rest.join(', ')} get${rest.length === 1 ? 's' : ''} no traffic): give each address its own endpoint`);
      const target = `${first}:${number}`;
      if (!targets.includes(target)) targets.push(target);
    }
  }
  return { targets, notes };
}
