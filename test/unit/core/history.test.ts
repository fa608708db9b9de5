import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyStats, weakestTasks, type HistoryEntry } from '../../../src/core/history.js';
import { readHistory, recordHistory } from '../../../src/adapters/store/history.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('historyStats', () => {
  it('sums quiz answers and task points per domain and ranks the checks failed most', () => {
    const entries: HistoryEntry[] = [
      { kind: 'quiz', at: 't', seed: 1, domain: null, total: 4, correct: 3, percent: 75, byDomain: [{ domain: 'storage', correct: 1, total: 2 }, { domain: 'troubleshooting', correct: 2, total: 2 }], wrong: [] },
      { kind: 'drill', at: 't', task: 'etcd-backup', domain: 'cluster-architecture', score: 1, maxScore: 4, passed: false, failedChecks: ['snapshot-valid'], seconds: 60 },
      { kind: 'drill', at: 't', task: 'etcd-backup', domain: 'cluster-architecture', score: 4, maxScore: 4, passed: true, failedChecks: [], seconds: 60 },
      { kind: 'drill', at: 't', task: 'drain-node', domain: 'cluster-architecture', score: 3, maxScore: 5, passed: false, failedChecks: ['node-cordoned', 'shop-moved-off'], seconds: 60 },
      { kind: 'exam', at: 't', percent: 50, passed: false, byDomain: [{ domain: 'storage', score: 1, maxScore: 2 }], failedChecks: [{ task: 'drain-node', check: 'node-cordoned' }] },
    ];
    const stats = historyStats(entries);
    expect(stats.byDomain.find((d) => d.domain === 'storage')).toEqual({ domain: 'storage', quizPercent: 50, taskPercent: 50 });
    expect(stats.byDomain.find((d) => d.domain === 'cluster-architecture')).toEqual({ domain: 'cluster-architecture', quizPercent: undefined, taskPercent: 62 });
    expect(stats.weakestChecks[0]).toEqual({ task: 'drain-node', check: 'node-cordoned', failures: 2 });
  });
});

describe('history files', () => {
  it('are written atomically and read back; a corrupt one is reported and skipped', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cka-lab-history-'));
    await recordHistory(dir, 'quiz', { total: 1 }, new Date('2026-01-01T00:00:00Z'));
    await writeFile(join(dir, 'history', '2026-01-02-quiz.json'), '{"kind": "quiz", "tot');
    const read = await readHistory(dir);
    expect(read.entries).toEqual([{ kind: 'quiz', at: '2026-01-01T00:00:00.000Z', total: 1 }]);
    expect(read.skipped).toHaveLength(1);
    expect(read.skipped[0]?.file).toContain('2026-01-02-quiz.json');
  });
});

describe('weakestTasks', () => {
  it('orders tasks by their failed checks and ignores unknown tasks', () => {
    const stats = historyStats([
      { kind: 'drill', at: 't', task: 'a', domain: 'storage', score: 0, maxScore: 2, passed: false, failedChecks: ['x'], seconds: 1 },
      { kind: 'drill', at: 't', task: 'b', domain: 'storage', score: 0, maxScore: 2, passed: false, failedChecks: ['x', 'y'], seconds: 1 },
      { kind: 'drill', at: 't', task: 'gone', domain: 'storage', score: 0, maxScore: 2, passed: false, failedChecks: ['x', 'y', 'z'], seconds: 1 },
    ]);
    expect(weakestTasks(stats, ['a', 'b', 'c'])).toEqual(['b', 'a']);
    expect(weakestTasks(historyStats([]), ['a'])).toEqual([]);
  });
});
