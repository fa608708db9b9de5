import type { CommandInput } from '../cli/spec.js';
import { readHistory } from '../adapters/store/history.js';
import { historyStats, type HistoryEntry } from '../core/history.js';
import { domainTitles } from '../core/tasks/model.js';
import { labPaths, stringOption } from './context.js';

function line(entry: HistoryEntry): string {
  const when = entry.at.slice(0, 16).replace('T', ' ');
  if (entry.kind === 'quiz') return `${when}  quiz   ${entry.correct}/${entry.total} (${entry.percent}%)${entry.domain === null ? '' : ` · ${entry.domain}`} · seed ${entry.seed}`;
  if (entry.kind === 'drill') return `${when}  drill  ${entry.task}: ${entry.score}/${entry.maxScore}${entry.passed ? ' passed' : ''}`;
  return `${when}  exam   ${entry.percent}% ${entry.passed ? 'passed' : 'not passed'}`;
}

export async function run({ options, io }: CommandInput): Promise<void> {
  const { entries, skipped } = await readHistory(labPaths(io).stateDir);
  const history = entries as unknown as HistoryEntry[];
  for (const s of skipped) io.stderr.write(`${io.errStyle.yellow('warning:')} skipped ${s.file}: ${s.reason}\n`);
  const stats = historyStats(history);
  if (stringOption(options, 'output') === 'json') {
    io.stdout.write(`${JSON.stringify({ entries: history, stats, skipped }, null, 2)}\n`);
    return;
  }
  const s = io.style;
  if (history.length === 0) {
    io.stdout.write('No history yet: exams, drills and quizzes you finish are recorded here.\n');
    return;
  }
  io.stdout.write(`${s.bold('Recent')}\n${history.slice(-15).map((e) => `  ${line(e)}`).join('\n')}\n\n${s.bold('By domain')}     ${s.dim('quiz right · task points')}\n`);
  for (const d of stats.byDomain) {
    const show = (v: number | undefined): string => (v === undefined ? '  –' : `${String(v).padStart(3)}%`);
    io.stdout.write(`  ${domainTitles[d.domain].padEnd(54)} ${show(d.quizPercent)}   ${show(d.taskPercent)}\n`);
  }
  if (stats.weakestChecks.length > 0) {
    io.stdout.write(`\n${s.bold('Checks you failed most')}\n${stats.weakestChecks.slice(0, 10).map((w) => `  ${w.failures}×  ${w.task}: ${w.check}`).join('\n')}\n`);
  }
}
