import { delimiter, join } from 'node:path';
import type { ClusterTarget } from '../../adapters/kube/config.js';
import type { LabPaths } from '../../core/paths.js';
import type { ParsedOptions } from '../../cli/spec.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The cluster a command works on, like kubectl: --kubeconfig and --context first, then
 * $KUBECONFIG. Without either, the embedded cluster, never ~/.kube/config unasked, so that
 * practice never lands on a cluster the user did not choose.
 */
export function resolveTarget(options: ParsedOptions, env: Env, paths: LabPaths, home: string): ClusterTarget {
  const flagPath = typeof options['kubeconfig'] === 'string' ? options['kubeconfig'] : undefined;
  const context = typeof options['context'] === 'string' ? options['context'] : undefined;
  const envPaths = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p !== '');
  if (flagPath !== undefined) return { kubeconfigPaths: [flagPath], context, source: 'flag' };
  if (envPaths.length > 0) return { kubeconfigPaths: envPaths, context, source: context === undefined ? 'env' : 'flag' };
  if (context !== undefined) return { kubeconfigPaths: [join(home, '.kube', 'config')], context, source: 'flag' };
  return { kubeconfigPaths: [paths.embeddedKubeconfig], context: undefined, source: 'embedded' };
}
