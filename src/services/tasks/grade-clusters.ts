import { performance } from 'node:perf_hooks';
import { CliError, errorMessage } from '../../core/errors.js';
import { mapBounded } from '../../core/grading/bounded.js';
import { gradedCluster, gradeRun, unreachableCluster, type ClusterIdentity, type ClusterResult, type GradeRun } from '../../core/grading/run.js';
import type { LabPaths } from '../../core/paths.js';
import type { Task } from '../../core/tasks/model.js';
import type { NamedTarget } from '../cluster/target.js';
import { readTaskRecords } from './cluster-state.js';
import { openTaskEnvironment, type TaskEnvironment } from './environment.js';
import { gradeTasks } from './grade.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Which tasks each cluster is graded on: the same named ones everywhere, or what is set up on each. */
export type TaskSelection =
  | { readonly kind: 'named'; readonly tasks: readonly Task[] }
  | { readonly kind: 'exam'; readonly code: string; readonly tasks: readonly Task[]; readonly weights: ReadonlyMap<string, number> }
  | { readonly kind: 'set-up'; readonly catalogue: readonly Task[] };

export interface GradeClustersRequest {
  readonly targets: readonly NamedTarget[];
  readonly selection: TaskSelection;
  /** Percent of the total score over a cluster's graded tasks that it needs to pass. */
  readonly passMark: number;
  /** How many clusters are graded at once. */
  readonly concurrency: number;
  readonly paths: LabPaths;
  readonly env: Env;
  /** Opens a cluster; by default without starting anything (the command may start the embedded one). */
  readonly open?: (target: NamedTarget) => Promise<TaskEnvironment>;
  /** Called as each cluster is done, in completion order (e.g. for progress). */
  readonly onCluster?: (result: ClusterResult) => void;
}

function identityOf(target: NamedTarget): ClusterIdentity {
  return { name: target.name, kubeconfig: target.kubeconfig, context: target.context };
}

async function gradeOne(target: NamedTarget, request: GradeClustersRequest): Promise<ClusterResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (target.problem !== undefined) return unreachableCluster(identityOf(target), target.problem.message, target.problem.hint, elapsed());
  const open = request.open ?? ((t: NamedTarget) => openTaskEnvironment(t.target, request.paths, request.env));
  try {
    const environment = await open(target);
    const records = await readTaskRecords(environment.clients.kc);
    const { selection } = request;
    const tasks = selection.kind === 'set-up' ? selection.catalogue.filter((t) => records[t.id] !== undefined) : selection.tasks;
    const reports = await gradeTasks(environment, tasks, { records });
    const identity = { ...identityOf(target), context: environment.profile.contextName };
    return gradedCluster(identity, environment.profile.server, reports, request.passMark, elapsed(), selection.kind === 'exam' ? selection.weights : undefined);
  } catch (error) {
    // Whatever stops one cluster (no file, unknown context, no answer, refused credentials) is its result; the others go on.
    return unreachableCluster(identityOf(target), errorMessage(error), error instanceof CliError ? error.hint : undefined, elapsed());
  }
}

/**
 * Grades tasks on several clusters, at most `concurrency` at once, each cluster independently:
 * one that cannot be reached is reported with the reason while the others are graded. Reads
 * only, never writes. Clusters come back in the order of `targets`.
 */
export async function gradeClusters(request: GradeClustersRequest): Promise<GradeRun> {
  const started = performance.now();
  const gradedAt = new Date().toISOString();
  const clusters = await mapBounded(request.targets, request.concurrency, async (target) => {
    const result = await gradeOne(target, request);
    request.onCluster?.(result);
    return result;
  });
  const { selection } = request;
  const exam = selection.kind === 'exam' ? { code: selection.code, weights: Object.fromEntries(selection.weights) } : null;
  return gradeRun(clusters, request.passMark, gradedAt, Math.round(performance.now() - started), exam);
}
