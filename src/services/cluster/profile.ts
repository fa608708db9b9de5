import type { ClusterClients } from '../../adapters/kube/clients.js';
import { ApiRequestError } from '../../adapters/kube/raw.js';
import { asObject } from '../../core/grading/reader.js';
import { detectProfile, type ClusterProfile, type NodeFacts } from '../../core/profile.js';
import type { LabPaths } from '../../core/paths.js';
import { embeddedEtcd, embeddedLayout, embeddedStatus } from './embedded.js';

const record = asObject;

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Node facts from a raw NodeList, as served. */
export function nodeFacts(nodeList: unknown): NodeFacts[] {
  const items = record(nodeList)['items'];
  if (!Array.isArray(items)) return [];
  return items.map((item) => {
    const metadata = record(record(item)['metadata']);
    const spec = record(record(item)['spec']);
    const taints = Array.isArray(spec['taints']) ? spec['taints'] : [];
    const providerID = spec['providerID'];
    return {
      name: String(metadata['name'] ?? ''),
      labels: stringMap(metadata['labels']),
      annotations: stringMap(metadata['annotations']),
      providerID: typeof providerID === 'string' ? providerID : undefined,
      taints: taints.map((t) => ({ key: String(record(t)['key'] ?? ''), effect: String(record(t)['effect'] ?? '') })),
    };
  });
}

function sameEndpoint(server: string, port: number): boolean {
  try {
    const url = new URL(server);
    return ['127.0.0.1', 'localhost'].includes(url.hostname) && Number(url.port) === port;
  } catch {
    return false;
  }
}

/** Reads the cluster behind the clients' context into a ClusterProfile (probing the API first). */
export async function readClusterProfile(clients: ClusterClients, paths: LabPaths): Promise<ClusterProfile> {
  const kubernetesVersion = await clients.serverVersion();
  const [nodes, gatewayApi] = await Promise.all([clients.getJson('/api/v1/nodes').then(nodeFacts), servesGatewayApi(clients)]);
  const status = await embeddedStatus(paths);
  const rec = status.record;
  const isEmbedded = rec !== undefined && status.state !== 'absent' && sameEndpoint(clients.server, rec.ports.apiserver);
  const embedded = isEmbedded ? { etcd: flattenEtcd(await embeddedEtcd(paths, rec)), clusterDir: embeddedLayout(paths).clusterDir } : undefined;
  return detectProfile({ contextName: clients.contextName, server: clients.server, kubernetesVersion, nodes, gatewayApi, embedded });
}

/** Discovery of gateway.networking.k8s.io/v1: a cluster without the CRDs answers 404. */
async function servesGatewayApi(clients: ClusterClients): Promise<boolean> {
  try {
    const resources = record(await clients.getJson('/apis/gateway.networking.k8s.io/v1'))['resources'];
    const names = new Set((Array.isArray(resources) ? resources : []).map((r) => String(record(r)['name'])));
    return names.has('gateways') && names.has('httproutes');
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return false;
    throw error;
  }
}

function flattenEtcd(etcd: Awaited<ReturnType<typeof embeddedEtcd>>): { endpoint: string; caFile: string; certFile: string; keyFile: string; dataDir: string } {
  return { endpoint: etcd.endpoint, ...etcd.tls, dataDir: etcd.dataDir };
}
