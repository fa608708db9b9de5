import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const deployment = (podSpec: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'blog', namespace: 'ns' }, spec: { template: { spec: podSpec } } });
const mounting = (name: string, volume: string, mountPath = '/var/log', extra: Record<string, unknown> = {}) => ({ name, image: 'busybox:1.36', volumeMounts: [{ name: volume, mountPath, ...extra }] });
const logs = { containers: ['blog', 'log-shipper'], mountPath: '/var/log', volume: { emptyDir: {} } };
const verify = (params: Record<string, unknown>, objects: KubeObject[]) =>
  evaluateCheck({ id: 'v', title: 'v', points: 2, spec: { verifier: { name: 'sharedVolumeMount', params: { namespace: 'ns', deployment: 'blog', ...params } } } }, fakeReader({ objects }));

describe('verifier sharedVolumeMount', () => {
  it('Given both containers on one emptyDir, whatever its name and options, passes; a native sidecar counts too', async () => {
    const spec = { volumes: [{ name: 'varlog', emptyDir: { medium: 'Memory' } }], containers: [mounting('blog', 'varlog'), mounting('log-shipper', 'varlog', '/var/log/', { readOnly: true })] };
    expect(await verify(logs, [deployment(spec)])).toMatchObject({ passed: true, message: 'In Deployment ns/blog, containers blog and log-shipper mount volume varlog at /var/log.' });
    const native = { volumes: [{ name: 'v', emptyDir: {} }], containers: [mounting('blog', 'v')], initContainers: [{ ...mounting('log-shipper', 'v'), restartPolicy: 'Always' }] };
    expect((await verify(logs, [deployment(native)])).passed).toBe(true);
  });

  it('Given two volumes, a mount missing in one container, or a hostPath, says which', async () => {
    const two = { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }], containers: [mounting('blog', 'a'), mounting('log-shipper', 'b')] };
    expect((await verify(logs, [deployment(two)])).message).toBe('Deployment ns/blog: the containers mount different volumes at /var/log (blog: a, log-shipper: b), so they do not share one.');
    const one = { volumes: [{ name: 'a', emptyDir: {} }], containers: [{ name: 'blog', image: 'busybox' }, mounting('log-shipper', 'a')] };
    expect((await verify(logs, [deployment(one)])).message).toBe('Deployment ns/blog: container blog mounts nothing at /var/log (its mounts: none).');
    const host = { volumes: [{ name: 'a', hostPath: { path: '/var/log', type: '' } }], containers: [mounting('blog', 'a'), mounting('log-shipper', 'a')] };
    expect((await verify(logs, [deployment(host)])).message).toBe('Deployment ns/blog: volume a is hostPath {"path":"/var/log","type":""}, expected emptyDir.');
  });

  it('Given a list of accepted shapes and readOnly, accepts any shape and requires the read-only mount', async () => {
    const config = { containers: ['blog'], mountPath: '/etc/shop', readOnly: true, volume: [{ configMap: { name: 'cfg' } }, { projected: { sources: [{ configMap: { name: 'cfg' } }] } }] };
    const projected = { volumes: [{ name: 'p', projected: { sources: [{ configMap: { name: 'cfg' } }] } }], containers: [mounting('blog', 'p', '/etc/shop', { readOnly: true })] };
    expect(await verify(config, [deployment(projected)])).toMatchObject({ passed: true, message: 'In Deployment ns/blog, container blog mounts volume p at /etc/shop read-only.' });
    const writable = { volumes: [{ name: 'c', configMap: { name: 'other', defaultMode: 420 } }], containers: [mounting('blog', 'c', '/etc/shop')] };
    expect((await verify(config, [deployment(writable)])).message).toBe('Deployment ns/blog: container blog\'s mount at /etc/shop is not readOnly: true; volume c is configMap {"name":"other","defaultMode":420}, expected configMap {"name":"cfg"} or projected {"sources":[{"configMap":{"name":"cfg"}}]}.');
  });

  it('Given files, passes when every key shows as a file, and names the items or subPath that hide one', async () => {
    const config = { containers: ['blog'], mountPath: '/etc/shop', files: ['app.properties'], volume: [{ configMap: { name: 'cfg' } }, { projected: { sources: [{ configMap: { name: 'cfg' } }] } }] };
    const withItems = (items: unknown[], extra: Record<string, unknown> = {}) => ({ volumes: [{ name: 'c', configMap: { name: 'cfg', items } }], containers: [mounting('blog', 'c', '/etc/shop', extra)] });
    expect((await verify(config, [deployment(withItems([]))])).passed).toBe(true);
    expect((await verify(config, [deployment(withItems([{ key: 'app.properties', path: 'app.properties' }]))])).passed).toBe(true);
    expect((await verify(config, [deployment(withItems([{ key: 'mode', path: 'mode' }]))])).message).toBe('Deployment ns/blog: volume c: its items project only mode, so /etc/shop/app.properties would not exist.');
    expect((await verify(config, [deployment(withItems([{ key: 'app.properties', path: 'shop.conf' }]))])).message).toBe('Deployment ns/blog: volume c: its items put the key app.properties at /etc/shop/shop.conf, not /etc/shop/app.properties.');
    expect((await verify(config, [deployment(withItems([], { subPath: 'app.properties' }))])).message).toBe('Deployment ns/blog: container blog\'s mount at /etc/shop has subPath "app.properties", so /etc/shop is that one entry of the volume, not a directory of its files.');
    const projected = { volumes: [{ name: 'p', projected: { sources: [{ configMap: { name: 'cfg', items: [{ key: 'mode', path: 'mode' }] } }] } }], containers: [mounting('blog', 'p', '/etc/shop')] };
    expect((await verify(config, [deployment(projected)])).message).toBe('Deployment ns/blog: volume p: its items project only mode, so /etc/shop/app.properties would not exist.');
  });

  it('Given a container that does not exist, lists those there are', async () => {
    const spec = { containers: [mounting('blog', 'a')], volumes: [{ name: 'a', emptyDir: {} }] };
    expect((await verify(logs, [deployment(spec)])).message).toBe('Deployment ns/blog: it has no container log-shipper (containers: blog; init containers: none).');
  });
});
