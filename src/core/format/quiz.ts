import type { QuizResult } from '../quiz/session.js';
import { domainTitles } from '../tasks/model.js';
import type { Style } from '../style.js';

/** The end of a quiz: score, per domain, then every wrong answer with why and where to read. */
export function formatQuizResult(result: QuizResult, style: Style, timedOut: boolean): string {
  const lines = [
    '',
    `${style.bold('Score')} ${result.correct}/${result.total} (${result.percent}%)${timedOut ? style.yellow(' — time ran out; unanswered questions count as wrong') : ''}`,
    ...result.byDomain.map((d) => `  ${domainTitles[d.domain].padEnd(52)} ${d.correct}/${d.total}`),
  ];
  if (result.wrong.length > 0) {
    lines.push('', style.bold('Review'));
    for (const w of result.wrong) {
      lines.push(
        '',
        `${style.red('✗')} ${w.question.question}`,
        `  your answer: ${w.chosen ?? style.dim('(none)')}`,
        `  right answer: ${style.green(w.answer)}`,
        `  ${w.question.explanation.replace(/\s*\n\s*/g, ' ')}`,
        `  ${style.dim(w.question.docs)}`,
      );
    }
  } else if (result.total > 0) {
    lines.push('', style.green('All correct.'));
  }
  return `${lines.join('\n')}\n`;
}
