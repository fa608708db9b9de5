import { errorMessage } from '../../core/errors.js';
import { gradeChecks } from '../../core/grading/checks.js';
import { ungradableTask, type TaskReport } from '../../core/grading/run.js';
import type { ClusterReader } from '../../core/grading/reader.js';
import type { Task } from '../../core/tasks/model.js';
import { readTaskRecords, type TaskRecord } from './cluster-state.js';
import { createClusterReader, renderTask, requireCapabilities, type TaskEnvironment } from './environment.js';

export type GradeReport = TaskReport;

/** Grades the end state of a task on the environment's cluster: reads only, never writes. */
export async function gradeTask(environment: TaskEnvironment, task: Task): Promise<GradeReport> {
  requireCapabilities(task, environment.profile);
  const [grade, records] = await Promise.all([
    gradeChecks(task.id, task.checks, createClusterReader(environment)),
    readTaskRecords(environment.clients.kc),
  ]);
  return { ...grade, title: task.title, setUp: records[task.id] !== undefined, context: environment.profile.contextName, gradedAt: new Date().toISOString() };
}

/**
 * Grades several catalogue tasks (rendered here for this cluster) at once, through one reader so
 * the lists they share are read once. A task the cluster cannot run is reported with every check
 * unearned and the reason, and the others are still graded.
 */
export async function gradeTasks(
  environment: TaskEnvironment,
  tasks: readonly Task[],
  known: { records?: Readonly<Record<string, TaskRecord>>; reader?: ClusterReader } = {},
): Promise<GradeReport[]> {
  const reader = known.reader ?? createClusterReader(environment);
  const records = known.records ?? (await readTaskRecords(environment.clients.kc));
  const context = environment.profile.contextName;
  return Promise.all(
    tasks.map(async (task) => {
      const setUp = records[task.id] !== undefined;
      try {
        requireCapabilities(task, environment.profile);
      } catch (error) {
        return ungradableTask(task, errorMessage(error), setUp, context, new Date().toISOString());
      }
      const rendered = renderTask(task, environment.values);
      const grade = await gradeChecks(rendered.id, rendered.checks, reader);
      return { ...grade, title: rendered.title, setUp, context, gradedAt: new Date().toISOString() };
    }),
  );
}
