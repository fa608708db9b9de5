import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packagePath } from '../../adapters/store/package-files.js';
import { UsageError } from '../../core/errors.js';
import type { Catalogue } from '../../core/tasks/catalogue.js';
import { domains, type Task } from '../../core/tasks/model.js';
import { parseTaskFile } from '../../core/tasks/parse.js';
import { compileSchema, TaskFileError, type TaskFileProblem } from '../../core/yaml-file.js';

/**
 * Reads every tasks/<domain>/<id>.yaml once, validating each against the schema and the
 * semantic rules. Problems in any file are all reported together, with file:line:column.
 */
export async function loadCatalogue(root = packagePath('tasks')): Promise<Catalogue> {
  const schema = JSON.parse(await readFile(packagePath('schema', 'task.schema.json'), 'utf8')) as object;
  const validate = compileSchema(schema);
  const tasks: Task[] = [];
  const problems: TaskFileProblem[] = [];
  for (const domain of domains) {
    let files: string[];
    try {
      files = (await readdir(join(root, domain))).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
    } catch {
      continue;
    }
    for (const name of files) {
      const path = join(root, domain, name);
      const display = relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
      try {
        tasks.push(parseTaskFile(await readFile(path, 'utf8'), display, { id: name.replace(/\.ya?ml$/, ''), domain }, validate));
      } catch (error) {
        if (error instanceof TaskFileError) problems.push(...error.problems);
        else throw error;
      }
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
  return { tasks };
}

export function solutionPath(taskId: string): string {
  return packagePath('solutions', `${taskId}.sh`);
}
