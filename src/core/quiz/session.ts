import { domains, type Domain } from '../tasks/model.js';
import { seededRandom, shuffled } from '../random.js';

import type { QuizChoice, QuizQuestion } from './model.js';

/** A question as asked: its choices in this quiz's order. */
export interface QuizItem {
  readonly question: QuizQuestion;
  readonly choices: readonly QuizChoice[];
}

export interface QuizPlan {
  readonly domain?: Domain;
  readonly count: number;
  readonly seed: number;
}

/** Draws `count` questions (from one domain or all), in seeded order, answers shuffled. */
export function drawQuiz(bank: readonly QuizQuestion[], plan: QuizPlan): QuizItem[] {
  const random = seededRandom(plan.seed);
  const pool = bank.filter((q) => plan.domain === undefined || q.domain === plan.domain);
  return shuffled(pool, random)
    .slice(0, plan.count)
    .map((question) => ({ question, choices: shuffled(question.choices, random) }));
}

export interface QuizAnswer {
  readonly id: string;
  /** The chosen text; undefined when time ran out before an answer. */
  readonly chosen: string | undefined;
}

export interface QuizResult {
  readonly total: number;
  readonly correct: number;
  readonly percent: number;
  readonly byDomain: ReadonlyArray<{ readonly domain: Domain; readonly correct: number; readonly total: number }>;
  readonly wrong: ReadonlyArray<{ readonly question: QuizQuestion; readonly chosen: string | undefined; readonly answer: string }>;
}

export function scoreQuiz(items: readonly QuizItem[], answers: readonly QuizAnswer[]): QuizResult {
  const chosen = new Map(answers.map((a) => [a.id, a.chosen]));
  const wrong: Array<QuizResult['wrong'][number]> = [];
  const tally = new Map<Domain, { correct: number; total: number }>();
  let correct = 0;
  for (const item of items) {
    const answer = item.question.choices.find((c) => c.correct)?.text ?? '';
    const pick = chosen.get(item.question.id);
    const right = pick === answer;
    const entry = tally.get(item.question.domain) ?? { correct: 0, total: 0 };
    tally.set(item.question.domain, { correct: entry.correct + (right ? 1 : 0), total: entry.total + 1 });
    if (right) correct++;
    else wrong.push({ question: item.question, chosen: pick, answer });
  }
  return {
    total: items.length,
    correct,
    percent: items.length === 0 ? 0 : Math.round((correct / items.length) * 100),
    byDomain: domains.filter((d) => tally.has(d)).map((d) => ({ domain: d, ...(tally.get(d) ?? { correct: 0, total: 0 }) })),
    wrong,
  };
}
