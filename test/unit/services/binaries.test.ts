import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binariesKey, binaryNames } from '../../../src/core/engine-versions.js';
import { resolveLabPaths, type LabPaths } from '../../../src/core/paths.js';
import { engineVersions, locateBinaries } from '../../../src/services/cluster/binaries.js';

let root: string;
let paths: LabPaths;
let dir: string;

async function fakeBinaries(target: string, names: readonly string[]): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const name of names) {
    await writeFile(join(target, name), '#!/bin/sh\n');
    await chmod(join(target, name), 0o755);
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cka-lab-bin-'));
  paths = resolveLabPaths({ CKA_LAB_CACHE_DIR: root, CKA_LAB_STATE_DIR: join(root, 'state') }, 'linux', root);
  const { versions, digest } = await engineVersions();
  dir = join(paths.binariesRoot, binariesKey(versions, digest));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('locateBinaries', () => {
  it('finds nothing in an empty cache', async () => {
    expect(await locateBinaries(paths)).toBeUndefined();
  });

  it('ignores an interrupted build: every binary present but no manifest', async () => {
    await fakeBinaries(dir, binaryNames);
    expect(await locateBinaries(paths)).toBeUndefined();
  });

  it('ignores a .partial directory even when it is complete', async () => {
    await fakeBinaries(`${dir}.partial`, binaryNames);
    await writeFile(join(`${dir}.partial`, 'manifest.json'), '{}');
    expect(await locateBinaries(paths)).toBeUndefined();
  });

  it('ignores a complete-looking build with a binary missing', async () => {
    await fakeBinaries(dir, binaryNames.filter((n) => n !== 'etcdutl'));
    await writeFile(join(dir, 'manifest.json'), '{}');
    expect(await locateBinaries(paths)).toBeUndefined();
  });

  it('returns every binary of a complete build, keyed by the versions in go/', async () => {
    await fakeBinaries(dir, binaryNames);
    await writeFile(join(dir, 'manifest.json'), '{}');
    const found = await locateBinaries(paths);
    expect(found?.versions).toEqual({ kubernetes: 'v1.36.3', etcd: 'v3.6.14', kwok: 'v0.8.0' });
    expect(found?.path.kwokctl).toBe(join(dir, 'kwokctl'));
  });
});
