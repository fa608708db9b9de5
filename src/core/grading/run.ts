import { ExitCode } from '../errors.js';
import { weightedPercent } from '../exam/session.js';
import type { Task } from '../tasks/model.js';
import type { TaskGrade } from './checks.js';

/** One task graded on one cluster: the object `grade <task> -o json` prints. */
export interface TaskReport extends TaskGrade {
  readonly title: string;
  /** False when setup never ran on this cluster (or the record is unreadable). */
  readonly setUp: boolean;
  readonly context: string;
  readonly gradedAt: string;
}

/**
 * How a cluster came out: `graded` (its tasks were graded, passed or not), `empty` (reachable, but
 * no task to grade: none named and none set up), `unreachable` (no kubeconfig, unknown context,
 * the API server did not answer or refused the credentials).
 */
export type ClusterStatus = 'graded' | 'empty' | 'unreachable';

/** Which cluster: where its kubeconfig came from and which context in it. */
export interface ClusterIdentity {
  /** Unique within a run: the context name, or file/context when the clusters come from several files. */
  readonly name: string;
  readonly kubeconfig: readonly string[];
  /** The context asked for, else the kubeconfig's current one; null when it could not be read. */
  readonly context: string | null;
}

/** Every field is present whatever the status (null or empty when it does not apply), so scripts need no guards. */
export interface ClusterResult extends ClusterIdentity {
  readonly status: ClusterStatus;
  readonly server: string | null;
  /** Why the cluster could not be graded (unreachable) or had nothing to grade (empty); null when graded. */
  readonly error: string | null;
  readonly hint: string | null;
  readonly score: number;
  readonly maxScore: number;
  /** score / maxScore, as a percentage rounded to one decimal. */
  readonly percent: number;
  /** Graded, and the score reaches the pass mark. */
  readonly passed: boolean;
  readonly tasksPassed: number;
  readonly durationMs: number;
  readonly tasks: readonly TaskReport[];
}

export interface GradeRunSummary {
  readonly clusters: number;
  readonly passed: number;
  /** Graded below the pass mark, or with nothing to grade. */
  readonly failed: number;
  readonly unreachable: number;
}

/** The result of grading tasks on one or more clusters: the `grade -o json` document for several. */
export interface GradeRun {
  readonly kind: 'GradeRun';
  readonly version: 1;
  /** Set when an exam code was graded: its code and each task's weight; cluster percents are then weighted. */
  readonly exam: { readonly code: string; readonly weights: Readonly<Record<string, number>> } | null;
  /** The pass mark, in percent of the total score over the graded tasks, applied per cluster. */
  readonly passMark: number;
  /** Every cluster passed. */
  readonly passed: boolean;
  readonly gradedAt: string;
  readonly durationMs: number;
  readonly summary: GradeRunSummary;
  readonly clusters: readonly ClusterResult[];
}

/**
 * A task this cluster cannot grade (it lacks a capability the task needs): every check unearned,
 * with the reason as each check's error, so the task still counts its full weight in the total.
 */
export function ungradableTask(task: Pick<Task, 'id' | 'title' | 'checks'>, reason: string, setUp: boolean, context: string, gradedAt: string): TaskReport {
  const checks = task.checks.map((c) => ({ id: c.id, name: c.title, passed: false, points: 0, maxPoints: c.points, message: `Could not check: ${reason}`, error: reason }));
  const maxScore = checks.reduce((sum, c) => sum + c.maxPoints, 0);
  return { task: task.id, title: task.title, score: 0, maxScore, percent: 0, passed: false, checks, setUp, context, gradedAt };
}

export function roundPercent(score: number, maxScore: number): number {
  return maxScore === 0 ? 0 : Math.round((score / maxScore) * 1000) / 10;
}

/** Whether a score reaches a pass mark, compared exactly (66.67 % passes 66.7 only if it reaches it). */
export function reachesPassMark(score: number, maxScore: number, passMark: number): boolean {
  return maxScore > 0 && score * 100 >= passMark * maxScore;
}

/** A cluster whose tasks were graded: totals over its tasks, judged against the pass mark. */
export function gradedCluster(identity: ClusterIdentity, server: string, tasks: readonly TaskReport[], passMark: number, durationMs: number, weights?: ReadonlyMap<string, number>): ClusterResult {
  const score = tasks.reduce((sum, t) => sum + t.score, 0);
  const maxScore = tasks.reduce((sum, t) => sum + t.maxScore, 0);
  const empty = tasks.length === 0;
  // An exam weighs its tasks as the exam does (weight × share of points), not by raw points.
  const exact = weights === undefined ? undefined : weightedPercent(tasks.map((t) => ({ weight: weights.get(t.task) ?? 0, score: t.score, maxScore: t.maxScore })));
  return {
    ...identity,
    status: empty ? 'empty' : 'graded',
    server,
    error: empty ? 'no task to grade: none was named and none is set up on this cluster' : null,
    hint: empty ? "Name the tasks to grade, or set them up first with 'cka-lab setup <task>'." : null,
    score,
    maxScore,
    percent: exact === undefined ? roundPercent(score, maxScore) : Math.round(exact * 10) / 10,
    passed: exact === undefined ? reachesPassMark(score, maxScore, passMark) : !empty && exact >= passMark,
    tasksPassed: tasks.filter((t) => t.passed).length,
    durationMs,
    tasks,
  };
}

export function unreachableCluster(identity: ClusterIdentity, reason: string, hint: string | undefined, durationMs: number): ClusterResult {
  return { ...identity, status: 'unreachable', server: null, error: reason, hint: hint ?? null, score: 0, maxScore: 0, percent: 0, passed: false, tasksPassed: 0, durationMs, tasks: [] };
}

export function gradeRun(clusters: readonly ClusterResult[], passMark: number, gradedAt: string, durationMs: number, exam: GradeRun['exam'] = null): GradeRun {
  const unreachable = clusters.filter((c) => c.status === 'unreachable').length;
  const passed = clusters.filter((c) => c.passed).length;
  return {
    kind: 'GradeRun',
    version: 1,
    exam,
    passMark,
    passed: clusters.length > 0 && passed === clusters.length,
    gradedAt,
    durationMs,
    summary: { clusters: clusters.length, passed, failed: clusters.length - passed - unreachable, unreachable },
    clusters,
  };
}

/** 0 when every cluster passed; 3 when any could not be graded (the run is incomplete); else 1. */
export function gradeRunExitCode(run: GradeRun): ExitCode {
  if (run.summary.unreachable > 0) return ExitCode.clusterUnavailable;
  return run.passed ? ExitCode.ok : ExitCode.failed;
}
