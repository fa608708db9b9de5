import type { CommandInput, ParsedOptions } from '../../cli/spec.js';
import { ExitCode, UsageError } from '../../core/errors.js';
import { formatGrade } from '../../core/format/grade.js';
import { formatRun, gradeRunFormats, type GradeRunFormat } from '../../core/format/grade-run.js';
import { gradeRunExitCode, reachesPassMark } from '../../core/grading/run.js';
import { findTask } from '../../core/tasks/catalogue.js';
import type { Task } from '../../core/tasks/model.js';
import type { ClusterSelection } from '../../services/cluster/target.js';
import { booleanOption, homeDir, labPaths, stringListOption, stringOption, wholeNumberOption } from '../context.js';
import { environmentFor } from './shared.js';

const examPassMark = 66;

/** --pass as a number of percent; without it 66 (the CKA pass mark), or 100 for one named task: solved or not. */
function passMarkOption(options: ParsedOptions, namedTasks: number): number {
  const text = stringOption(options, 'pass');
  if (text === undefined) return namedTasks === 1 ? 100 : examPassMark;
  const value = Number(text.replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) throw new UsageError(`--pass must be a percentage from 0 to 100; got '${text}'.`);
  return value;
}

/** The tasks and weights an exam code names, drawn as 'cka-lab exam --code' draws them. */
async function examTasks(text: string, catalogue: readonly Task[], io: CommandInput['io']): Promise<{ code: string; tasks: Task[]; weights: Map<string, number> }> {
  const { formatExamCode, parseExamCode } = await import('../../core/exam/code.js');
  const { drawExamByCode } = await import('../../core/exam/draw.js');
  const code = parseExamCode(text);
  const { draw, sameCatalogue } = drawExamByCode(code, catalogue);
  if (!sameCatalogue) io.stderr.write(`${io.errStyle.yellow('warning:')} exam ${text} was drawn from another version of the task catalogue; the tasks graded may differ from the ones it named.\n`);
  return { code: formatExamCode(code), tasks: draw.tasks.map((t) => t.task), weights: new Map(draw.tasks.map((t) => [t.task.id, t.weight])) };
}

function isRunFormat(value: string): value is GradeRunFormat {
  return (gradeRunFormats as readonly string[]).includes(value);
}

export async function run({ args, options, io }: CommandInput): Promise<ExitCode> {
  const { loadCatalogue } = await import('../../services/tasks/catalogue.js');
  const catalogue = await loadCatalogue();
  const examCode = stringOption(options, 'exam');
  if (examCode !== undefined && args.length > 0) throw new UsageError('Give either task ids or --exam <code>, not both: the code names its tasks.');
  const exam = examCode === undefined ? undefined : await examTasks(examCode, catalogue.tasks, io);
  const tasks: Task[] = exam?.tasks ?? [...new Set(args)].map((id) => findTask(catalogue, id));
  const passMark = passMarkOption(options, exam === undefined ? tasks.length : 0);
  const concurrency = wholeNumberOption(options, 'concurrency', 256) ?? 8;
  const selection: ClusterSelection = {
    kubeconfigs: stringListOption(options, 'kubeconfig'),
    kubeconfigDirs: stringListOption(options, 'kubeconfig-dir'),
    contexts: stringListOption(options, 'context'),
    allContexts: booleanOption(options, 'all-contexts'),
  };
  const { resolveTargets, selectsSeveralClusters } = await import('../../services/cluster/target.js');
  const several = await selectsSeveralClusters(selection);
  const output = stringOption(options, 'output') ?? (several ? 'table' : 'text');
  if (!isRunFormat(output)) throw new UsageError(`--output must be one of ${gradeRunFormats.join(', ')}; got '${output}'.`);

  const [only] = tasks;
  if (exam === undefined && !several && tasks.length === 1 && only !== undefined && (output === 'json' || output === 'text')) {
    // One task on one cluster: the task's own report, the object `grade <task> -o json` has always printed.
    const { renderTask } = await import('../../services/tasks/environment.js');
    const { gradeTask } = await import('../../services/tasks/grade.js');
    const environment = await environmentFor(options, io);
    const report = await gradeTask(environment, renderTask(only, environment.values));
    io.stdout.write(output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatGrade(report, io.style));
    return reachesPassMark(report.score, report.maxScore, passMark) ? ExitCode.ok : ExitCode.failed;
  }

  const targets = await resolveTargets(selection, io.env, labPaths(io), homeDir(io));
  const { gradeClusters } = await import('../../services/tasks/grade-clusters.js');
  const embeddedOnly = targets.length === 1 && targets[0]?.target.source === 'embedded';
  const progress = targets.length > 1 && io.errIsTTY ? (await import('../../adapters/ui/progress.js')).startProgress(io, `Grading ${targets.length} clusters, ${concurrency} at a time`) : undefined;
  let done = 0;
  const result = await gradeClusters({
    targets,
    selection: exam !== undefined ? { kind: 'exam', code: exam.code, tasks, weights: exam.weights } : tasks.length > 0 ? { kind: 'named', tasks } : { kind: 'set-up', catalogue: catalogue.tasks },
    passMark,
    concurrency,
    paths: labPaths(io),
    env: io.env,
    // No cluster chosen at all: the embedded one, started when it is not running, as for every task command.
    ...(embeddedOnly ? { open: () => environmentFor(options, io) } : {}),
    onCluster: () => progress?.detail(`${++done} of ${targets.length} done`),
  });
  progress?.succeed(`Graded ${targets.length} clusters in ${(result.durationMs / 1000).toFixed(1)} s`);
  io.stdout.write(formatRun(result, output, io.style));
  return gradeRunExitCode(result);
}
