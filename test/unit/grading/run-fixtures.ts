import type { CheckResult } from '../../../src/core/grading/checks.js';
import { gradedCluster, gradeRun, unreachableCluster, type ClusterResult, type GradeRun, type TaskReport } from '../../../src/core/grading/run.js';

/** A task report whose checks earned the given points of the given maxima. */
export function taskReport(task: string, checks: ReadonlyArray<readonly [earned: number, max: number]>, extra: Partial<CheckResult> = {}): TaskReport {
  const results: CheckResult[] = checks.map(([earned, max], i) => ({
    id: `check-${i + 1}`,
    name: `${task} check ${i + 1}`,
    passed: earned === max,
    points: earned,
    maxPoints: max,
    message: earned === max ? 'as expected' : `expected 3 replicas, found 1 <in> "${task}" & more`,
    ...(earned === max ? {} : extra),
  }));
  const score = results.reduce((s, r) => s + r.points, 0);
  const maxScore = results.reduce((s, r) => s + r.maxPoints, 0);
  return { task, title: `Title of ${task}`, score, maxScore, percent: Math.round((score / maxScore) * 1000) / 10, passed: results.every((r) => r.passed), checks: results, setUp: true, context: 'ctx', gradedAt: '2026-05-01T10:00:00.000Z' };
}

export const identity = (name: string, context: string | null = name): { name: string; kubeconfig: string[]; context: string | null } => ({ name, kubeconfig: [`/kc/${name}`], context });

/** Three clusters: one passes (6/9 on a 66 % mark), one fails (2/9), one unreachable. */
export function sampleRun(passMark = 66): GradeRun {
  const alice = gradedCluster(identity('alice'), 'https://127.0.0.1:6443', [taskReport('sched-node-selector', [[3, 3], [2, 2]]), taskReport('etcd-backup', [[1, 1], [0, 3]])], passMark, 120);
  const bob = gradedCluster(identity('bob'), 'https://127.0.0.1:6443', [taskReport('sched-node-selector', [[0, 3], [2, 2]]), taskReport('etcd-backup', [[0, 1], [0, 3]], { error: 'GET /api: 500 boom' })], passMark, 95);
  const carol: ClusterResult = unreachableCluster(identity('carol'), "Cannot reach the Kubernetes API server at https://127.0.0.1:1 (context 'carol'): connect ECONNREFUSED 127.0.0.1:1.", 'Check that the cluster is running.', 3);
  return gradeRun([alice, bob, carol], passMark, '2026-05-01T10:00:00.000Z', 130);
}
