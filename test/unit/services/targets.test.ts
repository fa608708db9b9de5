import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLabPaths } from '../../../src/core/paths.js';
import { resolveTargets, selectsSeveralClusters, type ClusterSelection } from '../../../src/services/cluster/target.js';
import { clusterTarget } from '../../../src/commands/context.js';
import { UsageError } from '../../../src/core/errors.js';
import { styleFor } from '../../../src/core/style.js';
import type { Io } from '../../../src/adapters/ui/io.js';

function kubeconfig(contexts: readonly string[], current: string | undefined): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:6443" } }]',
    'users: [{ name: u, user: { token: t } }]',
    `contexts: [${contexts.map((c) => `{ name: ${c}, context: { cluster: c, user: u } }`).join(', ')}]`,
    ...(current === undefined ? [] : [`current-context: ${current}`]),
  ].join('\n');
}

const none: ClusterSelection = { kubeconfigs: [], kubeconfigDirs: [], contexts: [], allContexts: false };
let root: string;
let group: string;
const paths = resolveLabPaths({}, 'linux', '/h');

beforeAll(async () => {
  // Given a directory of three students' kubeconfigs, a hidden file and a shared multi-context file
  root = await mkdtemp(join(tmpdir(), 'cka-lab-targets-'));
  group = join(root, 'group');
  await mkdir(group);
  await writeFile(join(group, 'alice.yaml'), kubeconfig(['lab'], 'lab'));
  await writeFile(join(group, 'bob.yaml'), kubeconfig(['lab', 'spare'], 'lab'));
  await writeFile(join(group, 'carol.yaml'), 'this: [is not a kubeconfig');
  await writeFile(join(group, '.editor-backup'), kubeconfig(['x'], 'x'));
  await writeFile(join(root, 'shared.yaml'), kubeconfig(['one', 'two', 'three'], 'two'));
  await mkdir(join(root, 'empty'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveTargets', () => {
  it('grades each file of a directory as its own cluster, at its current context, skipping dot files', async () => {
    const targets = await resolveTargets({ ...none, kubeconfigDirs: [group] }, {}, paths, '/h');
    expect(targets.map((t) => [t.name, t.context, t.target.kubeconfigPaths, t.target.context])).toEqual([
      ['alice.yaml/lab', 'lab', [join(group, 'alice.yaml')], undefined],
      ['bob.yaml/lab', 'lab', [join(group, 'bob.yaml')], undefined],
      // Unreadable as YAML: kept, so that grading reports why.
      ['carol.yaml', null, [join(group, 'carol.yaml')], undefined],
    ]);
  });

  it('treats a directory given to --kubeconfig like --kubeconfig-dir', async () => {
    const viaFlag = await resolveTargets({ ...none, kubeconfigs: [group] }, {}, paths, '/h');
    const viaDir = await resolveTargets({ ...none, kubeconfigDirs: [group] }, {}, paths, '/h');
    expect(viaFlag).toEqual(viaDir);
  });

  it('grades every context of every file with --all-contexts', async () => {
    const targets = await resolveTargets({ ...none, kubeconfigs: [join(root, 'shared.yaml'), join(group, 'bob.yaml')], allContexts: true }, {}, paths, '/h');
    expect(targets.map((t) => [t.name, t.target.context])).toEqual([
      ['shared.yaml/one', 'one'], ['shared.yaml/two', 'two'], ['shared.yaml/three', 'three'], ['bob.yaml/lab', 'lab'], ['bob.yaml/spare', 'spare'],
    ]);
  });

  it('names contexts alone when they come from one kubeconfig', async () => {
    const targets = await resolveTargets({ ...none, kubeconfigs: [join(root, 'shared.yaml')], contexts: ['one', 'three'] }, {}, paths, '/h');
    expect(targets.map((t) => [t.name, t.target.context, t.problem])).toEqual([['one', 'one', undefined], ['three', 'three', undefined]]);
  });

  it('leaves an unknown context in a single kubeconfig to the loader, which names the known ones', async () => {
    const targets = await resolveTargets({ ...none, kubeconfigs: [join(root, 'shared.yaml')], contexts: ['nope'] }, {}, paths, '/h');
    expect(targets.map((t) => [t.name, t.target.context, t.problem])).toEqual([['nope', 'nope', undefined]]);
  });

  it('looks named contexts up in every file, and reports one that no file has', async () => {
    const targets = await resolveTargets({ ...none, kubeconfigDirs: [group], contexts: ['spare', 'ghost'] }, {}, paths, '/h');
    expect(targets.map((t) => [t.name, t.target.context, t.problem?.message])).toEqual([
      ['bob.yaml/spare', 'spare', undefined],
      ['carol.yaml', undefined, undefined],
      ['ghost', 'ghost', expect.stringContaining("Context 'ghost' is in none of the kubeconfig files")],
    ]);
  });

  it('reports a missing or empty directory as a cluster that cannot be graded, and keeps a missing file', async () => {
    const targets = await resolveTargets({ ...none, kubeconfigDirs: [join(root, 'absent'), join(root, 'empty')], kubeconfigs: [join(root, 'gone.yaml')] }, {}, paths, '/h');
    expect(targets.map((t) => [t.name, t.problem?.message])).toEqual([
      ['gone.yaml', undefined],
      [join(root, 'absent'), expect.stringContaining('no such directory')],
      [join(root, 'empty'), expect.stringContaining('holds no kubeconfig file')],
    ]);
  });

  it('falls back like kubectl: $KUBECONFIG merged, then the embedded cluster', async () => {
    const merged = await resolveTargets({ ...none, allContexts: true }, { KUBECONFIG: `${join(group, 'bob.yaml')}:${join(root, 'shared.yaml')}` }, paths, '/h');
    expect(merged.map((t) => [t.name, t.target.source])).toEqual([['lab', 'flag'], ['spare', 'flag'], ['one', 'flag'], ['two', 'flag'], ['three', 'flag']]);
    const current = await resolveTargets(none, { KUBECONFIG: `${join(group, 'bob.yaml')}:${join(root, 'shared.yaml')}` }, paths, '/h');
    expect(current.map((t) => [t.name, t.context, t.target.source])).toEqual([['lab', 'lab', 'env']]);
    const embedded = await resolveTargets(none, {}, paths, '/h');
    expect(embedded.map((t) => [t.target.kubeconfigPaths, t.target.source])).toEqual([[[paths.embeddedKubeconfig], 'embedded']]);
  });

  it('names two files of the same name in different directories by their paths', async () => {
    const other = join(root, 'other');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'alice.yaml'), kubeconfig(['lab'], 'lab'));
    const targets = await resolveTargets({ ...none, kubeconfigs: [join(group, 'alice.yaml'), join(other, 'alice.yaml')] }, {}, paths, '/h');
    expect(targets.map((t) => t.name)).toEqual([`${join(group, 'alice.yaml')}/lab`, `${join(other, 'alice.yaml')}/lab`]);
  });
});

describe('selectsSeveralClusters', () => {
  it('is true for repeated flags, a directory or --all-contexts, and false for kubectl\'s one cluster', async () => {
    expect(await selectsSeveralClusters(none)).toBe(false);
    expect(await selectsSeveralClusters({ ...none, kubeconfigs: [join(root, 'shared.yaml')], contexts: ['one'] })).toBe(false);
    expect(await selectsSeveralClusters({ ...none, kubeconfigs: [group] })).toBe(true);
    expect(await selectsSeveralClusters({ ...none, contexts: ['a', 'b'] })).toBe(true);
    expect(await selectsSeveralClusters({ ...none, allContexts: true })).toBe(true);
  });
});

describe('clusterTarget (commands on one cluster)', () => {
  const io = { env: { HOME: '/h' }, style: styleFor(false), errStyle: styleFor(false), interactive: false, errIsTTY: false, stdout: { write: () => undefined }, stderr: { write: () => undefined } } satisfies Io;

  it('takes one --kubeconfig and one --context', () => {
    expect(clusterTarget({ kubeconfig: [join(root, 'shared.yaml')], context: ['two'] }, io)).toEqual({ kubeconfigPaths: [join(root, 'shared.yaml')], context: 'two', source: 'flag' });
  });

  it('refuses a second --context or --kubeconfig, naming grade as the command that takes several', () => {
    expect(() => clusterTarget({ context: ['a', 'b'] }, io)).toThrow(UsageError);
    expect(() => clusterTarget({ context: ['a', 'b'] }, io)).toThrow('--context is given 2 times; this command works on one cluster.');
    expect(() => clusterTarget({ kubeconfig: ['/a', '/b'] }, io)).toThrow('--kubeconfig is given 2 times');
  });

  it('refuses a directory', () => {
    expect(() => clusterTarget({ kubeconfig: [group] }, io)).toThrow(`--kubeconfig ${group} is a directory`);
  });
});
