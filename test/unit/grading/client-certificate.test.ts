import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

// Test keys and certificates made with openssl (a throwaway CA signed mia.crt and other.crt).
const fixture = (name: string) => readFileSync(new URL(`certificates/${name}`, import.meta.url), 'utf8');
const mia = { crt: fixture('mia.crt'), key: fixture('mia.key'), csr: fixture('mia.csr') };
const other = { crt: fixture('other.crt'), key: fixture('other.key') };
const base64 = (text: string) => Buffer.from(text).toString('base64');

const approved = { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' };
function csr(conditions: object[], certificate?: string): KubeObject {
  return {
    apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'mia' },
    spec: { request: base64(mia.csr), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] },
    status: { conditions, ...(certificate === undefined ? {} : { certificate: base64(certificate) }) },
  };
}

const subject = { csr: 'mia', commonName: 'mia', organizations: ['qa-team'] };
const files = { csr: 'mia', certificateFile: '/work/mia.crt', keyFile: '/work/mia.key', keyType: 'rsa', keyBits: 2048 };
const verify = (object: KubeObject | undefined, params: Record<string, unknown>, saved: Record<string, string> = {}) =>
  evaluateCheck({ id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'clientCertificate', params } } }, fakeReader({ objects: object === undefined ? [] : [object], files: saved }));

describe('verifier clientCertificate', () => {
  it('Given an issued certificate for the user and group, and both files saved, passes', async () => {
    const issued = csr([approved], mia.crt);
    expect(await verify(issued, subject)).toMatchObject({ passed: true, message: expect.stringMatching(/^CSR mia was approved and issued a certificate for O=qa-team, CN=mia, valid until /) });
    const result = await verify(issued, files, { '/work/mia.crt': mia.crt, '/work/mia.key': mia.key });
    expect(result.passed).toBe(true);
    expect(result.message).toMatch(/\/work\/mia\.crt and \/work\/mia\.key hold it and its key\.$/);
  });

  it('Given no request, a pending one, a denied one or a refused one, says which', async () => {
    expect((await verify(undefined, subject)).message).toBe('CertificateSigningRequest mia does not exist.');
    expect((await verify(csr([]), subject)).message).toBe('CSR mia has not been approved: kubectl certificate approve mia.');
    expect((await verify(csr([{ type: 'Denied', status: 'True', reason: 'KubectlDeny' }]), subject)).message).toBe(
      'CSR mia was denied (KubectlDeny): a denied request stays denied; delete it and submit it again.',
    );
    const refused = csr([approved, { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: 'invalid usage for client certificate: server auth' }]);
    expect((await verify(refused, subject)).message).toBe(
      'CSR mia was approved, but its signer refused it (SignerValidationFailure: invalid usage for client certificate: server auth).',
    );
  });

  it('Given an approved request nobody signed, says the signer did not sign it', async () => {
    expect((await verify(csr([approved]), subject)).message).toMatch(/^CSR mia is approved, but no certificate was issued: its signer did not sign it/);
  });

  it('Given a certificate for another name and no group, names the user the API server would see', async () => {
    expect((await verify(csr([approved], other.crt), subject)).message).toBe(
      'The certificate issued for CSR mia: its CN is maria, so the API server knows its holder as user maria, not mia; the certificate issued for CSR mia: it has no O=qa-team (its groups come from O: none).',
    );
  });

  it('Given the certificate saved still base64-encoded, or the request saved instead, says how to fix it', async () => {
    const issued = csr([approved], mia.crt);
    expect((await verify(issued, { csr: 'mia', certificateFile: '/work/mia.crt' }, { '/work/mia.crt': `${base64(mia.crt)}\n` })).message).toBe(
      '/work/mia.crt holds the certificate still base64-encoded, as status.certificate has it: decode it (base64 -d) to get the PEM file clients read.',
    );
    expect((await verify(issued, { csr: 'mia', certificateFile: '/work/mia.crt' }, { '/work/mia.crt': mia.csr })).message).toMatch(/^\/work\/mia\.crt holds the certificate signing request, not the certificate issued for it/);
    expect((await verify(issued, { csr: 'mia', certificateFile: '/work/mia.crt' }, { '/work/mia.crt': other.crt })).message).toMatch(/^\/work\/mia\.crt holds another certificate \(CN=maria, serial /);
    expect((await verify(issued, { csr: 'mia', certificateFile: '/work/mia.crt' }, {})).message).toBe('/work/mia.crt does not exist (work files are read on the machine that runs cka-lab).');
  });

  it('Given a key that is not the certificate\'s, too small, or not a private key, says so', async () => {
    const issued = csr([approved], mia.crt);
    const withKey = (key: string) => verify(issued, { csr: 'mia', keyFile: '/work/mia.key', keyType: 'rsa', keyBits: 2048 }, { '/work/mia.key': key });
    expect((await withKey(other.key)).message).toBe(
      "/work/mia.key is not the key the certificate was issued for (the request was made from another key): the certificate's public key does not match it.",
    );
    expect((await withKey(fixture('small.key'))).message).toBe('/work/mia.key holds a 1024-bit key, expected 2048 bits.');
    expect((await withKey(mia.crt)).message).toBe('/work/mia.key is not a PEM private key (an encrypted key cannot be used by kubectl either).');
  });
});
