import type { CommandInput } from '../../cli/spec.js';
import { FailureError } from '../../core/errors.js';
import { embeddedDown } from '../../services/cluster/embedded.js';
import { isEngineName, type EngineName } from '../../services/cluster/engines.js';
import { labPaths, stringOption } from '../context.js';

export async function run({ options, io }: CommandInput): Promise<void> {
  const chosen = stringOption(options, 'engine');
  const engines: EngineName[] = isEngineName(chosen) ? [chosen] : ['embedded', 'kind', 'minikube'];
  const paths = labPaths(io);
  const s = io.style;
  let anything = false;
  for (const engine of engines) {
    if (engine === 'embedded') {
      const result = await embeddedDown(paths, io.env);
      if (result.leftovers > 0) throw new FailureError(`${result.leftovers} process(es) of the embedded cluster are still running.`);
      if (result.existed) {
        anything = true;
        io.stdout.write(`${s.green('✓')} Embedded cluster stopped: ${result.stopped} process(es) ended, none left running; its state was removed.\n`);
      }
    } else if (engine === 'kind') {
      const { kindDown } = await import('../../services/cluster/kind.js');
      if (await kindDown(paths, io.env)) {
        anything = true;
        io.stdout.write(`${s.green('✓')} kind cluster cka-lab deleted.\n`);
      }
    } else {
      const { minikubeDown } = await import('../../services/cluster/minikube.js');
      if (await minikubeDown(paths, io.env)) {
        anything = true;
        io.stdout.write(`${s.green('✓')} minikube profile cka-lab deleted.\n`);
      }
    }
  }
  if (!anything) io.stdout.write(`No cka-lab cluster was running${chosen === undefined ? '' : ` on ${chosen}`}; nothing to do.\n`);
}
