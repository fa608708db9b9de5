import { AppsV1Api, CoreV1Api, KubernetesObjectApi, type KubeConfig } from '@kubernetes/client-node';
import { ClusterError } from '../../core/errors.js';
import { loadKubeConfig, type ClusterTarget } from './config.js';
import { ApiRequestError, requestJson } from './raw.js';

export interface ClusterClients {
  readonly kc: KubeConfig;
  readonly target: ClusterTarget;
  readonly contextName: string;
  readonly server: string;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly objects: KubernetesObjectApi;
  getJson(path: string): Promise<unknown>;
  serverVersion(): Promise<string>;
  waitForNodesReady(names: readonly string[], timeoutMs: number): Promise<void>;
}

function unreachable(target: ClusterTarget, server: string, contextName: string, error: unknown): ClusterError {
  const detail = error instanceof Error ? error.message : String(error);
  const hint =
    target.source === 'embedded'
      ? "Start the embedded cluster with 'cka-lab cluster up'."
      : `Check that the cluster of context '${contextName}' is running ('kubectl --context ${contextName} get nodes' should answer), or pick another with --context.`;
  const status = error instanceof ApiRequestError ? error.status : undefined;
  if (status === 401 || status === 403) {
    return new ClusterError(`The API server at ${server} refused the credentials of context '${contextName}' (${status}).`, {
      hint: 'Check the user of that context; cka-lab needs at least read access (the view role).',
    });
  }
  return new ClusterError(`Cannot reach the Kubernetes API server at ${server} (context '${contextName}'): ${detail}.`, { hint });
}

const lifecycleTaints = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** Loads the kubeconfig and checks the API server answers before anyone relies on it. */
export async function createClusterClients(target: ClusterTarget, options: { probe?: boolean } = {}): Promise<ClusterClients> {
  const { kc, contextName, server } = await loadKubeConfig(target);
  const getJson = async (path: string): Promise<unknown> => (await requestJson(kc, 'GET', path)).body;
  const serverVersion = async (): Promise<string> => {
    try {
      const body = (await requestJson(kc, 'GET', '/version', { timeoutMs: 5000 })).body;
      return typeof body === 'object' && body !== null && 'gitVersion' in body ? String(body.gitVersion) : 'unknown';
    } catch (error) {
      throw unreachable(target, server, contextName, error);
    }
  };
  if (options.probe === true) await serverVersion();
  const core = kc.makeApiClient(CoreV1Api);
  return {
    kc,
    target,
    contextName,
    server,
    core,
    apps: kc.makeApiClient(AppsV1Api),
    objects: KubernetesObjectApi.makeApiClient(kc),
    getJson,
    serverVersion,
    async waitForNodesReady(names, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let notReady: string[] = [...names];
      while (Date.now() < deadline) {
        const list = await core.listNode();
        // Ready, and the node lifecycle controller has lifted the taints it puts on a node that was
        // not (until then new Pods stay Pending, and a snapshot of the node would show them).
        const ready = new Set(
          list.items
            .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true)
            .filter((n) => !(n.spec?.taints ?? []).some((t) => lifecycleTaints.includes(t.key)))
            .map((n) => n.metadata?.name ?? ''),
        );
        notReady = names.filter((name) => !ready.has(name));
        if (notReady.length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new ClusterError(`Nodes did not become Ready within ${Math.round(timeoutMs / 1000)} s: ${notReady.join(', ')}.`);
    },
  };
}
