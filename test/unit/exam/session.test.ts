import { describe, expect, it } from '@jest/globals';
import { applyExamAction, formatClock, remainingMs, scoreExam, taskStatus, warningLevel, type ExamState } from '../../../src/core/exam/session.js';
import { formatExamResult, formatTaskCard, taskListLine } from '../../../src/core/format/exam.js';
import { styleFor, stripAnsi } from '../../../src/core/style.js';

const plain = styleFor(false);

const exam = (): ExamState => ({
  version: 1, id: 'exam-1', code: 'ABCDE-12345', seed: 1, durationMinutes: 120, notes: [], phase: 'setting-up', current: 0,
  target: { kubeconfigPaths: ['/k'], context: 'cka-lab', source: 'embedded', contextName: 'cka-lab' },
  tasks: [
    { id: 'a', title: 'Task A', domain: 'troubleshooting', weight: 50, setUp: false, visited: false, flagged: false },
    { id: 'b', title: 'Task B', domain: 'storage', weight: 30, setUp: false, visited: false, flagged: false },
    { id: 'c', title: 'Task C', domain: 'storage', weight: 20, setUp: false, visited: false, flagged: false },
  ],
});

const started = (now = 1_000_000): ExamState => {
  let s = exam();
  for (const id of ['a', 'b', 'c']) s = applyExamAction(s, { type: 'task-set-up', id });
  return applyExamAction(s, { type: 'start', now });
};

describe('exam state transitions', () => {
  it('starts the wall-clock deadline when the exam starts, on the first task', () => {
    const s = started(1_000_000);
    expect(s).toMatchObject({ phase: 'running', startedAt: 1_000_000, deadline: 1_000_000 + 120 * 60_000, current: 0 });
    expect(s.tasks.map((t) => t.setUp)).toEqual([true, true, true]);
    expect(taskStatus(s.tasks[0]!)).toBe('visited');
    expect(taskStatus(s.tasks[1]!)).toBe('not visited');
  });

  it('moves next, previous and jumps within bounds, marking tasks visited', () => {
    let s = started();
    s = applyExamAction(s, { type: 'previous' });
    expect(s.current).toBe(0);
    s = applyExamAction(applyExamAction(applyExamAction(s, { type: 'next' }), { type: 'next' }), { type: 'next' });
    expect(s.current).toBe(2);
    s = applyExamAction(s, { type: 'jump', index: 1 });
    expect(s.current).toBe(1);
    expect(s.tasks.every((t) => t.visited)).toBe(true);
  });

  it('flags and unflags the current task only', () => {
    let s = applyExamAction(started(), { type: 'jump', index: 2 });
    s = applyExamAction(s, { type: 'toggle-flag' });
    expect(s.tasks.map((t) => t.flagged)).toEqual([false, false, true]);
    expect(taskStatus(s.tasks[2]!)).toBe('flagged');
    s = applyExamAction(s, { type: 'toggle-flag' });
    expect(s.tasks[2]!.flagged).toBe(false);
  });

  it('leaves the input alone', () => {
    const s = started();
    const copy = JSON.stringify(s);
    applyExamAction(s, { type: 'next' });
    applyExamAction(s, { type: 'toggle-flag' });
    expect(JSON.stringify(s)).toBe(copy);
  });

  it('counts time left from the wall clock, and stops counting once finished', () => {
    const s = started(0);
    expect(remainingMs(exam(), 5)).toBe(120 * 60_000);
    expect(remainingMs(s, 60_000)).toBe(119 * 60_000);
    expect(remainingMs(s, 999 * 60_000)).toBe(0);
    const done = applyExamAction(s, { type: 'finish', now: 30 * 60_000 });
    expect(remainingMs(done, 100 * 60_000)).toBe(90 * 60_000);
    expect(applyExamAction(done, { type: 'next' })).toBe(done);
  });

  it('caps the finish time at the deadline (graded late after a crash)', () => {
    const done = applyExamAction(started(0), { type: 'finish', now: 500 * 60_000 });
    expect(done.finishedAt).toBe(120 * 60_000);
  });
});

describe('the clock', () => {
  it('warns at 30, 15 and 5 minutes', () => {
    expect(warningLevel(31 * 60_000)).toBeUndefined();
    expect(warningLevel(30 * 60_000)).toBe(30);
    expect(warningLevel(16 * 60_000)).toBe(30);
    expect(warningLevel(15 * 60_000 - 1)).toBe(15);
    expect(warningLevel(4 * 60_000)).toBe(5);
    expect(warningLevel(0)).toBeUndefined();
  });

  it('warns only at the marks it is given (a 20-minute exam starts without the 30-minute warning)', () => {
    expect(warningLevel(20 * 60_000, [15, 5])).toBeUndefined();
    expect(warningLevel(10 * 60_000, [15, 5])).toBe(15);
  });

  it('shows h:mm:ss and reaches 0:00:00 only when time is up', () => {
    expect(formatClock(2 * 3600_000)).toBe('2:00:00');
    expect(formatClock(61_500)).toBe('0:01:02');
    expect(formatClock(1)).toBe('0:00:01');
    expect(formatClock(0)).toBe('0:00:00');
  });
});

describe('scoreExam', () => {
  it('gives partial credit by weight and applies the 66% pass mark', () => {
    const s = applyExamAction(started(0), { type: 'finish', now: 45 * 60_000 });
    const score = scoreExam(s, [{ task: 'a', score: 4, maxScore: 4 }, { task: 'b', score: 1, maxScore: 2 }, { task: 'c', score: 0, maxScore: 5 }]);
    expect(score.percent).toBe(65);
    expect(score.passed).toBe(false);
    expect(score.timeUsedMs).toBe(45 * 60_000);
    expect(score.byDomain).toEqual([{ domain: 'storage', weight: 50, earned: 15 }, { domain: 'troubleshooting', weight: 50, earned: 50 }]);
    const better = scoreExam(s, [{ task: 'a', score: 4, maxScore: 4 }, { task: 'b', score: 2, maxScore: 2 }, { task: 'c', score: 0, maxScore: 5 }]);
    expect(better).toMatchObject({ percent: 80, passed: true });
  });

  it('counts a task that could not be graded as zero', () => {
    const score = scoreExam(started(0), [{ task: 'a', score: 4, maxScore: 4 }]);
    expect(score.percent).toBe(50);
    expect(score.tasks.map((t) => t.earned)).toEqual([50, 0, 0]);
  });
});

describe('exam formatting', () => {
  it('shows the task card with position, domain, weight, flag and where to work', () => {
    const s = applyExamAction(applyExamAction(started(), { type: 'next' }), { type: 'toggle-flag' });
    const card = formatTaskCard(s, 'Do the thing.', plain, 'Work in another terminal: eval "$(cka-lab cluster env)"');
    expect(card).toContain('Task 2 of 3 · Storage · weight 30%  ⚑ flagged');
    expect(card).toContain('Do the thing.');
    expect(card).toContain('cka-lab cluster env');
    expect(stripAnsi(taskListLine(s, 1, plain))).toBe(' 2. Task B (30%)  ⚑ flagged ◀ current');
    expect(taskListLine(s, 2, plain)).toBe(' 3. Task C (20%)  not visited');
  });

  it('reports the verdict, time used, a bar per domain and every check', () => {
    const s = applyExamAction(started(0), { type: 'finish', now: 61 * 60_000 });
    const grades = [
      { task: 'a', title: 'Task A', score: 1, maxScore: 2, percent: 50, passed: false, setUp: true, context: 'cka-lab',
        checks: [{ id: 'x', name: 'Pod x runs', passed: true, points: 1, maxPoints: 1, message: 'ok' }, { id: 'y', name: 'Pod y runs', passed: false, points: 0, maxPoints: 1, message: 'expected 1 Ready pod, found 0' }] },
    ];
    const score = scoreExam(s, [{ task: 'a', score: 1, maxScore: 2 }]);
    const text = formatExamResult(s, score, grades, plain);
    expect(text).toContain('Score 25% — NOT PASSED (pass mark 66%)');
    expect(text).toContain('Time used 1:01:00 of 2:00:00');
    expect(text).toMatch(/Troubleshooting\s+█{10}░{10}\s+25 of 50%/);
    expect(text).toContain('expected 1 Ready pod, found 0');
  });
});
