import { describe, expect, it } from '@jest/globals';
import { closestMatches, didYouMean, editDistance } from '../../../src/core/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('grade', 'grade')).toBe(0);
    expect(editDistance('grde', 'grade')).toBe(1);
    expect(editDistance('grades', 'grade')).toBe(1);
    expect(editDistance('grafe', 'grade')).toBe(1);
    expect(editDistance('gared', 'grade')).toBe(2);
    expect(editDistance('rgade', 'grade')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestMatches', () => {
  const ids = ['etcd-backup', 'etcd-restore', 'drain-node', 'uncordon-node', 'rbac-sa-role'];

  it('ranks the nearest spelling first', () => {
    expect(closestMatches('etcd-bakup', ids)[0]).toBe('etcd-backup');
  });

  it('finds names that contain the input', () => {
    expect(closestMatches('etcd', ids)).toEqual(['etcd-backup', 'etcd-restore']);
  });

  it('returns nothing for an unrelated word', () => {
    expect(closestMatches('kubernetes', ids)).toEqual([]);
    expect(didYouMean('kubernetes', ids)).toBe('');
  });
});
