import type { CommandInput } from '../../cli/spec.js';
import { ExitCode } from '../../core/errors.js';
import { formatGrade } from '../../core/format/grade.js';
import { renderTask } from '../../services/tasks/environment.js';
import { gradeTask } from '../../services/tasks/grade.js';
import { stringOption } from '../context.js';
import { environmentFor, taskFromArgs } from './shared.js';

export async function run({ args, options, io }: CommandInput): Promise<ExitCode> {
  const task = await taskFromArgs(args);
  const environment = await environmentFor(options, io);
  const report = await gradeTask(environment, renderTask(task, environment.values));
  if (stringOption(options, 'output') === 'json') io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout.write(formatGrade(report, io.style));
  return report.passed ? ExitCode.ok : ExitCode.failed;
}
