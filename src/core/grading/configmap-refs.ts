/**
 * The ConfigMaps a Pod spec uses, however it uses them: envFrom, single env values, volumes and
 * projected volumes — so a check on "the ConfigMap the Pods use" passes whichever way it is wired.
 */
import { show } from './match.js';
import { asObject, items, text } from './reader.js';

export interface ConfigMapUse {
  readonly name: string;
  /** Where the spec names it, for messages: "envFrom of container web", "volume config". */
  readonly where: string;
}

export function configMapsUsed(podSpec: unknown): ConfigMapUse[] {
  const uses: ConfigMapUse[] = [];
  const add = (name: string | undefined, where: string) => {
    if (name !== undefined && name !== '') uses.push({ name, where });
  };
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const container of items(podSpec, key)) {
      const who = `container ${text(container, 'name') ?? '?'}`;
      for (const source of items(container, 'envFrom')) add(text(source, 'configMapRef', 'name'), `envFrom of ${who}`);
      for (const env of items(container, 'env')) add(text(env, 'valueFrom', 'configMapKeyRef', 'name'), `env ${text(env, 'name') ?? '?'} of ${who}`);
    }
  }
  for (const volume of items(podSpec, 'volumes')) {
    const where = `volume ${text(volume, 'name') ?? '?'}`;
    add(text(volume, 'configMap', 'name'), where);
    for (const source of items(volume, 'projected', 'sources')) add(text(source, 'configMap', 'name'), where);
  }
  return uses;
}

/** A name kustomize's configMapGenerator makes of `name`: name-<10-character content hash>. */
export function isGeneratedName(actual: string, name: string): boolean {
  return actual.startsWith(`${name}-`) && /^[a-z0-9]{10}$/.test(actual.slice(name.length + 1));
}

/** What differs between a ConfigMap's data and the values asked for (other keys are allowed). */
export function configMapDataProblems(configMap: unknown, wanted: Readonly<Record<string, string>>): string[] {
  const data = asObject(asObject(configMap)['data']);
  const problems: string[] = [];
  for (const [key, expected] of Object.entries(wanted)) {
    const value = data[key];
    if (typeof value !== 'string') problems.push(`it has no key ${key} (keys: ${Object.keys(data).join(', ') || 'none'})`);
    else if (value !== expected) problems.push(`${key} is ${show(value)}, expected ${show(expected)}`);
  }
  return problems;
}
