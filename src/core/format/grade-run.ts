import type { ClusterResult, GradeRun, TaskReport } from '../grading/run.js';
import { stripAnsi, type Style } from '../style.js';
import { formatGrade } from './grade.js';

/**
 * Renderings of a grading run over one or more clusters: a human report (text), a table, JSON,
 * JUnit XML and TAP. All are pure: the run in, a string out.
 */

function score(c: { score: number; maxScore: number }): string {
  return `${c.score}/${c.maxScore}`;
}

function summaryLine(run: GradeRun): string {
  const { clusters, passed, unreachable } = run.summary;
  const tail = unreachable === 0 ? '' : `, ${unreachable} could not be graded`;
  return `${passed} of ${clusters} cluster(s) passed (pass mark ${run.passMark}%)${tail}`;
}

/** The human report: each task check by check, then each cluster's total against the pass mark. */
export function formatRunText(run: GradeRun, style: Style, width = 100): string {
  const several = run.clusters.length > 1;
  const out: string[] = [];
  for (const cluster of run.clusters) {
    if (several) out.push(`${style.bold(`== ${cluster.name}`)} ${style.dim(cluster.server ?? cluster.kubeconfig.join(', '))}`);
    if (cluster.status === 'unreachable') {
      out.push(`${style.red('✗')} ${cluster.name}: cannot be graded: ${cluster.error ?? ''}`);
      if (cluster.hint !== null) out.push(style.dim(`  hint: ${cluster.hint}`));
      out.push('');
      continue;
    }
    if (cluster.status === 'empty') {
      out.push(`${style.yellow('!')} ${cluster.name}: ${cluster.error ?? ''}`);
      if (cluster.hint !== null) out.push(style.dim(`  hint: ${cluster.hint}`));
      out.push('');
      continue;
    }
    for (const task of cluster.tasks) out.push(formatGrade(task, style, width));
    const verdict = cluster.passed ? style.green('passed') : style.red('not passed');
    out.push(`${style.bold('Total')} ${score(cluster)} (${cluster.percent}%) — ${verdict} ${style.dim(`(pass mark ${run.passMark}%; ${cluster.tasksPassed} of ${cluster.tasks.length} task(s) solved)`)}`);
    out.push('');
  }
  if (several) out.push(summaryLine(run));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function taskResult(task: TaskReport): string {
  if (task.passed) return 'passed';
  const failed = task.checks.filter((c) => !c.passed).length;
  return `failed (${failed} of ${task.checks.length} checks)`;
}

/** One row per task and a TOTAL row per cluster, columns aligned as kubectl aligns them. */
export function formatRunTable(run: GradeRun, style: Style): string {
  type Row = readonly [string, string, string, string, string];
  const rows: Array<{ cells: Row; colour: (text: string) => string }> = [];
  for (const cluster of run.clusters) {
    if (cluster.status === 'unreachable') {
      rows.push({ cells: [cluster.name, '-', '-', '-', `unreachable: ${cluster.error ?? ''}`], colour: style.red });
      continue;
    }
    for (const task of cluster.tasks) rows.push({ cells: [cluster.name, task.task, score(task), `${task.percent}%`, taskResult(task)], colour: task.passed ? style.green : style.yellow });
    const result = cluster.status === 'empty' ? `failed: ${cluster.error ?? ''}` : cluster.passed ? 'passed' : 'failed';
    rows.push({ cells: [cluster.name, 'TOTAL', score(cluster), `${cluster.percent}%`, result], colour: (text) => style.bold(cluster.passed ? style.green(text) : style.red(text)) });
  }
  const header: Row = ['CLUSTER', 'TASK', 'SCORE', 'PERCENT', 'RESULT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]?.length ?? 0)));
  const line = (cells: Row, colour?: (text: string) => string): string =>
    cells
      .map((cell, i) => {
        const last = i === cells.length - 1;
        const padded = last ? cell : cell.padEnd(widths[i] ?? 0);
        return last && colour !== undefined ? colour(padded) : padded;
      })
      .join('   ')
      .trimEnd();
  const out = [line(header), ...rows.map((r) => line(r.cells, r.colour)), '', summaryLine(run)];
  return `${out.map((l) => (style.enabled ? l : stripAnsi(l))).join('\n')}\n`;
}

export function formatRunJson(run: GradeRun): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

// XML 1.0 allows tab, newline, carriage return and characters from U+0020 on, minus U+FFFE/U+FFFF and lone surrogates.
const invalidXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(invalidXml, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An attribute value: also keeps newlines and tabs, which XML would normalise to spaces. */
function attr(text: string | number | boolean): string {
  return escapeXml(String(text)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly kind: 'failure' | 'error'; readonly type: string; readonly message: string; readonly body: string };
}

function clusterCases(cluster: ClusterResult, passMark: number): Case[] {
  if (cluster.status === 'unreachable') {
    const body = `${cluster.error ?? ''}${cluster.hint === null ? '' : `\nhint: ${cluster.hint}`}`;
    return [{ classname: 'cka-lab', name: 'the cluster can be graded', failure: { kind: 'error', type: 'unreachable', message: cluster.error ?? '', body } }];
  }
  const cases: Case[] = [];
  for (const task of cluster.tasks) {
    for (const check of task.checks) {
      // Names stay the same from run to run (no score in them), so CI servers can track each check's history.
      const name = `${check.name} (${check.maxPoints} ${check.maxPoints === 1 ? 'point' : 'points'})`;
      if (check.passed) cases.push({ classname: task.task, name });
      else if (check.error !== undefined) cases.push({ classname: task.task, name, failure: { kind: 'error', type: 'check-error', message: check.message, body: check.message } });
      else cases.push({ classname: task.task, name, failure: { kind: 'failure', type: 'check-failed', message: check.message, body: check.message } });
    }
  }
  const mark = `the total score reaches the pass mark of ${passMark}%`;
  if (cluster.status === 'empty') cases.push({ classname: 'cka-lab', name: mark, failure: { kind: 'failure', type: 'nothing-to-grade', message: cluster.error ?? '', body: `${cluster.error ?? ''}\nhint: ${cluster.hint ?? ''}` } });
  else if (cluster.passed) cases.push({ classname: 'cka-lab', name: mark });
  else cases.push({ classname: 'cka-lab', name: mark, failure: { kind: 'failure', type: 'below-pass-mark', message: `${score(cluster)} (${cluster.percent}%) is below the pass mark of ${passMark}%`, body: `${cluster.tasksPassed} of ${cluster.tasks.length} task(s) solved` } });
  return cases;
}

/**
 * JUnit XML as CI servers read it: one <testsuite> per cluster, one <testcase> per check (its
 * classname the task id) plus one for the pass mark; an unreachable cluster is one <error>.
 */
export function formatRunJunit(run: GradeRun): string {
  const suites = run.clusters.map((cluster) => ({ cluster, cases: clusterCases(cluster, run.passMark) }));
  const count = (cases: readonly Case[], kind: 'failure' | 'error'): number => cases.filter((c) => c.failure?.kind === kind).length;
  const all = suites.flatMap((s) => s.cases);
  const timestamp = run.gradedAt.slice(0, 19);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cka-lab grade" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" time="${seconds(run.durationMs)}" timestamp="${timestamp}">`,
  ];
  for (const { cluster, cases } of suites) {
    out.push(`  <testsuite name="${attr(cluster.name)}" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="0" time="${seconds(cluster.durationMs)}" timestamp="${timestamp}">`);
    const properties: Array<[string, string | number | boolean | null]> = [
      ['kubeconfig', cluster.kubeconfig.join(':')],
      ['context', cluster.context],
      ['server', cluster.server],
      ['status', cluster.status],
      ['score', cluster.score],
      ['maxScore', cluster.maxScore],
      ['percent', cluster.percent],
      ['passMark', run.passMark],
      ['passed', cluster.passed],
    ];
    out.push('    <properties>');
    for (const [name, value] of properties) if (value !== null) out.push(`      <property name="${name}" value="${attr(value)}"/>`);
    out.push('    </properties>');
    for (const c of cases) {
      const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}"`;
      if (c.failure === undefined) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      out.push(`      <${c.failure.kind} message="${attr(c.failure.message)}" type="${attr(c.failure.type)}">${escapeXml(c.failure.body)}</${c.failure.kind}>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** A TAP description: one line, and `#` escaped so it does not start a directive. */
function tapDescription(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/#/g, '\\#');
}

/** A YAML scalar: JSON's double-quoted strings are valid YAML too. */
function yamlScalar(value: string | number | boolean | null): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function clusterDiagnostics(cluster: ClusterResult, passMark: number): string[] {
  const lines: string[] = ['---'];
  if (cluster.status !== 'graded' || !cluster.passed) {
    const message = cluster.status === 'graded' ? `${score(cluster)} (${cluster.percent}%) is below the pass mark of ${passMark}%` : (cluster.error ?? '');
    lines.push(`message: ${yamlScalar(message)}`, 'severity: fail');
  }
  lines.push(
    `status: ${yamlScalar(cluster.status)}`,
    `kubeconfig: ${yamlScalar(cluster.kubeconfig.join(':'))}`,
    `context: ${yamlScalar(cluster.context)}`,
    `server: ${yamlScalar(cluster.server)}`,
  );
  if (cluster.hint !== null) lines.push(`hint: ${yamlScalar(cluster.hint)}`);
  lines.push(`score: ${cluster.score}`, `maxScore: ${cluster.maxScore}`, `percent: ${cluster.percent}`, `passMark: ${passMark}`, `durationMs: ${cluster.durationMs}`);
  if (cluster.tasks.length === 0) lines.push('tasks: []');
  else lines.push('tasks:');
  for (const task of cluster.tasks) {
    const failed = task.checks.filter((c) => !c.passed).map((c) => `${yamlScalar(c.name)}`);
    lines.push(`  - task: ${yamlScalar(task.task)}`, `    score: ${task.score}`, `    maxScore: ${task.maxScore}`, `    passed: ${task.passed}`, `    failedChecks: [${failed.join(', ')}]`);
  }
  lines.push('...');
  return lines.map((l) => `  ${l}`);
}

/**
 * TAP version 13 (which TAP 14 consumers read too): one test point per cluster, ok when it
 * reaches the pass mark, with its tasks and failed checks as a YAML diagnostic block.
 */
export function formatRunTap(run: GradeRun): string {
  const out = ['TAP version 13', `1..${run.clusters.length}`];
  run.clusters.forEach((cluster, i) => {
    const what =
      cluster.status === 'unreachable' ? `unreachable: ${cluster.error ?? ''}`
      : cluster.status === 'empty' ? (cluster.error ?? '')
      : `${score(cluster)} (${cluster.percent}%), pass mark ${run.passMark}%`;
    out.push(`${cluster.passed ? 'ok' : 'not ok'} ${i + 1} - ${tapDescription(`${cluster.name}: ${what}`)}`);
    out.push(...clusterDiagnostics(cluster, run.passMark));
  });
  out.push(`# ${tapDescription(summaryLine(run))}`);
  return `${out.join('\n')}\n`;
}

export const gradeRunFormats = ['text', 'table', 'json', 'junit', 'tap'] as const;
export type GradeRunFormat = (typeof gradeRunFormats)[number];

export function formatRun(run: GradeRun, format: GradeRunFormat, style: Style): string {
  switch (format) {
    case 'text':
      return formatRunText(run, style);
    case 'table':
      return formatRunTable(run, style);
    case 'json':
      return formatRunJson(run);
    case 'junit':
      return formatRunJunit(run);
    case 'tap':
      return formatRunTap(run);
  }
}
