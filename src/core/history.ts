import type { Domain } from './tasks/model.js';
import { domains } from './tasks/model.js';

/** One past activity, as recorded under <state>/history. */
export type HistoryEntry =
  | { kind: 'quiz'; at: string; seed: number; domain: Domain | null; total: number; correct: number; percent: number; byDomain: Array<{ domain: Domain; correct: number; total: number }>; wrong: string[] }
  | { kind: 'drill'; at: string; task: string; domain: Domain; score: number; maxScore: number; passed: boolean; failedChecks: string[]; seconds: number }
  | { kind: 'exam'; at: string; percent: number; passed: boolean; byDomain: Array<{ domain: Domain; score: number; maxScore: number }>; failedChecks?: Array<{ task: string; check: string }> };

export interface HistoryStats {
  readonly entries: number;
  /** Per domain: percent right across quizzes and percent of points across drills and exams. */
  readonly byDomain: ReadonlyArray<{ readonly domain: Domain; readonly quizPercent: number | undefined; readonly taskPercent: number | undefined }>;
  /** Checks failed in drills and exams, most often first: task/check and how many times. */
  readonly weakestChecks: ReadonlyArray<{ readonly task: string; readonly check: string; readonly failures: number }>;
}

/** Sums of a part and a whole per domain. */
class Tally {
  private readonly sums = new Map<Domain, { part: number; whole: number }>();

  add(domain: Domain, part: number, whole: number): void {
    const cur = this.sums.get(domain) ?? { part: 0, whole: 0 };
    this.sums.set(domain, { part: cur.part + part, whole: cur.whole + whole });
  }

  percent(domain: Domain): number | undefined {
    const cur = this.sums.get(domain);
    return cur === undefined || cur.whole === 0 ? undefined : Math.round((cur.part / cur.whole) * 100);
  }
}

export function historyStats(entries: readonly HistoryEntry[]): HistoryStats {
  const quiz = new Tally();
  const tasks = new Tally();
  const failures = new Map<string, { task: string; check: string; failures: number }>();
  const failed = (task: string, check: string): void => {
    const key = `${task}\u0000${check}`;
    failures.set(key, { task, check, failures: (failures.get(key)?.failures ?? 0) + 1 });
  };
  for (const entry of entries) {
    if (entry.kind === 'quiz') {
      for (const d of entry.byDomain) quiz.add(d.domain, d.correct, d.total);
    } else if (entry.kind === 'drill') {
      tasks.add(entry.domain, entry.score, entry.maxScore);
      for (const check of entry.failedChecks) failed(entry.task, check);
    } else {
      for (const d of entry.byDomain) tasks.add(d.domain, d.score, d.maxScore);
      for (const f of entry.failedChecks ?? []) failed(f.task, f.check);
    }
  }
  return {
    entries: entries.length,
    byDomain: domains.map((domain) => ({ domain, quizPercent: quiz.percent(domain), taskPercent: tasks.percent(domain) })),
    weakestChecks: [...failures.values()].sort((a, b) => b.failures - a.failures || a.task.localeCompare(b.task) || a.check.localeCompare(b.check)),
  };
}

/**
 * The tasks to drill next: those whose checks failed most in past drills and exams, worst
 * first. Tasks never failed are left out; an empty answer means there is nothing to go on yet.
 */
export function weakestTasks(stats: HistoryStats, knownTaskIds: readonly string[]): string[] {
  const failures = new Map<string, number>();
  for (const w of stats.weakestChecks) {
    if (knownTaskIds.includes(w.task)) failures.set(w.task, (failures.get(w.task) ?? 0) + w.failures);
  }
  return [...failures.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([task]) => task);
}
