import type { CommandInput } from '../../cli/spec.js';
import { withProgress } from '../../adapters/ui/progress.js';
import { UsageError } from '../../core/errors.js';
import { engineUp, isEngineName } from '../../services/cluster/engines.js';
import { mergeIntoDefaultKubeconfig } from '../../services/cluster/kubeconfig-merge.js';
import { booleanOption, homeDir, labPaths, stringOption } from '../context.js';
import { describeClusterInUse } from './status.js';

export async function run({ options, io }: CommandInput): Promise<void> {
  const engine = stringOption(options, 'engine') ?? 'embedded';
  if (!isEngineName(engine)) throw new UsageError(`Unknown engine '${engine}'.`);
  const paths = labPaths(io);
  const started = Date.now();
  const result = await withProgress(io, engine === 'embedded' ? 'Preparing the embedded cluster' : `Preparing the ${engine} cluster`, 'The cluster did not start',
    (progress) => engineUp(engine, paths, io.env, progress),
    (r) => {
      const verb = r.action === 'already-running' ? 'was already running' : r.action === 'restarted' ? 'restarted' : 'is up';
      return `Cluster cka-lab (${engine}) ${verb} — ${((Date.now() - started) / 1000).toFixed(1)} s`;
    });
  for (const note of result.notes) io.stderr.write(`  ${io.errStyle.dim(note)}\n`);

  if (booleanOption(options, 'merge-kubeconfig')) {
    const target = await mergeIntoDefaultKubeconfig(result.kubeconfig, homeDir(io), io.env, paths);
    io.stderr.write(`  Added context ${result.context ?? ''} to ${target}.\n`);
  }
  const s = io.style;
  io.stdout.write(await describeClusterInUse({ kubeconfigPaths: [result.kubeconfig], context: result.context, source: 'flag' }, paths, io));
  const exportLine = engine === 'embedded' ? 'eval "$(cka-lab cluster env)"' : `eval "$(cka-lab cluster env --engine ${engine})"`;
  io.stdout.write(`\n${s.bold('Use it from any terminal:')}\n  ${exportLine}\n  kubectl get nodes\n`);
}
