import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { binariesKey, kubernetesMajorMinor, requiredVersion } from '../../../src/core/engine-versions.js';
import { compareVersions, parseGoVersion } from '../../../src/services/cluster/binaries.js';

const goMod = (dir: string): string => readFileSync(new URL(`../../../go/${dir}/go.mod`, import.meta.url), 'utf8');

describe('requiredVersion', () => {
  it('reads single-line and block requires', () => {
    expect(requiredVersion('module x\n\nrequire k8s.io/kubernetes v1.36.3\n', 'k8s.io/kubernetes')).toBe('v1.36.3');
    expect(requiredVersion('require (\n\tfoo v1.0.0\n\tsigs.k8s.io/kwok v0.8.0 // indirect\n)\n', 'sigs.k8s.io/kwok')).toBe('v0.8.0');
    expect(requiredVersion('require k8s.io/kubernetes-extra v9.9.9\n', 'k8s.io/kubernetes')).toBeUndefined();
  });

  it('finds the suggested consistent versions in the committed Go modules', () => {
    expect(requiredVersion(goMod('kubernetes'), 'k8s.io/kubernetes')).toBe('v1.36.3');
    expect(requiredVersion(goMod('etcd'), 'go.etcd.io/etcd/server/v3')).toBe('v3.6.14');
    expect(requiredVersion(goMod('kwok'), 'sigs.k8s.io/kwok')).toBe('v0.8.0');
  });

  it('maps every staging module of k8s.io/kubernetes to the matching v0 version', () => {
    const text = goMod('kubernetes');
    const replaces = [...text.matchAll(/^\s+(k8s\.io\/[\w-]+) => (k8s\.io\/[\w-]+) (v\S+)$/gm)];
    expect(replaces.length).toBeGreaterThanOrEqual(30);
    for (const [, from, to, version] of replaces) {
      expect(to).toBe(from);
      expect(version).toBe('v0.36.3');
    }
  });
});

describe('binariesKey', () => {
  it('changes with any version or module digest', () => {
    const v = { kubernetes: 'v1.36.3', etcd: 'v3.6.14', kwok: 'v0.8.0' };
    expect(binariesKey(v, 'abcdef0123456789')).toBe('k8s-v1.36.3_etcd-v3.6.14_kwok-v0.8.0_abcdef012345');
    expect(binariesKey({ ...v, etcd: 'v3.6.15' }, 'abcdef0123456789')).not.toBe(binariesKey(v, 'abcdef0123456789'));
    expect(binariesKey(v, '0bcdef0123456789')).not.toBe(binariesKey(v, 'abcdef0123456789'));
  });
});

describe('version helpers', () => {
  it('splits a Kubernetes version for the build stamps', () => {
    expect(kubernetesMajorMinor('v1.36.3')).toEqual({ major: '1', minor: '36' });
    expect(() => kubernetesMajorMinor('1.36')).toThrow('not a Kubernetes version');
  });

  it('parses and orders Go versions', () => {
    expect(parseGoVersion('go1.26.8')).toEqual([1, 26, 8]);
    expect(parseGoVersion('go1.26')).toEqual([1, 26, 0]);
    expect(parseGoVersion('devel')).toBeUndefined();
    expect(compareVersions([1, 25, 9], [1, 26, 0])).toBeLessThan(0);
    expect(compareVersions([1, 26, 0], [1, 26])).toBe(0);
  });
});
