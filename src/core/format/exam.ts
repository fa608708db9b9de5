import type { Style } from '../style.js';
import { formatClock, taskStatus, type ExamScore, type ExamState } from '../exam/session.js';
import { domainTitles, type Domain } from '../tasks/model.js';
import { formatGrade, type GradeView } from './grade.js';

const statusMark = (state: ExamState, index: number, style: Style): string => {
  const task = state.tasks[index];
  if (task === undefined) return '';
  const status = taskStatus(task);
  if (status === 'flagged') return style.yellow('⚑ flagged');
  return status === 'visited' ? style.dim('visited') : style.dim('not visited');
};

/** The head of a task as the exam shows it: position, domain, weight, flag, where to work. */
export function formatTaskCard(state: ExamState, prompt: string, style: Style, howToConnect: string): string {
  const task = state.tasks[state.current];
  if (task === undefined) return '';
  const rule = style.dim('─'.repeat(72));
  const flag = task.flagged ? `  ${style.yellow('⚑ flagged')}` : '';
  return [
    `${style.bold(`Task ${state.current + 1} of ${state.tasks.length}`)} · ${domainTitles[task.domain]} · ${style.bold(`weight ${task.weight}%`)}${flag}`,
    style.dim(`${task.title} (${task.id})`),
    rule,
    prompt.trimEnd(),
    rule,
    style.dim(howToConnect),
    '',
  ].join('\n');
}

/** One line per task, for the list and the jump menu. */
export function taskListLine(state: ExamState, index: number, style: Style): string {
  const task = state.tasks[index];
  if (task === undefined) return '';
  const here = index === state.current ? style.cyan(' ◀ current') : '';
  return `${String(index + 1).padStart(2)}. ${task.title} ${style.dim(`(${task.weight}%)`)}  ${statusMark(state, index, style)}${here}`;
}

function bar(fraction: number, width: number, style: Style): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `${style.green('█'.repeat(full))}${style.dim('░'.repeat(width - full))}`;
}

/** The end of an exam: verdict, time used, a bar per domain, then every task check by check. */
export function formatExamResult(state: ExamState, score: ExamScore, grades: readonly GradeView[], style: Style): string {
  const out: string[] = [];
  const verdict = score.passed ? style.green(style.bold('PASSED')) : style.red(style.bold('NOT PASSED'));
  out.push(style.bold(`Exam ${state.code} — results`));
  out.push(`Score ${style.bold(`${score.percent}%`)} — ${verdict} (pass mark ${score.passMark}%)`);
  out.push(`Time used ${formatClock(score.timeUsedMs)} of ${formatClock(state.durationMinutes * 60_000)}`);
  out.push('');
  out.push(style.bold('By domain'));
  const width = Math.max(...score.byDomain.map((d) => domainTitles[d.domain].length));
  for (const d of score.byDomain) {
    const fraction = d.weight === 0 ? 0 : d.earned / d.weight;
    out.push(`  ${domainTitles[d.domain].padEnd(width)}  ${bar(fraction, 20, style)}  ${String(d.earned).padStart(4)} of ${String(d.weight).padStart(2)}%  ${style.dim(`(${Math.round(fraction * 100)}%)`)}`);
  }
  out.push('');
  out.push(style.bold('By task'));
  score.tasks.forEach((t, i) => {
    const mark = t.maxScore > 0 && t.score === t.maxScore ? style.green('✓') : t.score > 0 ? style.yellow('~') : style.red('✗');
    const title = state.tasks[i]?.title ?? t.id;
    out.push(`  ${mark} ${String(i + 1).padStart(2)}. ${title} ${style.dim(`(${t.id})`)} — ${t.earned} of ${t.weight}%`);
  });
  out.push('');
  out.push(style.bold('Feedback, check by check'));
  for (const grade of grades) out.push(formatGrade(grade, style));
  return `${out.join('\n')}\n`;
}

export interface SheetTask {
  readonly id: string;
  readonly title: string;
  readonly domain: Domain;
  readonly weight: number;
  readonly minutes: number;
  readonly prompt: string;
}

/** The task sheet of an exam code as Markdown, for a study group to share or print. */
export function formatExamSheet(code: string, tasks: readonly SheetTask[], notes: readonly string[], note: string | undefined): string {
  const minutes = tasks.reduce((a, t) => a + t.minutes, 0);
  const out = [
    `# CKA mock exam ${code}`,
    '',
    `${tasks.length} tasks · 120 minutes · pass mark 66% · about ${minutes} minutes of work by the task estimates`,
    '',
    `- Take it, timed, in a terminal: \`cka-lab exam --code ${code}\` (sets every task up on your cluster first).`,
    `- Grade everyone's clusters at once: \`cka-lab grade --exam ${code} --context <ctx> --context <ctx> ...\``,
    '',
    '| # | Task | Domain | Weight |',
    '|---|------|--------|--------|',
    ...tasks.map((t, i) => `| ${i + 1} | ${t.title} (\`${t.id}\`) | ${domainTitles[t.domain]} | ${t.weight}% |`),
  ];
  if (notes.length > 0 || note !== undefined) out.push('', ...[...notes, ...(note === undefined ? [] : [note])].map((n) => `> ${n}`));
  tasks.forEach((t, i) => {
    out.push('', `## ${i + 1}. ${t.title} — ${t.weight}%`, '', `*${domainTitles[t.domain]} · \`${t.id}\` · about ${t.minutes} min*`, '', '```text', t.prompt.trimEnd(), '```');
  });
  return `${out.join('\n')}\n`;
}
