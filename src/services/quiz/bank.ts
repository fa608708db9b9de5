import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { packagePath } from '../../adapters/store/package-files.js';
import { UsageError } from '../../core/errors.js';
import { parseQuizFile, type QuizQuestion } from '../../core/quiz/model.js';
import { domains } from '../../core/tasks/model.js';
import { compileSchema, TaskFileError, type TaskFileProblem } from '../../core/yaml-file.js';

/** Every question of tasks/quiz/<domain>.yaml, validated; problems reported with file:line:column. */
export async function loadQuizBank(root = packagePath('tasks', 'quiz')): Promise<QuizQuestion[]> {
  const validate = compileSchema(JSON.parse(await readFile(packagePath('schema', 'quiz.schema.json'), 'utf8')) as object);
  const files = new Set(await readdir(root).catch(() => [] as string[]));
  const questions: QuizQuestion[] = [];
  const problems: TaskFileProblem[] = [];
  for (const domain of domains) {
    if (!files.has(`${domain}.yaml`)) continue;
    const file = join(root, `${domain}.yaml`);
    try {
      questions.push(...parseQuizFile(await readFile(file, 'utf8'), file, domain, validate));
    } catch (error) {
      if (error instanceof TaskFileError) problems.push(...error.problems);
      else throw error;
    }
  }
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.id)) problems.push({ file: root, line: 1, column: 1, message: `question id '${q.id}' is used twice` });
    seen.add(q.id);
  }
  if (problems.length > 0) {
    throw new UsageError(`The quiz bank has ${problems.length} problem(s):\n${problems.slice(0, 20).map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`);
  }
  return questions;
}
