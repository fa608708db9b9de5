/**
 * The files a task gives the user to work on (a kustomization, manifests): on this machine, where
 * kubectl runs, under the work directory ({{ workDir }}) whatever the engine.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BugError } from '../../core/errors.js';
import type { Task } from '../../core/tasks/model.js';

/** Whether a rendered path lies strictly inside the work directory. */
export function isInWorkDir(path: string, workDir: string): boolean {
  const rel = relative(resolve(workDir), resolve(path));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** A setup file step: the file written afresh, its directories created. */
export async function writeWorkFile(taskId: string, file: { readonly path: string; readonly content: string }, workDir: string): Promise<void> {
  // The loader only accepts paths under {{ workDir }}: anything else here is a bug.
  if (!isInWorkDir(file.path, workDir)) throw new BugError(`Task ${taskId}: setup file ${file.path} is outside ${workDir}.`);
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.content);
}

/**
 * Reset's part: the owns.files entries inside the work directory, each removed whole (with what the
 * user added in it). Entries elsewhere are node files, left to the caller.
 */
export async function removeWorkFiles(task: Task, workDir: string): Promise<string[]> {
  const owned = task.owns.files.filter((file) => isInWorkDir(file, workDir));
  for (const path of owned) await rm(path, { recursive: true, force: true });
  return owned;
}
