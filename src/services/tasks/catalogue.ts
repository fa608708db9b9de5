import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagePath } from '../../adapters/store/package-files.js';
import { readTextIfExists, writeFileAtomic } from '../../adapters/store/files.js';
import { UsageError } from '../../core/errors.js';
import { resolveLabPaths } from '../../core/paths.js';
import type { Catalogue } from '../../core/tasks/catalogue.js';
import { domains, type Task } from '../../core/tasks/model.js';
import type { TaskFileProblem } from '../../core/yaml-file.js';

interface TaskFile {
  readonly domain: string;
  readonly name: string;
  readonly path: string;
}

async function taskFiles(root: string): Promise<TaskFile[]> {
  const found: TaskFile[] = [];
  for (const domain of domains) {
    let names: string[];
    try {
      names = (await readdir(join(root, domain))).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
    } catch {
      continue;
    }
    for (const name of names) found.push({ domain, name, path: join(root, domain, name) });
  }
  return found;
}

/** The modules whose code decides what a task file becomes: a new build of any of them invalidates the cache. */
const parserModules = ['./catalogue', '../../core/tasks/parse', '../../core/tasks/model', '../../core/tasks/template', '../../core/yaml-file', '../../core/grading/verifiers', '../../core/grading/field-path'];

/** What the validated catalogue depends on: the parser's code, the schema and every task file, by size and time. */
async function catalogueKey(files: readonly TaskFile[], schemaPath: string): Promise<string> {
  const hash = createHash('sha256');
  const here = fileURLToPath(import.meta.url);
  const extension = here.endsWith('.ts') ? '.ts' : '.js';
  const modules = parserModules.map((m) => join(dirname(here), `${m}${extension}`));
  for (const path of [...modules, schemaPath, ...files.map((f) => f.path)]) {
    const info = await stat(path).catch(() => undefined);
    hash.update(`${path}\0${info?.size ?? -1}\0${info?.mtimeMs ?? -1}\n`);
  }
  return hash.digest('hex');
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** Parses and validates every file; yaml and ajv load only here, when the cache cannot answer. */
async function parseCatalogue(files: readonly TaskFile[], schemaPath: string): Promise<Task[]> {
  // One after the other: jest's ESM loader fails two concurrent imports that both reach ajv (CommonJS).
  const { compileSchema, TaskFileError } = await import('../../core/yaml-file.js');
  const { parseTaskFile } = await import('../../core/tasks/parse.js');
  const validate = compileSchema(JSON.parse(await readFile(schemaPath, 'utf8')) as object);
  const tasks: Task[] = [];
  const problems: TaskFileProblem[] = [];
  for (const file of files) {
    try {
      tasks.push(parseTaskFile(await readFile(file.path, 'utf8'), displayPath(file.path), { id: file.name.replace(/\.ya?ml$/, ''), domain: file.domain }, validate));
    } catch (error) {
      if (error instanceof TaskFileError) problems.push(...error.problems);
      else throw error;
    }
  }
  const ids = new Set(tasks.map((t) => t.id));
  for (const task of tasks) {
    for (const other of task.conflicts.filter((c) => !ids.has(c))) {
      // Point at the entry: the first line from 'conflicts:' on that names it.
      const lines = (await readFile(task.file, 'utf8')).split('\n');
      const start = Math.max(0, lines.findIndex((l) => l.startsWith('conflicts:')));
      const found = lines.findIndex((l, i) => i >= start && l.includes(other));
      problems.push({ file: task.file, line: found + 1, column: Math.max(1, (lines[found] ?? '').indexOf(other) + 1), message: `conflicts names '${other}', which is not a task of the catalogue` });
    }
  }
  if (problems.length > 0) {
    const lines = problems.slice(0, 20).map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`);
    throw new UsageError(`The task catalogue has ${problems.length} problem(s):\n${lines.join('\n')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`, {
      hint: 'Fix the file(s) above; the JSON Schema in schema/task.schema.json lets an editor check them as you type.',
    });
  }
  return tasks;
}

export interface LoadCatalogueOptions {
  readonly root?: string;
  /** Where the validated catalogue is kept between runs; default the user's cka-lab cache dir. */
  readonly cacheDir?: string;
}

/**
 * Reads every tasks/<domain>/<id>.yaml, validating each against the schema and the semantic
 * rules; problems in any file are all reported together, with file:line:column. The validated
 * result is cached (keyed by the files' sizes and times), since validating takes most of a
 * start-up; a changed or added file is validated again.
 */
export async function loadCatalogue(options: LoadCatalogueOptions | string = {}): Promise<Catalogue> {
  const { root = packagePath('tasks'), cacheDir = resolveLabPaths(process.env, process.platform, process.env['HOME'] ?? homedir()).cacheDir } = typeof options === 'string' ? { root: options } : options;
  const schemaPath = packagePath('schema', 'task.schema.json');
  const files = await taskFiles(root);
  const key = await catalogueKey(files, schemaPath);
  const cacheFile = join(cacheDir, 'catalogue.json');
  try {
    const cached = JSON.parse((await readTextIfExists(cacheFile)) ?? 'null') as { key?: string; tasks?: Task[] } | null;
    if (cached?.key === key && Array.isArray(cached.tasks)) return { tasks: cached.tasks.map((t) => ({ ...t, file: displayPath(t.file) })) };
  } catch {
    // A damaged cache is only a slower start.
  }
  const tasks = await parseCatalogue(files, schemaPath);
  const absolute = tasks.map((t) => ({ ...t, file: isAbsolute(t.file) ? t.file : join(process.cwd(), t.file) }));
  await writeFileAtomic(cacheFile, JSON.stringify({ key, tasks: absolute })).catch(() => undefined);
  return { tasks };
}

export function solutionPath(taskId: string): string {
  return packagePath('solutions', `${taskId}.sh`);
}
