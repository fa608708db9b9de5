import type { Domain } from '../tasks/model.js';
import { domains } from '../tasks/model.js';

/**
 * A mock exam as plain data: everything needed to resume it after a crash is in here, and
 * every change goes through `applyExamAction`, so the caller can save after each one.
 */
export const examPassMark = 66;
export const examWarnings = [30, 15, 5] as const;

export interface ExamTaskState {
  readonly id: string;
  readonly title: string;
  readonly domain: Domain;
  /** Percent of the exam. */
  readonly weight: number;
  readonly setUp: boolean;
  readonly visited: boolean;
  readonly flagged: boolean;
}

/** Where the exam runs, so a resumed exam talks to the same cluster. */
export interface ExamTarget {
  readonly kubeconfigPaths: readonly string[];
  readonly context: string | undefined;
  readonly source: 'flag' | 'env' | 'embedded';
  /** The context as resolved when the exam began, for the task texts and messages. */
  readonly contextName: string;
}

export type ExamPhase = 'setting-up' | 'running' | 'finished';

export interface ExamState {
  readonly version: 1;
  readonly id: string;
  readonly code: string;
  readonly seed: number;
  readonly durationMinutes: number;
  readonly target: ExamTarget;
  readonly notes: readonly string[];
  readonly phase: ExamPhase;
  /** Epoch milliseconds; set when every task is set up and the clock starts. */
  readonly startedAt?: number;
  readonly deadline?: number;
  readonly finishedAt?: number;
  readonly current: number;
  readonly tasks: readonly ExamTaskState[];
}

export type ExamAction =
  | { readonly type: 'task-set-up'; readonly id: string }
  | { readonly type: 'start'; readonly now: number }
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'jump'; readonly index: number }
  | { readonly type: 'toggle-flag' }
  | { readonly type: 'finish'; readonly now: number };

function visit(state: ExamState, index: number): ExamState {
  const current = Math.max(0, Math.min(state.tasks.length - 1, index));
  return { ...state, current, tasks: state.tasks.map((t, i) => (i === current ? { ...t, visited: true } : t)) };
}

export function applyExamAction(state: ExamState, action: ExamAction): ExamState {
  if (state.phase === 'finished') return state;
  switch (action.type) {
    case 'task-set-up':
      return { ...state, tasks: state.tasks.map((t) => (t.id === action.id ? { ...t, setUp: true } : t)) };
    case 'start':
      if (state.phase === 'running') return state;
      return visit({ ...state, phase: 'running', startedAt: action.now, deadline: action.now + state.durationMinutes * 60_000 }, 0);
    case 'next':
      return visit(state, state.current + 1);
    case 'previous':
      return visit(state, state.current - 1);
    case 'jump':
      return visit(state, action.index);
    case 'toggle-flag':
      return { ...state, tasks: state.tasks.map((t, i) => (i === state.current ? { ...t, flagged: !t.flagged } : t)) };
    case 'finish':
      return { ...state, phase: 'finished', finishedAt: state.deadline === undefined ? action.now : Math.min(action.now, state.deadline) };
  }
}

/** Milliseconds left on the clock; the full duration before it starts, 0 once it ran out. */
export function remainingMs(state: ExamState, now: number): number {
  if (state.deadline === undefined) return state.durationMinutes * 60_000;
  const end = state.finishedAt ?? now;
  return Math.max(0, state.deadline - end);
}

/** The warning in force: the smallest of the marks (30, 15 and 5 minutes) that the time left is within. */
export function warningLevel(remaining: number, warnings: readonly number[] = examWarnings): number | undefined {
  let level: number | undefined;
  for (const minutes of [...warnings].sort((a, b) => b - a)) if (remaining <= minutes * 60_000) level = minutes;
  return remaining <= 0 ? undefined : level;
}

/** h:mm:ss, rounding up so the clock shows 0:00:00 only when time is really up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export type TaskStatus = 'flagged' | 'visited' | 'not visited';

export function taskStatus(task: ExamTaskState): TaskStatus {
  if (task.flagged) return 'flagged';
  return task.visited ? 'visited' : 'not visited';
}

/** What grading found for one task, reduced to what the exam score needs. */
export interface TaskOutcome {
  readonly task: string;
  readonly score: number;
  readonly maxScore: number;
}

export interface ExamScore {
  /** Percent of the exam earned, with partial credit per task (weight × score / max). */
  readonly percent: number;
  readonly passed: boolean;
  readonly passMark: number;
  readonly timeUsedMs: number;
  readonly tasks: ReadonlyArray<{ readonly id: string; readonly domain: Domain; readonly weight: number; readonly earned: number; readonly score: number; readonly maxScore: number }>;
  /** Per domain: the exam weight it carried and what was earned of it. */
  readonly byDomain: ReadonlyArray<{ readonly domain: Domain; readonly weight: number; readonly earned: number }>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Percent earned over tasks of given weights, each counting weight × score / maxScore. */
export function weightedPercent(parts: ReadonlyArray<{ readonly weight: number; readonly score: number; readonly maxScore: number }>): number {
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (total === 0) return 0;
  return (parts.reduce((a, p) => a + (p.maxScore === 0 ? 0 : (p.weight * p.score) / p.maxScore), 0) * 100) / total;
}

export function scoreExam(state: ExamState, outcomes: readonly TaskOutcome[], passMark = examPassMark): ExamScore {
  const tasks = state.tasks.map((t) => {
    const outcome = outcomes.find((o) => o.task === t.id);
    const score = outcome?.score ?? 0;
    const maxScore = outcome?.maxScore ?? 0;
    const earned = maxScore === 0 ? 0 : (t.weight * score) / maxScore;
    return { id: t.id, domain: t.domain, weight: t.weight, earned: round1(earned), score, maxScore, exact: earned };
  });
  const exact = weightedPercent(tasks);
  const byDomain = domains
    .map((domain) => {
      const mine = tasks.filter((t) => t.domain === domain);
      return { domain, weight: mine.reduce((a, t) => a + t.weight, 0), earned: round1(mine.reduce((a, t) => a + t.exact, 0)) };
    })
    .filter((d) => d.weight > 0);
  const end = state.finishedAt ?? state.deadline ?? state.startedAt ?? 0;
  return {
    percent: round1(exact),
    passed: exact >= passMark,
    passMark,
    timeUsedMs: state.startedAt === undefined ? 0 : Math.max(0, end - state.startedAt),
    tasks: tasks.map(({ exact: _exact, ...rest }) => rest),
    byDomain,
  };
}
