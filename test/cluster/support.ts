import { randomBytes } from 'node:crypto';
import { createClusterClients, type ClusterClients } from '../../src/adapters/kube/clients.js';

/** Clients for the embedded cluster that global-setup brought up. */
export async function testClients(): Promise<ClusterClients> {
  const kubeconfig = process.env['CKA_LAB_TEST_KUBECONFIG'];
  if (kubeconfig === undefined) throw new Error('CKA_LAB_TEST_KUBECONFIG is unset: run through jest (global-setup starts the cluster)');
  return createClusterClients({ kubeconfigPaths: [kubeconfig], context: undefined, source: 'flag' }, { probe: true });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

export async function createNamespace(clients: ClusterClients, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await clients.core.createNamespace({ body: { metadata: { name, labels: { 'cka-lab.dev/test': 'true' } } } });
  return name;
}

export async function deleteNamespace(clients: ClusterClients, name: string): Promise<void> {
  await clients.core.deleteNamespace({ name }).catch(() => undefined);
}
