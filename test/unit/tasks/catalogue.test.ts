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

describe('the catalogue cache', () => {
  it('Given a validated catalogue, serves it from the cache, and validates again when a file changes', async () => {
    const { cp, mkdtemp, readFile, rm, utimes, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const work = await mkdtemp(join(tmpdir(), 'cka-lab-catalogue-'));
    try {
      const root = join(work, 'tasks');
      await cp(fileURLToPath(new URL('../../../tasks/storage', import.meta.url)), join(root, 'storage'), { recursive: true });
      const cacheDir = join(work, 'cache');
      const first = await loadCatalogue({ root, cacheDir });
      const cached = JSON.parse(await readFile(join(cacheDir, 'catalogue.json'), 'utf8')) as { tasks: unknown[] };
      expect(cached.tasks).toHaveLength(first.tasks.length);
      expect(await loadCatalogue({ root, cacheDir })).toEqual(first);

      // A broken file is caught on the next load, not hidden by the cache.
      const file = join(root, 'storage', 'storage-pv-pvc-pod.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^weight: \d+$/m, 'weight: heavy'));
      await utimes(file, new Date(), new Date(Date.now() + 5000));
      await expect(loadCatalogue({ root, cacheDir })).rejects.toThrow(/storage-pv-pvc-pod\.yaml:\d+:\d+: .*weight/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
