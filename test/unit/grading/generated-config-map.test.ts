import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

// As `kubectl apply -k` leaves them: the generator's hash suffix, the reference rewritten to it.
const deployment = (podSpec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prod-web', namespace: 'ns' },
  spec: { replicas: 3, template: { metadata: { labels: { app: 'web', env: 'prod' } }, spec: podSpec } },
});
const envFrom = (name: string) => ({ containers: [{ name: 'web', image: 'nginx:1.28', envFrom: [{ configMapRef: { name } }] }] });
const configMap = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data });
const verify = (objects: KubeObject[]) =>
  evaluateCheck(
    { id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'generatedConfigMap', params: { namespace: 'ns', deployment: 'prod-web', name: 'prod-web-config', data: { LOG_LEVEL: 'warn' } } } } },
    fakeReader({ objects }),
  );

describe('verifier generatedConfigMap', () => {
  it('Given the Pods use the generated ConfigMap through envFrom, passes and names it', async () => {
    expect(await verify([deployment(envFrom('prod-web-config-dfk4bdbtkk')), configMap('prod-web-config-dfk4bdbtkk', { LOG_LEVEL: 'warn', OTHER: 'x' })])).toMatchObject({
      passed: true,
      message: "Deployment ns/prod-web's Pods use ConfigMap ns/prod-web-config-dfk4bdbtkk (envFrom of container web), which holds LOG_LEVEL=warn.",
    });
  });

  it('Given it is used as a single env value, a volume or a projected source instead, passes too', async () => {
    const cm = configMap('prod-web-config-7f9k2m4hbt', { LOG_LEVEL: 'warn' });
    const env = { containers: [{ name: 'web', env: [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'prod-web-config-7f9k2m4hbt', key: 'LOG_LEVEL' } } }] }] };
    const volume = { containers: [{ name: 'web' }], volumes: [{ name: 'config', configMap: { name: 'prod-web-config-7f9k2m4hbt' } }] };
    const projected = { containers: [{ name: 'web' }], volumes: [{ name: 'all', projected: { sources: [{ secret: { name: 's' } }, { configMap: { name: 'prod-web-config-7f9k2m4hbt' } }] } }] };
    for (const spec of [env, volume, projected]) expect((await verify([deployment(spec), cm])).passed).toBe(true);
  });

  it('Given the Pods still use the base name (the generator called something else), says which ConfigMaps they use', async () => {
    expect((await verify([deployment(envFrom('web-config')), configMap('prod-config-dfk4bdbtkk', { LOG_LEVEL: 'warn' })])).message).toBe(
      "Deployment ns/prod-web's Pods use no ConfigMap named prod-web-config-<hash>, the name kustomize's configMapGenerator gives it; the ConfigMaps they use: web-config (envFrom of container web).",
    );
  });

  it('Given the hash suffix disabled, a generated ConfigMap missing, or other values, names the slip', async () => {
    expect((await verify([deployment(envFrom('prod-web-config')), configMap('prod-web-config', { LOG_LEVEL: 'warn' })])).message).toContain(
      'prod-web-config has no content-hash suffix (generatorOptions disableNameSuffixHash?)',
    );
    expect((await verify([deployment(envFrom('prod-web-config-dfk4bdbtkk'))])).message).toBe(
      "Deployment ns/prod-web's Pods use a generated ConfigMap, but ConfigMap ns/prod-web-config-dfk4bdbtkk (envFrom of container web) does not exist.",
    );
    expect((await verify([deployment(envFrom('prod-web-config-dfk4bdbtkk')), configMap('prod-web-config-dfk4bdbtkk', { LOG_LEVEL: 'info' })])).message).toContain(
      'LOG_LEVEL is "info", expected "warn"',
    );
    expect((await verify([deployment(envFrom('prod-web-config-dfk4bdbtkk')), configMap('prod-web-config-dfk4bdbtkk', { log_level: 'warn' })])).message).toContain(
      'it has no key LOG_LEVEL (keys: log_level)',
    );
    expect((await verify([])).message).toBe('Deployment ns/prod-web does not exist.');
  });
});
