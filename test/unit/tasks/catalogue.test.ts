import { describe, expect, it } from '@jest/globals';
import { access } from 'node:fs/promises';
import { findTask } from '../../../src/core/tasks/catalogue.js';
import { loadCatalogue, solutionPath } from '../../../src/services/tasks/catalogue.js';
import { UsageError } from '../../../src/core/errors.js';

describe('the shipped catalogue', () => {
  it('loads and validates every task file', async () => {
    const catalogue = await loadCatalogue();
    expect(catalogue.tasks.length).toBeGreaterThanOrEqual(3);
    const ids = catalogue.tasks.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const task of catalogue.tasks) {
      await expect(access(solutionPath(task.id))).resolves.toBeUndefined();
      await expect(access(new URL(`../../cluster/attempts/${task.id}.yaml`, import.meta.url))).resolves.toBeUndefined();
      expect(task.checks.reduce((sum, c) => sum + c.points, 0)).toBeGreaterThanOrEqual(2);
    }
  });

  it('suggests the nearest id for an unknown one', async () => {
    const catalogue = await loadCatalogue();
    expect(() => findTask(catalogue, 'etcd-bakup')).toThrow(UsageError);
    expect(() => findTask(catalogue, 'etcd-bakup')).toThrow("Unknown task 'etcd-bakup'. Did you mean 'etcd-backup'?");
  });
});
