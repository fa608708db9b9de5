import { gradeChecks, type TaskGrade } from '../../core/grading/checks.js';
import type { Task } from '../../core/tasks/model.js';
import { readTaskRecords } from './cluster-state.js';
import { createClusterReader, requireCapabilities, type TaskEnvironment } from './environment.js';

export interface GradeReport extends TaskGrade {
  readonly title: string;
  /** False when setup never ran on this cluster (or the record is unreadable): say so. */
  readonly setUp: boolean;
  readonly context: string;
  readonly gradedAt: string;
}

/** Grades the end state of a task on the environment's cluster: reads only, never writes. */
export async function gradeTask(environment: TaskEnvironment, task: Task): Promise<GradeReport> {
  requireCapabilities(task, environment.profile);
  const [grade, records] = await Promise.all([
    gradeChecks(task.id, task.checks, createClusterReader(environment)),
    readTaskRecords(environment.clients.kc),
  ]);
  return { ...grade, title: task.title, setUp: records[task.id] !== undefined, context: environment.profile.contextName, gradedAt: new Date().toISOString() };
}
