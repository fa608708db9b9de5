import type { CommandInput } from '../cli/spec.js';
import { parseExamCode } from '../core/exam/code.js';
import { drawExamByCode } from '../core/exam/draw.js';
import { formatExamSheet } from '../core/format/exam.js';
import { renderTemplate } from '../core/tasks/template.js';
import { loadCatalogue } from '../services/tasks/catalogue.js';
import { valuesOrPlaceholders } from './tasks/show.js';

/** `exam sheet <code>`: the tasks of an exam code as Markdown, filled in for the cluster in use. */
export async function run({ args, options, io }: CommandInput): Promise<void> {
  const text = args[0] ?? '';
  const code = parseExamCode(text);
  const catalogue = await loadCatalogue();
  const { draw, sameCatalogue } = drawExamByCode(code, catalogue.tasks);
  const { values, note } = await valuesOrPlaceholders(options, io);
  const notes = [...draw.notes];
  if (!sameCatalogue) notes.push(`This code was made with another version of the task catalogue: these tasks may differ from the ones it was made for.`);
  const tasks = draw.tasks.map(({ task, weight }) => ({ id: task.id, title: task.title, domain: task.domain, weight, minutes: task.minutes, prompt: renderTemplate(task.prompt, values) }));
  io.stdout.write(formatExamSheet(text.trim().toUpperCase(), tasks, notes, note));
}
