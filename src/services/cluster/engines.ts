import type { Progress } from '../../adapters/ui/progress.js';
import type { LabPaths } from '../../core/paths.js';
import { embeddedContextName } from '../../core/embedded-config.js';

type Env = Readonly<Record<string, string | undefined>>;

export type EngineName = 'embedded' | 'kind' | 'minikube';

export interface EngineUpResult {
  readonly engine: EngineName;
  readonly action: 'created' | 'restarted' | 'already-running';
  readonly kubeconfig: string;
  readonly context: string | undefined;
  readonly notes: readonly string[];
}

/** Starts the named engine's cluster; each engine module loads only when chosen. */
export async function engineUp(engine: EngineName, paths: LabPaths, env: Env, progress: Progress): Promise<EngineUpResult> {
  switch (engine) {
    case 'embedded': {
      const { embeddedUp } = await import('./embedded.js');
      const result = await embeddedUp(paths, env, progress);
      const notes: string[] = [];
      if (result.built) notes.push(`Built the engine's binaries in ${Math.round(result.buildSeconds / 60)} min; later starts reuse them.`);
      if (result.movedPorts.length > 0) notes.push(`Some usual ports were busy, so the cluster uses others: ${result.movedPorts.join(', ')}.`);
      if (result.gatewayApiProblem !== undefined) notes.push(result.gatewayApiProblem);
      return { engine, action: result.action, kubeconfig: paths.embeddedKubeconfig, context: embeddedContextName, notes };
    }
    case 'kind': {
      const { kindUp } = await import('./kind.js');
      const result = await kindUp(paths, env, progress);
      return { engine, action: result.action, kubeconfig: result.kubeconfig, context: 'kind-cka-lab', notes: [] };
    }
    case 'minikube': {
      const { minikubeUp } = await import('./minikube.js');
      const result = await minikubeUp(paths, env, progress);
      return { engine, action: result.action, kubeconfig: result.kubeconfig, context: 'cka-lab', notes: [] };
    }
  }
}

export function engineKubeconfig(engine: EngineName, paths: LabPaths): string {
  switch (engine) {
    case 'embedded':
      return paths.embeddedKubeconfig;
    case 'kind':
      return paths.kindKubeconfig;
    case 'minikube':
      return paths.minikubeKubeconfig;
  }
}

export function isEngineName(value: string | undefined): value is EngineName {
  return value === 'embedded' || value === 'kind' || value === 'minikube';
}
