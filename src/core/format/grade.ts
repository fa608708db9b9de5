import type { Style } from '../style.js';
import type { CheckResult } from '../grading/checks.js';

export interface GradeView {
  readonly task: string;
  readonly title: string;
  readonly score: number;
  readonly maxScore: number;
  readonly percent: number;
  readonly passed: boolean;
  readonly setUp: boolean;
  readonly context: string;
  readonly checks: readonly CheckResult[];
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length > 0 && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line.length === 0 ? word : `${line} ${word}`;
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

/** The human report of one graded task: every check, what was found, the score. */
export function formatGrade(view: GradeView, style: Style, width = 100): string {
  const out: string[] = [`${style.bold(view.task)} — ${view.title} ${style.dim(`(context ${view.context})`)}`];
  if (!view.setUp) out.push(style.yellow(`  ! This task was not set up on this cluster (run 'cka-lab setup ${view.task}' first); grading what is there anyway.`));
  for (const check of view.checks) {
    const mark = check.passed ? style.green('✓') : style.red('✗');
    const points = `${check.points}/${check.maxPoints}`.padStart(5);
    out.push(`  ${mark} ${points}  ${check.name}`);
    if (!check.passed) out.push(style.dim(wrap(check.message, width - 12, '           ')));
  }
  const verdict = view.passed ? style.green('passed') : style.red('not passed');
  out.push(`  Score ${view.score}/${view.maxScore} (${view.percent}%) — ${verdict}`);
  return `${out.join('\n')}\n`;
}
