import { describe, expect, it } from '@jest/globals';
import { gradedCluster, gradeRun, gradeRunExitCode, reachesPassMark, ungradableTask, unreachableCluster } from '../../../src/core/grading/run.js';
import type { Task } from '../../../src/core/tasks/model.js';
import { identity, sampleRun, taskReport } from './run-fixtures.js';

describe('reachesPassMark', () => {
  it('compares the exact ratio, not a rounded percentage', () => {
    expect(reachesPassMark(2, 3, 66)).toBe(true); // 66.67 %
    expect(reachesPassMark(2, 3, 66.7)).toBe(false);
    expect(reachesPassMark(66, 100, 66)).toBe(true);
    expect(reachesPassMark(65, 100, 66)).toBe(false);
  });

  it('needs every point at 100 %, and something to grade at any mark', () => {
    expect(reachesPassMark(9, 10, 100)).toBe(false);
    expect(reachesPassMark(10, 10, 100)).toBe(true);
    expect(reachesPassMark(0, 0, 0)).toBe(false);
  });
});

describe('gradedCluster', () => {
  it('totals the scores of its tasks and judges the total against the pass mark', () => {
    const cluster = gradedCluster(identity('a'), 'https://s', [taskReport('t1', [[3, 3], [2, 2]]), taskReport('t2', [[1, 1], [0, 3]])], 66, 10);
    expect(cluster).toMatchObject({ status: 'graded', score: 6, maxScore: 9, percent: 66.7, passed: true, tasksPassed: 1, error: null, hint: null, server: 'https://s' });
    expect(gradedCluster(identity('a'), 'https://s', cluster.tasks, 70, 10).passed).toBe(false);
  });

  it('calls a cluster with no task to grade empty, and not passed', () => {
    const cluster = gradedCluster(identity('a'), 'https://s', [], 0, 10);
    expect(cluster).toMatchObject({ status: 'empty', passed: false, score: 0, maxScore: 0, percent: 0 });
    expect(cluster.error).toContain('no task to grade');
  });
});

describe('ungradableTask', () => {
  it('reports every check unearned with the reason, so the task keeps its weight', () => {
    const task = { id: 'etcd-backup', title: 'Back up etcd', checks: [{ id: 'a', title: 'A', points: 1 }, { id: 'b', title: 'B', points: 3 }] } as unknown as Pick<Task, 'id' | 'title' | 'checks'>;
    const report = ungradableTask(task, 'needs etcd access', false, 'ctx', '2026-01-01T00:00:00.000Z');
    expect(report).toMatchObject({ task: 'etcd-backup', score: 0, maxScore: 4, percent: 0, passed: false, setUp: false, context: 'ctx' });
    expect(report.checks.map((c) => [c.id, c.points, c.maxPoints, c.error])).toEqual([['a', 0, 1, 'needs etcd access'], ['b', 0, 3, 'needs etcd access']]);
  });
});

describe('gradeRun', () => {
  it('counts passed, failed and unreachable clusters, and passes only when all pass', () => {
    const run = sampleRun();
    expect(run.summary).toEqual({ clusters: 3, passed: 1, failed: 1, unreachable: 1 });
    expect(run.passed).toBe(false);
    expect(run.clusters.map((c) => [c.name, c.status, c.passed])).toEqual([['alice', 'graded', true], ['bob', 'graded', false], ['carol', 'unreachable', false]]);
  });

  it('exits 3 when a cluster could not be graded, else 1 when one failed, else 0', () => {
    expect(gradeRunExitCode(sampleRun())).toBe(3);
    const alice = gradedCluster(identity('alice'), 's', [taskReport('t', [[2, 3]])], 66, 1);
    const bob = gradedCluster(identity('bob'), 's', [taskReport('t', [[1, 3]])], 66, 1);
    expect(gradeRunExitCode(gradeRun([alice, bob], 66, 'now', 1))).toBe(1);
    expect(gradeRunExitCode(gradeRun([alice], 66, 'now', 1))).toBe(0);
    expect(gradeRunExitCode(gradeRun([alice, unreachableCluster(identity('c'), 'down', undefined, 1)], 66, 'now', 1))).toBe(3);
  });

  it('does not pass an empty run', () => {
    expect(gradeRun([], 66, 'now', 0).passed).toBe(false);
  });
});
