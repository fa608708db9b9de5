import { describe, expect, it } from '@jest/globals';
import { selectPath } from '../../../src/core/grading/field-path.js';
import { evaluateFieldMatch } from '../../../src/core/grading/match.js';

const statefulSet = {
  spec: {
    volumeClaimTemplates: [
      { metadata: { name: 'logs' }, spec: { resources: { requests: { storage: '100Mi' } } } },
      { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1G' } } } },
    ],
  },
};

describe('field paths selecting list items by a nested field', () => {
  it('Given objects in a list (volumeClaimTemplates), selects one by metadata.name, whatever its position', () => {
    expect(selectPath(statefulSet, 'spec.volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage').values).toEqual([
      { path: 'spec.volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage', value: '1G' },
    ]);
  });

  it('Given no item of that name, says which names there are', () => {
    expect(selectPath(statefulSet, 'spec.volumeClaimTemplates[metadata.name=pgdata].spec').missing).toEqual({
      at: 'spec.volumeClaimTemplates[metadata.name=pgdata]',
      found: 'spec.volumeClaimTemplates is a list of 2 (names: logs, data)',
    });
  });

  it('Given 1G where 1Gi is asked, fails naming both', () => {
    expect(evaluateFieldMatch(statefulSet, { path: 'spec.volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage', quantity: '1Gi' })).toEqual({
      passed: false,
      expected: 'spec.volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage = 1Gi (as a quantity)',
      actual: 'spec.volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage = "1G"',
    });
  });
});
