import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
const secret = (data: Record<string, string>, type = 'Opaque'): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'ns' }, type, data });
const verify = (objects: KubeObject[]) =>
  evaluateCheck({ id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'secretData', params: { namespace: 'ns', name: 'db', type: 'Opaque', data: { password: 'Sh0pDb-2024' } } } } }, fakeReader({ objects }));

describe('verifier secretData', () => {
  it('Given the value as the API serves it (base64 in data), compares it decoded; other keys are allowed', async () => {
    expect(await verify([secret({ password: b64('Sh0pDb-2024'), user: b64('shop') })])).toMatchObject({ passed: true, message: 'Secret ns/db (Opaque) holds the expected password.' });
  });

  it('Given the usual slips, names them: a trailing newline, a value encoded twice, another key, another type', async () => {
    expect((await verify([secret({ password: b64('Sh0pDb-2024\n') })])).message).toBe('Secret ns/db: password decodes to "Sh0pDb-2024\\n", expected "Sh0pDb-2024": a trailing newline (echo without -n?).');
    expect((await verify([secret({ password: b64(b64('Sh0pDb-2024')) })])).message).toContain('it is base64-encoded twice');
    expect((await verify([secret({ 'db-password': b64('Sh0pDb-2024') }, 'kubernetes.io/basic-auth')])).message).toBe('Secret ns/db: its type is kubernetes.io/basic-auth, expected Opaque; it has no key password (keys: db-password).');
    expect((await verify([])).message).toBe('Secret ns/db does not exist.');
  });
});
