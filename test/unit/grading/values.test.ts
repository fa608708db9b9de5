import { describe, expect, it } from '@jest/globals';
import { normalizeImage, sameImage } from '../../../src/core/grading/image.js';
import { parseQuantity, quantitiesEqual } from '../../../src/core/grading/quantity.js';
import { parseFieldPath, selectPath } from '../../../src/core/grading/field-path.js';

describe('quantities', () => {
  it('compare by exact value', () => {
    expect(quantitiesEqual('500m', '0.5')).toBe(true);
    expect(quantitiesEqual('1Gi', '1024Mi')).toBe(true);
    expect(quantitiesEqual('1G', '1Gi')).toBe(false);
    expect(quantitiesEqual('1.5Gi', '1536Mi')).toBe(true);
    expect(quantitiesEqual(2, '2000m')).toBe(true);
    expect(quantitiesEqual('1e3', '1k')).toBe(true);
    expect(parseQuantity('ten')).toBeUndefined();
    expect(parseQuantity('8Ei')).toBe(8n * (1n << 60n) * 1_000_000_000n);
  });
});

describe('images', () => {
  it('normalise the way the runtime resolves them', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(sameImage('nginx:1.27', 'docker.io/library/nginx:1.27')).toBe(true);
    expect(sameImage('nginx:1.27', 'index.docker.io/library/nginx:1.27')).toBe(true);
    expect(sameImage('bitnami/nginx:1', 'docker.io/bitnami/nginx:1')).toBe(true);
    expect(sameImage('registry.k8s.io/pause:3.10', 'pause:3.10')).toBe(false);
    expect(sameImage('localhost:5000/app', 'localhost:5000/app:latest')).toBe(true);
    expect(sameImage('nginx:1.27', 'nginx:1.25')).toBe(false);
  });
});

describe('field paths', () => {
  it('parse keys, indexes, wildcards, selectors and quoted keys', () => {
    expect(parseFieldPath("metadata.labels['app.kubernetes.io/name']")).toEqual([
      { kind: 'key', key: 'metadata' }, { kind: 'key', key: 'labels' }, { kind: 'key', key: 'app.kubernetes.io/name' },
    ]);
    expect(parseFieldPath('spec.containers[name=web].ports[0]')).toEqual([
      { kind: 'key', key: 'spec' }, { kind: 'key', key: 'containers' }, { kind: 'where', field: 'name', value: 'web' }, { kind: 'key', key: 'ports' }, { kind: 'index', index: 0 },
    ]);
    expect(() => parseFieldPath('spec..x')).toThrow('empty segment');
  });

  it('select every matching value with its concrete path', () => {
    const pod = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    expect(selectPath(pod, 'spec.containers[*].image').values).toEqual([
      { path: 'spec.containers[name=a].image', value: 'x' },
      { path: 'spec.containers[name=b].image', value: 'y' },
    ]);
    expect(selectPath(pod, 'spec.volumes[*]').missing).toEqual({ at: 'spec.volumes', found: 'spec is an object with keys containers' });
  });
});
