import type { CommandInput } from '../cli/spec.js';
import { terminalPrompter } from '../adapters/ui/prompts.js';
import { recordHistory } from '../adapters/store/history.js';
import { UsageError } from '../core/errors.js';
import { formatQuizResult } from '../core/format/quiz.js';
import { freshSeed } from '../core/random.js';
import { drawQuiz } from '../core/quiz/session.js';
import { isDomain } from '../core/tasks/catalogue.js';
import { domains } from '../core/tasks/model.js';
import { didYouMean } from '../core/suggest.js';
import { loadQuizBank } from '../services/quiz/bank.js';
import { runQuiz } from '../services/quiz/run.js';
import { labPaths, stringOption, wholeNumberOption } from './context.js';

export async function run({ options, io }: CommandInput): Promise<void> {
  const domain = stringOption(options, 'domain');
  if (domain !== undefined && !isDomain(domain)) throw new UsageError(`Unknown domain '${domain}'.${didYouMean(domain, domains)}`, { hint: `Domains: ${domains.join(', ')}.` });
  const count = wholeNumberOption(options, 'count') ?? 10;
  const minutes = wholeNumberOption(options, 'time');
  const seed = wholeNumberOption(options, 'seed') ?? freshSeed();
  if (!io.interactive) {
    throw new UsageError('cka-lab quiz asks multiple-choice questions and needs an interactive terminal; stdin or stdout is not one here.', {
      hint: 'Run it in a terminal. For scripts, use the non-interactive commands: cka-lab list, setup, grade -o json.',
    });
  }
  const bank = await loadQuizBank();
  const items = drawQuiz(bank, { ...(domain === undefined ? {} : { domain }), count, seed });
  if (items.length === 0) throw new UsageError(`No quiz questions${domain === undefined ? '' : ` in ${domain}`}.`);
  io.stdout.write(io.style.dim(`${items.length} question(s)${minutes === undefined ? '' : `, ${minutes} min`} · seed ${seed} (repeat this quiz with --seed ${seed})\n\n`));
  const started = Date.now();
  const { result, timedOut } = await runQuiz(items, terminalPrompter, minutes === undefined ? undefined : started + minutes * 60_000);
  io.stdout.write(formatQuizResult(result, io.style, timedOut));
  await recordHistory(labPaths(io).stateDir, 'quiz', {
    seed, domain: domain ?? null, total: result.total, correct: result.correct, percent: result.percent,
    seconds: Math.round((Date.now() - started) / 1000), byDomain: result.byDomain, wrong: result.wrong.map((w) => w.question.id),
  });
}
