import { KubeConfig } from '@kubernetes/client-node';
import { ClusterError, UsageError } from '../../core/errors.js';
import { readTextIfExists } from '../store/files.js';

/** Which kubeconfig and context a command talks to, and why. */
export interface ClusterTarget {
  readonly kubeconfigPaths: readonly string[];
  readonly context: string | undefined;
  readonly source: 'flag' | 'env' | 'embedded';
}

export interface LoadedKubeConfig {
  readonly kc: KubeConfig;
  readonly contextName: string;
  readonly server: string;
}

/** Loads kubeconfig files (merged, as kubectl merges KUBECONFIG lists) and selects the context. */
export async function loadKubeConfig(target: ClusterTarget): Promise<LoadedKubeConfig> {
  const kc = new KubeConfig();
  let loaded = 0;
  for (const path of target.kubeconfigPaths) {
    const text = await readTextIfExists(path);
    if (text === undefined) continue;
    const one = new KubeConfig();
    try {
      one.loadFromString(text);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      throw new UsageError(`The kubeconfig file ${path} is not valid: ${reason}.`, { hint: 'Check it with: kubectl config view --kubeconfig ' + path });
    }
    if (loaded === 0) kc.loadFromString(text);
    else kc.mergeConfig(one, true);
    loaded++;
  }
  if (loaded === 0) {
    const where = target.kubeconfigPaths.join(', ');
    throw new ClusterError(
      target.source === 'embedded' ? 'The embedded cluster is not running (it has no kubeconfig yet).' : `No kubeconfig file found at ${where}.`,
      { hint: target.source === 'embedded' ? "Start it with 'cka-lab cluster up'." : 'Check the --kubeconfig path or KUBECONFIG.' },
    );
  }
  if (target.context !== undefined) {
    if (kc.getContextObject(target.context) === null) {
      const known = kc.getContexts().map((c) => c.name);
      throw new UsageError(`Context '${target.context}' is not in ${target.kubeconfigPaths.join(', ')}.`, {
        hint: known.length === 0 ? 'That kubeconfig has no contexts.' : `Known contexts: ${known.join(', ')}.`,
      });
    }
    kc.setCurrentContext(target.context);
  }
  const contextName = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (contextName === '' || cluster === null) {
    throw new UsageError(`The kubeconfig ${target.kubeconfigPaths.join(', ')} has no current context.`, { hint: 'Pass --context <name>.' });
  }
  return { kc, contextName, server: cluster.server };
}
