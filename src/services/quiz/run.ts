import type { Prompter } from '../../adapters/ui/prompts.js';
import { InterruptedError } from '../../core/errors.js';
import { scoreQuiz, type QuizAnswer, type QuizItem, type QuizResult } from '../../core/quiz/session.js';
import { domainTitles } from '../../core/tasks/model.js';

export interface QuizRun {
  readonly result: QuizResult;
  readonly answers: readonly QuizAnswer[];
  readonly timedOut: boolean;
}

const letters = ['A', 'B', 'C', 'D', 'E'];

/**
 * Asks every item through the prompter, within an optional deadline; an unanswered question
 * (time up) counts as wrong. Interrupts (Ctrl-C) propagate.
 */
export async function runQuiz(items: readonly QuizItem[], prompter: Prompter, deadline: number | undefined, now: () => number = Date.now): Promise<QuizRun> {
  const answers: QuizAnswer[] = [];
  let timedOut = false;
  for (const [index, item] of items.entries()) {
    const left = deadline === undefined ? undefined : deadline - now();
    if (left !== undefined && left <= 0) timedOut = true;
    if (timedOut) {
      answers.push({ id: item.question.id, chosen: undefined });
      continue;
    }
    const clock = left === undefined ? '' : ` · ${Math.ceil(left / 60_000)} min left`;
    const message = `[${index + 1}/${items.length}] ${domainTitles[item.question.domain]}${clock}\n${item.question.question}\n`;
    try {
      const chosen = await prompter.choose(
        message,
        item.choices.map((c, i) => ({ name: `${letters[i] ?? '?'}. ${c.text}`, value: c.text })),
        left === undefined ? {} : { signal: AbortSignal.timeout(left) },
      );
      answers.push({ id: item.question.id, chosen });
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      if (error instanceof Error && (error.name === 'AbortPromptError' || error.name === 'TimeoutError' || error.name === 'AbortError')) {
        timedOut = true;
        answers.push({ id: item.question.id, chosen: undefined });
        continue;
      }
      throw error;
    }
  }
  return { result: scoreQuiz(items, answers), answers, timedOut };
}
