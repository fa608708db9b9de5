import type { CommandInput } from '../../cli/spec.js';
import { access } from 'node:fs/promises';
import { ClusterError } from '../../core/errors.js';
import { engineKubeconfig, isEngineName } from '../../services/cluster/engines.js';
import { labPaths, stringOption } from '../context.js';

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export async function run({ options, io }: CommandInput): Promise<void> {
  const engine = stringOption(options, 'engine') ?? 'embedded';
  const paths = labPaths(io);
  const kubeconfig = engineKubeconfig(isEngineName(engine) ? engine : 'embedded', paths);
  try {
    await access(kubeconfig);
  } catch {
    throw new ClusterError(`The ${engine} cluster has no kubeconfig yet: it is not running.`, {
      hint: `Start it with 'cka-lab cluster up${engine === 'embedded' ? '' : ` --engine ${engine}`}'.`,
    });
  }
  io.stdout.write(`export KUBECONFIG=${shellQuote(kubeconfig)}\n`);
  if (engine === 'embedded') {
    // kubectl, etcdctl and etcdutl matching the cluster's version come first on PATH.
    io.stdout.write(`export PATH=${shellQuote(paths.toolsDir)}:"$PATH"\n`);
  }
  if (io.interactive) {
    io.stderr.write(io.errStyle.dim(`# Run: eval "$(cka-lab cluster env${engine === 'embedded' ? '' : ` --engine ${engine}`})"\n`));
  }
}
