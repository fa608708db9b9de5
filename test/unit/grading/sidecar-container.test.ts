import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const deployment = (podSpec: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'blog', namespace: 'ns' }, spec: { template: { spec: podSpec } } });
const app = { name: 'blog', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi >> /var/log/blog.log'] };
const shipper = { name: 'log-shipper', image: 'busybox:1.36', command: ['tail', '-F', '/var/log/blog.log'] };
const params = { namespace: 'ns', deployment: 'blog', container: 'log-shipper', image: 'busybox:1.36', command: 'tail -F /var/log/blog.log' };
const verify = (objects: KubeObject[]) => evaluateCheck({ id: 's', title: 's', points: 2, spec: { verifier: { name: 'sidecarContainer', params } } }, fakeReader({ objects }));

describe('verifier sidecarContainer', () => {
  it('Given the shipper as a regular container or a native sidecar, passes both', async () => {
    expect(await verify([deployment({ containers: [app, shipper] })])).toMatchObject({ passed: true, message: 'Deployment ns/blog runs log-shipper (busybox:1.36) with "tail -F /var/log/blog.log" as a regular container.' });
    const native = await verify([deployment({ containers: [app], initContainers: [{ ...shipper, restartPolicy: 'Always' }] })]);
    expect(native.message).toContain('as a native sidecar (init container with restartPolicy: Always)');
  });

  it('Given the command through sh -c or split into command and args, and a fully qualified image, passes', async () => {
    const viaShell = { ...shipper, image: 'docker.io/library/busybox:1.36', command: ['sh', '-c', '  tail  -F /var/log/blog.log'] };
    expect((await verify([deployment({ containers: [app, viaShell] })])).passed).toBe(true);
    const split = { ...shipper, command: ['tail'], args: ['-F', '/var/log/blog.log'] };
    expect((await verify([deployment({ containers: [app, split] })])).passed).toBe(true);
  });

  it('Given an init container without restartPolicy Always, fails and says the Pod would never start', async () => {
    const result = await verify([deployment({ containers: [app], initContainers: [shipper] })]);
    expect(result.passed).toBe(false);
    expect(result.message).toContain('log-shipper is an init container without restartPolicy: Always');
    expect(result.message).toContain('the Pod would never start');
  });

  it('Given the wrong image, the wrong command or no shipper at all, names what is found', async () => {
    const wrong = await verify([deployment({ containers: [app, { ...shipper, image: 'busybox', command: ['tail', '-f', '/var/log/blog.log'] }] })]);
    expect(wrong.message).toBe('Deployment ns/blog: log-shipper runs the image busybox, expected busybox:1.36; log-shipper runs "tail -f /var/log/blog.log", expected a command running "tail -F /var/log/blog.log".');
    expect((await verify([deployment({ containers: [app] })])).message).toBe('Deployment ns/blog: it has no container log-shipper (containers: blog; init containers: none).');
    expect((await verify([])).message).toBe('Deployment ns/blog does not exist.');
  });
});
