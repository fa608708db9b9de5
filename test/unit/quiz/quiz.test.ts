import { describe, expect, it } from '@jest/globals';
import type { Choice, Prompter } from '../../../src/adapters/ui/prompts.js';
import { InterruptedError } from '../../../src/core/errors.js';
import { drawQuiz, scoreQuiz } from '../../../src/core/quiz/session.js';
import type { QuizQuestion } from '../../../src/core/quiz/model.js';
import { domains } from '../../../src/core/tasks/model.js';
import { loadQuizBank } from '../../../src/services/quiz/bank.js';
import { runQuiz } from '../../../src/services/quiz/run.js';

const q = (id: string, domain: QuizQuestion['domain'] = 'storage'): QuizQuestion => ({
  id, domain, topics: ['t'], question: `question ${id}?`, explanation: 'because', docs: 'https://kubernetes.io/docs/',
  choices: [{ text: `${id} right`, correct: true }, { text: `${id} wrong 1`, correct: false }, { text: `${id} wrong 2`, correct: false }],
});

describe('the quiz bank', () => {
  it('has at least 60 valid questions covering every domain', async () => {
    const bank = await loadQuizBank();
    expect(bank.length).toBeGreaterThanOrEqual(60);
    for (const domain of domains) expect(bank.filter((x) => x.domain === domain).length).toBeGreaterThanOrEqual(5);
    for (const question of bank) {
      expect(question.choices.filter((c) => c.correct)).toHaveLength(1);
      expect(question.docs).toMatch(/^https:\/\/kubernetes\.io\/docs\//);
    }
  });
});

describe('drawQuiz', () => {
  const bank = Array.from({ length: 30 }, (_, i) => q(`q${i}`, i % 2 === 0 ? 'storage' : 'troubleshooting'));

  it('is reproducible with a seed and differs between seeds', () => {
    const a = drawQuiz(bank, { count: 10, seed: 42 });
    expect(drawQuiz(bank, { count: 10, seed: 42 })).toEqual(a);
    expect(drawQuiz(bank, { count: 10, seed: 43 }).map((i) => i.question.id)).not.toEqual(a.map((i) => i.question.id));
    expect(new Set(a.map((i) => i.question.id)).size).toBe(10);
  });

  it('keeps to one domain when asked and shuffles answer order', () => {
    const items = drawQuiz(bank, { domain: 'storage', count: 15, seed: 7 });
    expect(items).toHaveLength(15);
    expect(items.every((i) => i.question.domain === 'storage')).toBe(true);
    expect(items.some((i) => i.choices[0]?.correct !== true)).toBe(true);
    for (const item of items) expect([...item.choices].sort((x, y) => x.text.localeCompare(y.text))).toEqual([...item.question.choices].sort((x, y) => x.text.localeCompare(y.text)));
  });
});

describe('scoreQuiz', () => {
  it('counts right answers, per domain, and lists the wrong ones with the right answer', () => {
    const items = drawQuiz([q('a'), q('b', 'troubleshooting'), q('c')], { count: 3, seed: 1 });
    const result = scoreQuiz(items, [{ id: 'a', chosen: 'a right' }, { id: 'b', chosen: 'b wrong 1' }, { id: 'c', chosen: undefined }]);
    expect(result).toMatchObject({ total: 3, correct: 1, percent: 33 });
    expect(result.byDomain).toEqual([{ domain: 'storage', correct: 1, total: 2 }, { domain: 'troubleshooting', correct: 0, total: 1 }]);
    expect(result.wrong.map((w) => [w.question.id, w.chosen, w.answer]).sort()).toEqual([['b', 'b wrong 1', 'b right'], ['c', undefined, 'c right']]);
  });
});

function scripted(picks: Array<(choices: ReadonlyArray<Choice<string>>) => string | Error>): Prompter & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    async choose<T>(message: string, choices: ReadonlyArray<Choice<T>>): Promise<T> {
      messages.push(message);
      const next = picks.shift();
      const pick = next?.(choices as ReadonlyArray<Choice<string>>);
      if (pick instanceof Error || pick === undefined) throw pick ?? new Error('no more answers');
      return pick as unknown as T;
    },
  };
}

describe('runQuiz', () => {
  const items = drawQuiz([q('a'), q('b'), q('c')], { count: 3, seed: 5 });

  it('asks every question with lettered choices and scores the answers', async () => {
    const prompter = scripted([(c) => c.find((x) => x.value.endsWith('right'))?.value ?? '', (c) => c[0]?.value ?? '', (c) => c.find((x) => x.value.endsWith('right'))?.value ?? '']);
    const run = await runQuiz(items, prompter, undefined);
    expect(prompter.messages[0]).toMatch(/^\[1\/3\] Storage\nquestion /);
    expect(run.result.total).toBe(3);
    expect(run.timedOut).toBe(false);
  });

  it('counts questions left when time runs out as unanswered', async () => {
    const timeout = Object.assign(new Error('time'), { name: 'AbortPromptError' });
    const prompter = scripted([(c) => c[0]?.value ?? '', () => timeout]);
    const run = await runQuiz(items, prompter, Date.now() + 60_000);
    expect(run.timedOut).toBe(true);
    expect(run.answers.map((a) => a.chosen === undefined)).toEqual([false, true, true]);
    expect(prompter.messages).toHaveLength(2);
  });

  it('lets Ctrl-C through as an interrupt', async () => {
    await expect(runQuiz(items, scripted([() => new InterruptedError()]), undefined)).rejects.toBeInstanceOf(InterruptedError);
  });
});
