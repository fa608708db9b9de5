import type { CommandInput } from '../../cli/spec.js';
import { startProgress } from '../../adapters/ui/progress.js';
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
  const progress = startProgress(io, engine === 'embedded' ? 'Preparing the embedded cluster' : `Preparing the ${engine} cluster`);
  let result;
  try {
    result = await engineUp(engine, paths, io.env, progress);
  } catch (error) {
    progress.fail('The cluster did not start');
    throw error;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const verb = result.action === 'already-running' ? 'was already running' : result.action === 'restarted' ? 'restarted' : 'is up';
  progress.succeed(`Cluster cka-lab (${engine}) ${verb} — ${seconds} s`);
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
