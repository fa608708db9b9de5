import type { CommandInput } from '../../cli/spec.js';
import { CliError, UsageError } from '../../core/errors.js';
import { domainTitles } from '../../core/tasks/model.js';
import { placeholderValues, renderTemplate, type TemplateValues } from '../../core/tasks/template.js';
import { environmentFor, taskFromArgs } from './shared.js';
import type { CommandInput as Input } from '../../cli/spec.js';

/** Template values for the target cluster, or placeholders (and a note) when it is unreachable. */
export async function valuesOrPlaceholders(options: Input['options'], io: Input['io']): Promise<{ values: TemplateValues; note: string | undefined }> {
  try {
    return { values: (await environmentFor(options, io, false)).values, note: undefined };
  } catch (error) {
    // Only a cluster that cannot be reached is worth placeholders; bad usage is still an error.
    if (!(error instanceof CliError) || error instanceof UsageError) throw error;
    return { values: placeholderValues, note: `No cluster reachable (${error.message.replace(/\.$/, '')}); names in <angle brackets> are filled in once one is.` };
  }
}

export async function run({ args, options, io }: CommandInput): Promise<void> {
  const task = await taskFromArgs(args);
  const { values, note } = await valuesOrPlaceholders(options, io);
  const s = io.style;
  const lines = [
    `${s.bold(task.title)} ${s.dim(`(${task.id})`)}`,
    s.dim(`${domainTitles[task.domain]} · weight ${task.weight}% · ${task.difficulty} · about ${task.minutes} min · ${task.checks.reduce((n, c) => n + c.points, 0)} points in ${task.checks.length} checks`),
    '',
    renderTemplate(task.prompt, values).trimEnd(),
  ];
  if (task.docs.length > 0) lines.push('', s.bold('Docs:'), ...task.docs.map((d) => `  ${d}`));
  if (note !== undefined) lines.push('', s.yellow(note));
  lines.push('', s.dim(`Set it up with: cka-lab setup ${task.id}`));
  io.stdout.write(`${lines.join('\n')}\n`);
}
