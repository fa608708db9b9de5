import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BugError } from '../../../src/core/errors.js';
import { parseTaskFile } from '../../../src/core/tasks/parse.js';
import { placeholderValues } from '../../../src/core/tasks/template.js';
import { compileSchema } from '../../../src/core/yaml-file.js';
import { renderTask } from '../../../src/services/tasks/environment.js';
import { isInWorkDir, removeWorkFiles, writeWorkFile } from '../../../src/services/tasks/work-files.js';

const validate = compileSchema(JSON.parse(readFileSync(new URL('../../../schema/task.schema.json', import.meta.url), 'utf8')) as object);

const taskText = `id: demo-files
title: A task with files
domain: cluster-architecture
topics: [demo]
weight: 3
difficulty: easy
minutes: 4
namespaces: [demo-1]
owns:
  files: ["{{ workDir }}/demo-files", "{{ backupDir }}/demo.db"]
setup:
  - file:
      path: "{{ workDir }}/demo-files/base/kustomization.yaml"
      content: |
        resources: [deployment.yaml]
  - file: { path: "{{ workDir }}/demo-files/base/deployment.yaml", content: "kind: Deployment\\n" }
prompt: |
  Edit the files in {{ workDir }}/demo-files.
checks:
  - id: cm
    title: ConfigMap x exists
    points: 1
    exists: { apiVersion: v1, kind: ConfigMap, name: x, namespace: demo-1 }
`;

let root: string;
let workDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cka-lab-work-'));
  workDir = join(root, 'state', 'work');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function demoTask() {
  const parsed = parseTaskFile(taskText, 'demo-files.yaml', { id: 'demo-files', domain: 'cluster-architecture' }, validate);
  return renderTask(parsed, { ...placeholderValues, workDir, backupDir: join(root, 'backups') });
}

async function setUpFiles(task: ReturnType<typeof demoTask>): Promise<void> {
  for (const step of task.setup) if ('file' in step) await writeWorkFile(task.id, step.file, workDir);
}

describe('work files', () => {
  it('Given a task with file steps, setup writes each file with its content, creating its directories', async () => {
    await setUpFiles(demoTask());
    expect(await readFile(join(workDir, 'demo-files', 'base', 'kustomization.yaml'), 'utf8')).toBe('resources: [deployment.yaml]\n');
    expect(await readFile(join(workDir, 'demo-files', 'base', 'deployment.yaml'), 'utf8')).toBe('kind: Deployment\n');
  });

  it('Given a file the user changed, setup writes it afresh', async () => {
    const task = demoTask();
    await setUpFiles(task);
    await writeFile(join(workDir, 'demo-files', 'base', 'deployment.yaml'), 'edited\n');
    await setUpFiles(task);
    expect(await readFile(join(workDir, 'demo-files', 'base', 'deployment.yaml'), 'utf8')).toBe('kind: Deployment\n');
  });

  it('Given the files and what the user added, reset removes the owned directory whole and nothing beside it', async () => {
    const task = demoTask();
    await setUpFiles(task);
    await mkdir(join(workDir, 'demo-files', 'overlays', 'prod'), { recursive: true });
    await writeFile(join(workDir, 'demo-files', 'overlays', 'prod', 'kustomization.yaml'), 'resources: [../../base]\n');
    await mkdir(join(workDir, 'demo-files-2'), { recursive: true });
    await writeFile(join(workDir, 'demo-files-2', 'keep.yaml'), 'another task\n');
    await writeFile(join(root, 'demo.db'), 'not in the work directory\n');

    // The backupDir entry is a node file: left to reset's node path, not removed here.
    expect(await removeWorkFiles(task, workDir)).toEqual([join(workDir, 'demo-files')]);
    expect(await readdir(workDir)).toEqual(['demo-files-2']);
    expect(await readFile(join(root, 'demo.db'), 'utf8')).toBe('not in the work directory\n');
    // Removing again (reset twice, or before any setup) is not an error.
    expect(await removeWorkFiles(task, workDir)).toEqual([join(workDir, 'demo-files')]);
  });

  it('refuses to write outside the work directory', async () => {
    await expect(writeWorkFile('demo-files', { path: join(root, 'elsewhere.yaml'), content: 'x' }, workDir)).rejects.toThrow(BugError);
    expect(isInWorkDir(workDir, workDir)).toBe(false);
    expect(isInWorkDir(join(workDir, '..', 'work-other', 'x'), workDir)).toBe(false);
    expect(isInWorkDir(join(workDir, 'a', '..', '..', 'x'), workDir)).toBe(false);
    expect(isInWorkDir(join(workDir, '..work', 'x'), workDir)).toBe(true);
  });
});
