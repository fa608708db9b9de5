import { describe, expect, it } from '@jest/globals';
import { gradedCluster, gradeRun } from '../../../src/core/grading/run.js';
import { scoreExam, weightedPercent, type ExamState } from '../../../src/core/exam/session.js';
import { identity, taskReport } from '../grading/run-fixtures.js';

describe('grading an exam code on a cluster', () => {
  // t1: 1 of 4 points, weight 80; t2: 3 of 3 points, weight 20.
  const reports = [taskReport('t1', [[1, 1], [0, 3]]), taskReport('t2', [[3, 3]])];
  const weights = new Map([['t1', 80], ['t2', 20]]);

  it('weighs tasks as the exam does, not by raw points', () => {
    const byPoints = gradedCluster(identity('alice'), 's', reports, 66, 1);
    expect(byPoints.percent).toBe(57.1); // 4 of 7 points
    const byWeight = gradedCluster(identity('alice'), 's', reports, 66, 1, weights);
    expect(byWeight).toMatchObject({ score: 4, maxScore: 7, percent: 40, passed: false }); // 80 × 1/4 + 20 × 3/3
    expect(gradedCluster(identity('alice'), 's', reports, 40, 1, weights).passed).toBe(true);
  });

  it('gives the same percent as the timed exam scores', () => {
    const state = {
      version: 1, id: 'e', code: 'C', seed: 1, durationMinutes: 120, notes: [], phase: 'finished', current: 0, startedAt: 0, deadline: 1, finishedAt: 1,
      target: { kubeconfigPaths: [], context: undefined, source: 'embedded', contextName: 'x' },
      tasks: [
        { id: 't1', title: 't1', domain: 'storage', weight: 80, setUp: true, visited: true, flagged: false },
        { id: 't2', title: 't2', domain: 'storage', weight: 20, setUp: true, visited: true, flagged: false },
      ],
    } satisfies ExamState;
    expect(scoreExam(state, reports).percent).toBe(gradedCluster(identity('a'), 's', reports, 66, 1, weights).percent);
    expect(weightedPercent([{ weight: 1, score: 0, maxScore: 0 }])).toBe(0);
  });

  it('names the exam and its weights in the run document', () => {
    const run = gradeRun([gradedCluster(identity('a'), 's', reports, 66, 1, weights)], 66, 'now', 1, { code: 'ABCDE-FGHJK', weights: { t1: 80, t2: 20 } });
    expect(run.exam).toEqual({ code: 'ABCDE-FGHJK', weights: { t1: 80, t2: 20 } });
    expect(gradeRun([], 66, 'now', 1).exam).toBeNull();
  });
});
