import { readFile } from 'node:fs/promises';
import type { CommandInput } from '../../cli/spec.js';
import { BugError } from '../../core/errors.js';
import { renderSolution } from '../../core/tasks/template.js';
import { solutionPath } from '../../services/tasks/catalogue.js';
import { taskFromArgs } from './shared.js';
import { valuesOrPlaceholders } from './show.js';

export async function run({ args, options, io }: CommandInput): Promise<void> {
  const task = await taskFromArgs(args);
  let script: string;
  try {
    script = await readFile(solutionPath(task.id), 'utf8');
  } catch (error) {
    throw new BugError(`task ${task.id} has no reference solution at solutions/${task.id}.sh`, { cause: error });
  }
  const { values, note } = await valuesOrPlaceholders(options, io);
  const body = renderSolution(script, values);
  io.stdout.write(`${io.style.dim(`# Reference solution for ${task.id}; any other way that reaches the same end state passes too.`)}\n${body.trimEnd()}\n`);
  if (task.hints.length > 0) io.stdout.write(`\n${io.style.dim(task.hints.map((h) => `# hint: ${h}`).join('\n'))}\n`);
  if (note !== undefined) io.stderr.write(`${io.errStyle.yellow(note)}\n`);
}
