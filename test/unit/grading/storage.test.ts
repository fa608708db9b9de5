import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader, pod } from './fake-reader.js';

const verify = (name: string, params: Record<string, unknown>, objects: KubeObject[]) =>
  evaluateCheck({ id: 'v', title: 'v', points: 2, spec: { verifier: { name, params } } }, fakeReader({ objects }));

describe('verifier onlyDefaultStorageClass', () => {
  const sc = (name: string, annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, annotations }, provisioner: 'kubernetes.io/no-provisioner' });
  const isDefault = { 'storageclass.kubernetes.io/is-default-class': 'true' };

  it('passes when the named class is the one default', async () => {
    const result = await verify('onlyDefaultStorageClass', { name: 'fast' }, [sc('fast', isDefault), sc('slow', { 'storageclass.kubernetes.io/is-default-class': 'false' })]);
    expect(result).toMatchObject({ passed: true, message: 'fast is the only default StorageClass (of 2).' });
  });

  it('counts the beta annotation as admission does, and only the exact value "true"', async () => {
    const beta = await verify('onlyDefaultStorageClass', { name: 'fast' }, [sc('fast', isDefault), sc('slow', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' })]);
    expect(beta.message).toBe('Expected fast to be the only default StorageClass: slow is still marked default.');
    const capital = await verify('onlyDefaultStorageClass', { name: 'fast' }, [sc('fast', { 'storageclass.kubernetes.io/is-default-class': 'True' })]);
    expect(capital.message).toBe('Expected fast to be the only default StorageClass: fast is not marked default (expected the annotation storageclass.kubernetes.io/is-default-class: "true", found "True").');
  });

  it('names the classes there are when the named one is missing', async () => {
    expect((await verify('onlyDefaultStorageClass', { name: 'fast' }, [sc('slow', isDefault)])).message).toBe('StorageClass fast does not exist (classes: slow).');
  });
});

describe('verifier claimMounted', () => {
  const withClaim = (name: string, mountPath: string, extra: { ready?: boolean; claim?: string } = {}) => pod(name, 'ns', {
    volumes: [{ name: 'scratch', emptyDir: {} }, { name: 'store', persistentVolumeClaim: { claimName: extra.claim ?? 'data' } }],
    containers: [{ name: 'app', volumeMounts: [{ name: 'scratch', mountPath: '/data' }, { name: 'store', mountPath }] }],
  }, { labels: { app: 'x' }, ...(extra.ready === undefined ? {} : { ready: extra.ready }) });
  const params = { namespace: 'ns', claim: 'data', mountPath: '/data', selector: { app: 'x' } };

  it('follows the volume name from the claim to the mount, whatever it is called', async () => {
    expect((await verify('claimMounted', params, [withClaim('a', '/data/')])).passed).toBe(true);
    const other = await verify('claimMounted', params, [withClaim('a', '/srv')]);
    expect(other.message).toBe('Expected pods app=x in ns Ready with claim data mounted at /data: a mounts claim data at /srv (container app), not at /data.');
  });

  it('fails a pod using another claim, a pod that is not Ready, and no pod at all', async () => {
    expect((await verify('claimMounted', params, [withClaim('a', '/data', { claim: 'other' })])).message).toContain('a has no volume from claim data (claims it uses: other)');
    expect((await verify('claimMounted', params, [withClaim('a', '/data', { ready: false })])).message).toContain('a mounts it but is not Ready');
    expect((await verify('claimMounted', { ...params, selector: undefined, pod: 'b' }, [withClaim('a', '/data')])).message).toBe('Expected pod ns/b mounting claim data at /data, found no such pod.');
  });
});
