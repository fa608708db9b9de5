import { describe, expect, it } from '@jest/globals';
import { escapeXml, formatRun, formatRunJson, formatRunJunit, formatRunTable, formatRunTap, formatRunText } from '../../../src/core/format/grade-run.js';
import { gradedCluster, gradeRun, type GradeRun } from '../../../src/core/grading/run.js';
import { styleFor, stripAnsi } from '../../../src/core/style.js';
import { identity, sampleRun, taskReport } from '../grading/run-fixtures.js';
import { parseJunit, parseTap } from './output-validators.js';

const plain = styleFor(false);

describe('formatRunTable', () => {
  it('prints a row per task, a TOTAL per cluster and the reason of an unreachable one', () => {
    const lines = formatRunTable(sampleRun(), plain).split('\n');
    expect(lines[0]).toMatch(/^CLUSTER\s+TASK\s+SCORE\s+PERCENT\s+RESULT$/);
    expect(lines.slice(1, 8).map((l) => l.split(/\s{3,}/))).toEqual([
      ['alice', 'sched-node-selector', '5/5', '100%', 'passed'],
      ['alice', 'etcd-backup', '1/4', '25%', 'failed (1 of 2 checks)'],
      ['alice', 'TOTAL', '6/9', '66.7%', 'passed'],
      ['bob', 'sched-node-selector', '2/5', '40%', 'failed (1 of 2 checks)'],
      ['bob', 'etcd-backup', '0/4', '0%', 'failed (2 of 2 checks)'],
      ['bob', 'TOTAL', '2/9', '22.2%', 'failed'],
      ['carol', '-', '-', '-', "unreachable: Cannot reach the Kubernetes API server at https://127.0.0.1:1 (context 'carol'): connect ECONNREFUSED 127.0.0.1:1."],
    ]);
    expect(lines).toContain('1 of 3 cluster(s) passed (pass mark 66%), 1 could not be graded');
  });

  it('aligns the columns by visible width when coloured', () => {
    const coloured = formatRunTable(sampleRun(), styleFor(true));
    expect(coloured).toContain('\u001b[');
    expect(stripAnsi(coloured)).toBe(formatRunTable(sampleRun(), plain));
  });
});

describe('formatRunText', () => {
  it('shows each task check by check, then the total against the pass mark', () => {
    const text = formatRunText(sampleRun(), plain);
    expect(text).toContain('== alice https://127.0.0.1:6443');
    expect(text).toContain('  ✗   0/3  etcd-backup check 2');
    expect(text).toContain('Total 6/9 (66.7%) — passed (pass mark 66%; 1 of 2 task(s) solved)');
    expect(text).toContain('Total 2/9 (22.2%) — not passed');
    expect(text).toContain("✗ carol: cannot be graded: Cannot reach the Kubernetes API server at https://127.0.0.1:1 (context 'carol')");
    expect(text).toContain('  hint: Check that the cluster is running.');
  });

  it('leaves out cluster headers and the run summary for one cluster', () => {
    const one = gradeRun([gradedCluster(identity('alice'), 's', [taskReport('t1', [[1, 1]])], 66, 1)], 66, 'now', 1);
    const text = formatRunText(one, plain);
    expect(text).not.toContain('==');
    expect(text).not.toContain('cluster(s) passed');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Total 1/1 (100%) — passed (pass mark 66%; 1 of 1 task(s) solved)');
  });

  it('says when a cluster had nothing to grade', () => {
    const empty = gradeRun([gradedCluster(identity('alice'), 's', [], 66, 1)], 66, 'now', 1);
    expect(formatRunText(empty, plain)).toContain('! alice: no task to grade: none was named and none is set up on this cluster');
  });
});

describe('formatRunJson', () => {
  it('is the run itself, every cluster with the same fields whatever its status', () => {
    const parsed = JSON.parse(formatRunJson(sampleRun())) as GradeRun;
    expect(parsed).toEqual(sampleRun());
    expect(parsed).toMatchObject({ kind: 'GradeRun', version: 1, passMark: 66, passed: false, summary: { clusters: 3, passed: 1, failed: 1, unreachable: 1 } });
    const keys = parsed.clusters.map((c) => Object.keys(c).sort());
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
    expect(keys[0]).toEqual(['context', 'durationMs', 'error', 'hint', 'kubeconfig', 'maxScore', 'name', 'passed', 'percent', 'score', 'server', 'status', 'tasks', 'tasksPassed']);
    const task = parsed.clusters[0]?.tasks[0];
    expect(Object.keys(task ?? {})).toEqual(expect.arrayContaining(['task', 'score', 'maxScore', 'passed', 'checks']));
    expect(Object.keys(task?.checks[0] ?? {})).toEqual(expect.arrayContaining(['name', 'passed', 'points', 'message']));
  });
});

describe('formatRunJunit', () => {
  it('is well-formed XML with a suite per cluster, a case per check and one for the pass mark', () => {
    const doc = parseJunit(formatRunJunit(sampleRun()));
    const [alice, bob, carol] = doc.testsuites.testsuite;
    expect(doc.testsuites).toMatchObject({ tests: '11', failures: '3', errors: '3' });
    expect(alice?.name).toBe('alice');
    expect(alice?.testcase.map((c) => [c.classname, c.name, c.failure?.type ?? c.error?.type ?? 'ok'])).toEqual([
      ['sched-node-selector', 'sched-node-selector check 1 (3 points)', 'ok'],
      ['sched-node-selector', 'sched-node-selector check 2 (2 points)', 'ok'],
      ['etcd-backup', 'etcd-backup check 1 (1 point)', 'ok'],
      ['etcd-backup', 'etcd-backup check 2 (3 points)', 'check-failed'],
      ['cka-lab', 'the total score reaches the pass mark of 66%', 'ok'],
    ]);
    // Markup in messages survives escaping and comes back as written.
    expect(alice?.testcase[3]?.failure?.message).toBe('expected 3 replicas, found 1 <in> "etcd-backup" & more');
    expect(bob?.testcase.at(-1)?.failure).toMatchObject({ type: 'below-pass-mark', message: '2/9 (22.2%) is below the pass mark of 66%' });
    expect(bob?.testcase[2]?.error?.type).toBe('check-error');
    expect(bob?.properties.property).toContainEqual({ name: 'passed', value: 'false' });
    expect(carol).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    expect(carol?.testcase[0]?.error).toMatchObject({ type: 'unreachable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('replaces characters XML 1.0 cannot carry and escapes markup', () => {
    expect(escapeXml('a\u0000b\u001bc <&>"\' \uD800')).toBe('a\uFFFDb\uFFFDc &lt;&amp;&gt;&quot;&apos; \uFFFD');
    const run = gradeRun([gradedCluster(identity('x]]>"<&'), 's', [taskReport('t', [[0, 1]], { message: 'control \u0007 char\nand a new line' })], 66, 1)], 66, '2026-05-01T10:00:00.000Z', 1);
    const doc = parseJunit(formatRunJunit(run));
    expect(doc.testsuites.testsuite[0]?.name).toBe('x]]>"<&');
  });
});

describe('formatRunTap', () => {
  it('is valid TAP with a test point per cluster, not ok for the failed and the unreachable', async () => {
    const tap = formatRunTap(sampleRun());
    const parsed = await parseTap(tap);
    expect(parsed.extra).toEqual([]);
    expect(parsed.version).toBe(13);
    expect(parsed.plan).toEqual({ start: 1, end: 3 });
    expect(parsed.asserts.map((a) => [a.id, a.ok, a.name])).toEqual([
      [1, true, 'alice: 6/9 (66.7%), pass mark 66%'],
      [2, false, 'bob: 2/9 (22.2%), pass mark 66%'],
      [3, false, "carol: unreachable: Cannot reach the Kubernetes API server at https://127.0.0.1:1 (context 'carol'): connect ECONNREFUSED 127.0.0.1:1."],
    ]);
    expect(parsed.ok).toBe(false);
    // The YAML diagnostics parse into the cluster's details.
    expect(parsed.asserts[0]?.diag).toMatchObject({ status: 'graded', score: 6, maxScore: 9, tasks: [{ task: 'sched-node-selector', passed: true, failedChecks: [] }, { task: 'etcd-backup', failedChecks: ['etcd-backup check 2'] }] });
    expect(parsed.asserts[2]?.diag).toMatchObject({ status: 'unreachable', severity: 'fail', server: null, hint: 'Check that the cluster is running.' });
  });

  it('escapes # in descriptions so that no directive is read into them', async () => {
    const run = gradeRun([gradedCluster(identity('room #4'), 's', [taskReport('t', [[1, 1]])], 66, 1)], 66, 'now', 1);
    const parsed = await parseTap(formatRunTap(run));
    expect(parsed.asserts[0]).toMatchObject({ ok: true, name: 'room #4: 1/1 (100%), pass mark 66%' });
    expect(parsed.ok).toBe(true);
  });
});

describe('formatRun', () => {
  it('dispatches on the format name', () => {
    const run = sampleRun();
    expect(formatRun(run, 'json', plain)).toBe(formatRunJson(run));
    expect(formatRun(run, 'tap', plain)).toBe(formatRunTap(run));
    expect(formatRun(run, 'junit', plain)).toBe(formatRunJunit(run));
    expect(formatRun(run, 'table', plain)).toBe(formatRunTable(run, plain));
    expect(formatRun(run, 'text', plain)).toBe(formatRunText(run, plain));
  });
});

describe('the validators these tests rely on', () => {
  it('reject what is not XML or not TAP', async () => {
    expect(() => parseJunit('<testsuites><testsuite name="a & b"></testsuites>')).toThrow('not well-formed XML');
    const broken = await parseTap('TAP version 13\n1..2\nok 1 - fine\nthis line is not TAP\n');
    expect(broken.ok).toBe(false);
    expect(broken.extra.length + broken.failures.length).toBeGreaterThan(0);
  });
});
