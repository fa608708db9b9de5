import { describe, expect, it } from '@jest/globals';
import { resolveLabPaths } from '../../../src/core/paths.js';
import { resolveTarget } from '../../../src/services/cluster/target.js';
import { colorEnabled } from '../../../src/adapters/ui/io.js';

describe('resolveLabPaths', () => {
  it('follows XDG on Linux', () => {
    const p = resolveLabPaths({ XDG_CACHE_HOME: '/c', XDG_STATE_HOME: '/s' }, 'linux', '/home/u');
    expect(p.cacheDir).toBe('/c/cka-lab');
    expect(p.stateDir).toBe('/s/cka-lab');
    expect(p.kwokWorkdir).toBe('/s/cka-lab/kwok');
    expect(p.workDir).toBe('/s/cka-lab/work');
  });

  it('falls back to ~/.cache and ~/.local/state, and lets CKA_LAB_* override', () => {
    expect(resolveLabPaths({}, 'linux', '/home/u').cacheDir).toBe('/home/u/.cache/cka-lab');
    expect(resolveLabPaths({}, 'linux', '/home/u').stateDir).toBe('/home/u/.local/state/cka-lab');
    expect(resolveLabPaths({ CKA_LAB_STATE_DIR: '/tmp/s', XDG_STATE_HOME: '/x' }, 'linux', '/h').stateDir).toBe('/tmp/s');
    expect(resolveLabPaths({ XDG_CACHE_HOME: '' }, 'linux', '/h').cacheDir).toBe('/h/.cache/cka-lab');
  });

  it('uses the macOS conventions on darwin', () => {
    expect(resolveLabPaths({}, 'darwin', '/Users/u').cacheDir).toBe('/Users/u/Library/Caches/cka-lab');
  });
});

describe('resolveTarget', () => {
  const paths = resolveLabPaths({}, 'linux', '/h');

  it('uses --kubeconfig and --context first', () => {
    expect(resolveTarget({ kubeconfig: '/k', context: 'c' }, { KUBECONFIG: '/e' }, paths, '/h')).toEqual({ kubeconfigPaths: ['/k'], context: 'c', source: 'flag' });
  });

  it('then $KUBECONFIG, split like kubectl', () => {
    expect(resolveTarget({}, { KUBECONFIG: '/a:/b' }, paths, '/h')).toEqual({ kubeconfigPaths: ['/a', '/b'], context: undefined, source: 'env' });
  });

  it('reads ~/.kube/config only when a context is asked for', () => {
    expect(resolveTarget({ context: 'kind-x' }, {}, paths, '/h')).toEqual({ kubeconfigPaths: ['/h/.kube/config'], context: 'kind-x', source: 'flag' });
  });

  it('falls back to the embedded cluster, never to ~/.kube/config unasked', () => {
    expect(resolveTarget({}, {}, paths, '/h')).toEqual({ kubeconfigPaths: [paths.embeddedKubeconfig], context: undefined, source: 'embedded' });
  });
});

describe('colorEnabled', () => {
  it('honours NO_COLOR, FORCE_COLOR, TERM=dumb and the terminal', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
  });
});
