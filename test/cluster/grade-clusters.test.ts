import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Progress } from '../../src/adapters/ui/progress.js';
import { createGraderIdentities, deleteGraderIdentities, type GraderIdentity } from '../../src/bench/identities.js';
import type { GradeRun, TaskReport } from '../../src/core/grading/run.js';
import { resolveLabPaths } from '../../src/core/paths.js';
import { findTask } from '../../src/core/tasks/catalogue.js';
import { solutionEnv } from '../../src/core/tasks/template.js';
import { loadCatalogue, solutionPath } from '../../src/services/tasks/catalogue.js';
import { openTaskEnvironment, renderTask, type TaskEnvironment } from '../../src/services/tasks/environment.js';
import { resetTask } from '../../src/services/tasks/reset.js';
import { setupTask } from '../../src/services/tasks/setup.js';
import { parseJunit, parseTap } from '../unit/format/output-validators.js';

/**
 * `cka-lab grade` on several clusters at once, through the built CLI: the embedded cluster's admin
 * context, a read-only grader identity (a ServiceAccount token bound to view + cka-lab-grader),
 * twenty such identities at once, and contexts that cannot be graded (a server that refuses
 * connections, a missing kubeconfig file, an unknown context), reported while the others are graded.
 */
jest.setTimeout(240_000);

const cli = fileURLToPath(new URL('../../bin/cka-lab.js', import.meta.url));
const paths = resolveLabPaths(process.env, process.platform, process.env['HOME'] ?? '');
const quiet: Progress = { step: () => undefined, detail: () => undefined, succeed: () => undefined, fail: () => undefined };
const adminKubeconfig = process.env['CKA_LAB_TEST_KUBECONFIG'] ?? '';
// RBAC tasks only: they need no schedulable node, so other work on a shared cluster cannot disturb them.
const solved = 'rbac-sa-role'; // set up and solved: 10/10
const unsolved = 'rbac-user-clusterrole'; // set up only: 0/10

interface Result { code: number; stdout: string; stderr: string }

function cka(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, KUBECONFIG: '', NO_COLOR: '1' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

let dir: string;
let environment: TaskEnvironment;
let identities: GraderIdentity[];
let adminContext: string;
/** One kubeconfig holding three contexts: the admin's, a read-only grader's, and one whose server refuses connections. */
let group: string;

function runSolution(script: string): Promise<void> {
  const env = { ...process.env, ...solutionEnv(environment.values), KUBECONFIG: adminKubeconfig, PATH: `${paths.toolsDir}:${process.env['PATH'] ?? ''}` };
  return new Promise((resolve, reject) => {
    execFile('bash', ['-euo', 'pipefail', '-c', script], { env, timeout: 120_000 }, (error, stdout, stderr) => (error === null ? resolve() : reject(new Error(`${stdout}${stderr}`))));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cka-lab-grade-clusters-'));
  environment = await openTaskEnvironment({ kubeconfigPaths: [adminKubeconfig], context: undefined, source: 'flag' }, paths, process.env);
  adminContext = environment.profile.contextName;
  const catalogue = await loadCatalogue();
  for (const id of [solved, unsolved]) {
    const task = renderTask(findTask(catalogue, id), environment.values);
    await resetTask(environment, task, quiet);
    await setupTask(environment, task, quiet);
  }
  await runSolution(await readFile(solutionPath(solved), 'utf8'));
  identities = await createGraderIdentities(environment.clients.kc, 20, join(dir, 'graders'));

  const admin = parse(await readFile(adminKubeconfig, 'utf8')) as { clusters: Array<{ name: string; cluster: Record<string, unknown> }>; users: unknown[]; contexts: Array<{ name: string; context: { cluster: string; user: string } }> };
  const grader = parse(await readFile(identities[0]?.kubeconfigFile ?? '', 'utf8')) as { users: Array<{ name: string; user: unknown }> };
  const adminEntry = admin.contexts.find((c) => c.name === adminContext);
  const clusterEntry = admin.clusters.find((c) => c.name === adminEntry?.context.cluster);
  group = join(dir, 'group.yaml');
  await writeFile(group, stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [...admin.clusters, { name: 'down', cluster: { ...clusterEntry?.cluster, server: 'https://127.0.0.1:1' } }],
    users: [...admin.users, { name: 'grader', user: grader.users[0]?.user }],
    contexts: [
      ...admin.contexts,
      { name: 'grader', context: { cluster: adminEntry?.context.cluster, user: 'grader' } },
      { name: 'down', context: { cluster: 'down', user: adminEntry?.context.user } },
    ],
    'current-context': adminContext,
  }), { mode: 0o600 });
});

afterAll(async () => {
  const catalogue = await loadCatalogue();
  for (const id of [solved, unsolved]) await resetTask(environment, renderTask(findTask(catalogue, id), environment.values), quiet);
  await deleteGraderIdentities(environment.clients.kc);
  await rm(dir, { recursive: true, force: true });
});

const verdicts = (task: TaskReport | undefined): Array<[string, boolean, number]> => (task?.checks ?? []).map((c) => [c.id, c.passed, c.points]);

describe('cka-lab grade on several clusters', () => {
  it('grades two contexts at once and reports the unreachable one, with its reason, while the others are graded', async () => {
    const result = await cka('grade', solved, unsolved, '--kubeconfig', group, '--context', adminContext, '--context', 'grader', '--context', 'down', '-o', 'json');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 3, stderr: '' });
    const run = JSON.parse(result.stdout) as GradeRun;
    expect(run).toMatchObject({ kind: 'GradeRun', version: 1, passMark: 66, passed: false, summary: { clusters: 3, passed: 0, failed: 2, unreachable: 1 } });
    const [admin, grader, down] = run.clusters;
    expect(admin).toMatchObject({ name: adminContext, status: 'graded', score: 10, maxScore: 20, percent: 50, passed: false, tasksPassed: 1, error: null });
    expect(admin?.tasks.map((t) => [t.task, t.score, t.maxScore, t.passed, t.setUp])).toEqual([[solved, 10, 10, true, true], [unsolved, 0, 10, false, true]]);
    // The read-only identity sees what the admin sees, check by check.
    expect(grader).toMatchObject({ name: 'grader', context: 'grader', status: 'graded', score: 10, maxScore: 20 });
    expect(grader?.tasks.map(verdicts)).toEqual(admin?.tasks.map(verdicts));
    expect(down).toMatchObject({ name: 'down', context: 'down', status: 'unreachable', server: null, passed: false, tasks: [] });
    expect(down?.error).toMatch(/Cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:1 .*ECONNREFUSED/);
  });

  it('exits 0 only when every cluster reaches the pass mark', async () => {
    const both = ['grade', solved, unsolved, '--kubeconfig', group, '--context', adminContext, '--context', 'grader'];
    const failing = await cka(...both, '-o', 'table');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(new RegExp(`^grader\\s+TOTAL\\s+10/20\\s+50%\\s+failed$`, 'm'));
    const passing = await cka(...both, '--pass', '30', '-o', 'table');
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('2 of 2 cluster(s) passed (pass mark 30%)');
  });

  it('writes JUnit that is well-formed XML, the unreachable cluster as an error', async () => {
    const result = await cka('grade', solved, unsolved, '--kubeconfig', group, '--context', adminContext, '--context', 'grader', '--context', 'down', '-o', 'junit');
    expect(result.code).toBe(3);
    const doc = parseJunit(result.stdout);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.errors])).toEqual([
      // 5 + 5 checks and the pass mark; the 5 checks of the unsolved task and the pass mark fail.
      [adminContext, '11', '6', '0'],
      ['grader', '11', '6', '0'],
      ['down', '1', '0', '1'],
    ]);
    expect(suites[2]?.testcase[0]?.error?.message).toContain('ECONNREFUSED');
    expect(suites[0]?.testcase.filter((c) => c.classname === solved).every((c) => c.failure === undefined)).toBe(true);
  });

  it('writes valid TAP: ok for the clusters that pass, not ok for the one that cannot be graded', async () => {
    const result = await cka('grade', solved, unsolved, '--kubeconfig', group, '--context', adminContext, '--context', 'grader', '--context', 'down', '--pass', '30', '-o', 'tap');
    expect(result.code).toBe(3);
    const tap = await parseTap(result.stdout);
    expect(tap.extra).toEqual([]);
    expect(tap.plan).toEqual({ start: 1, end: 3 });
    expect(tap.asserts.map((a) => [a.id, a.ok])).toEqual([[1, true], [2, true], [3, false]]);
    expect(tap.asserts[2]?.name).toMatch(/^down: unreachable: Cannot reach/);
    expect(tap.ok).toBe(false);
  });

  it('grades twenty read-only identities at once, each a kubeconfig file of one directory', async () => {
    const result = await cka('grade', solved, '--kubeconfig-dir', join(dir, 'graders'), '--concurrency', '8', '-o', 'json');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const run = JSON.parse(result.stdout) as GradeRun;
    expect(run.summary).toEqual({ clusters: 20, passed: 20, failed: 0, unreachable: 0 });
    expect(run.clusters.map((c) => c.name)).toEqual(identities.map((i) => `${i.name}.yaml/${i.context}`));
    expect(run.clusters.every((c) => c.score === 10 && c.maxScore === 10)).toBe(true);
  });

  it('with no task named, grades the tasks set up on each cluster', async () => {
    const result = await cka('grade', '--kubeconfig', group, '--context', adminContext, '--context', 'grader', '-o', 'json');
    const run = JSON.parse(result.stdout) as GradeRun;
    for (const cluster of run.clusters) {
      expect(cluster.status).toBe('graded');
      // Other tasks may be set up too; these two are, and grade as set.
      expect(cluster.tasks.filter((t) => t.task === solved || t.task === unsolved).map((t) => [t.task, t.score])).toEqual(expect.arrayContaining([[solved, 10], [unsolved, 0]]));
      expect(cluster.tasks.every((t) => t.setUp)).toBe(true);
    }
  });

  it('reports a missing kubeconfig file and an unknown context in place, and grades the rest', async () => {
    const missing = join(dir, 'nobody.yaml');
    const files = await cka('grade', solved, '--kubeconfig', group, '--kubeconfig', missing, '-o', 'json');
    expect(files.code).toBe(3);
    const byFile = JSON.parse(files.stdout) as GradeRun;
    expect(byFile.clusters.map((c) => [c.name, c.status, c.score])).toEqual([[`group.yaml/${adminContext}`, 'graded', 10], ['nobody.yaml', 'unreachable', 0]]);
    expect(byFile.clusters[1]?.error).toBe(`No kubeconfig file found at ${missing}.`);
    const contexts = await cka('grade', solved, '--kubeconfig', group, '--context', 'grader', '--context', 'ghost', '-o', 'json');
    const byContext = JSON.parse(contexts.stdout) as GradeRun;
    expect(byContext.clusters.map((c) => [c.name, c.status])).toEqual([['grader', 'graded'], ['ghost', 'unreachable']]);
    expect(byContext.clusters[1]?.error).toBe(`Context 'ghost' is not in ${group}.`);
    expect(byContext.clusters[1]?.hint).toBe(`Known contexts: ${adminContext}, grader, down.`);
  });
});

describe('cka-lab grade <task> -o json on one cluster (the contract scripts rely on)', () => {
  it('prints exactly one task object and exits 0 only when the task passed', async () => {
    const pass = await cka('grade', solved, '-o', 'json', '--kubeconfig', adminKubeconfig);
    expect(pass.code).toBe(0);
    const report = JSON.parse(pass.stdout) as TaskReport;
    expect(report).toMatchObject({ task: solved, score: 10, maxScore: 10, passed: true, setUp: true, context: adminContext });
    for (const check of report.checks) expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'name', 'passed', 'points', 'maxPoints', 'message']));
    const fail = await cka('grade', unsolved, '-o', 'json', '--kubeconfig', adminKubeconfig);
    expect(fail.code).toBe(1);
    expect(JSON.parse(fail.stdout)).toMatchObject({ task: unsolved, score: 0, maxScore: 10, passed: false });
  });

  it('still fails with the error on stderr (exit 3) when that one cluster cannot be reached', async () => {
    const result = await cka('grade', solved, '-o', 'json', '--kubeconfig', group, '--context', 'down');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Cannot reach the Kubernetes API server at https://127.0.0.1:1');
  });

  it('is refused a second --context by the commands that work on one cluster', async () => {
    const result = await cka('cluster', 'status', '--context', 'a', '--context', 'b');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--context is given 2 times; this command works on one cluster.');
  });
});
