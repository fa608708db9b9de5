import { expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Progress } from '../../src/adapters/ui/progress.js';
import { conflictsBetween } from '../../src/core/exam/draw.js';
import { resolveLabPaths } from '../../src/core/paths.js';
import type { Task } from '../../src/core/tasks/model.js';
import { solutionEnv } from '../../src/core/tasks/template.js';
import { loadCatalogue, solutionPath } from '../../src/services/tasks/catalogue.js';
import { locateBinaries } from '../../src/services/cluster/binaries.js';
import { AuthorizationV1Api } from '@kubernetes/client-node';
import { openTaskEnvironment, renderTask, type TaskEnvironment } from '../../src/services/tasks/environment.js';
import { gradeTask, type GradeReport } from '../../src/services/tasks/grade.js';
import { resetTask } from '../../src/services/tasks/reset.js';
import { setupTask } from '../../src/services/tasks/setup.js';

/**
 * How a task is proven on the real embedded cluster: setup alone fails; the reference solution
 * scores 100 %; every recorded attempt (test/cluster/attempts/<id>.yaml) passes or fails as
 * recorded, on the checks it names; reset leaves nothing the task owns. Shared by the serial
 * proofs (tasks.test.ts) and the concurrent ones (tasks-isolated.test.ts).
 */

interface Attempt {
  name: string;
  passes: boolean;
  failing?: string[];
  messageIncludes?: string[];
  script: string;
}

const paths = resolveLabPaths(process.env, process.platform, process.env['HOME'] ?? '');
const attemptsDir = fileURLToPath(new URL('./attempts/', import.meta.url));
const quiet: Progress = { step: () => undefined, detail: () => undefined, succeed: () => undefined, fail: () => undefined };

// Known when the file loads (the cluster is up by then), so each task is its own test.
const target = { kubeconfigPaths: [process.env['CKA_LAB_TEST_KUBECONFIG'] ?? ''], context: undefined, source: 'flag' } as const;
const firstEnvironment: TaskEnvironment = await openTaskEnvironment(target, paths, process.env);
/**
 * A read-only identity like a study group's grader: `view`, plus reading nodes and RBAC objects,
 * the one Secret a task grades by value, and asking SubjectAccessReviews. Every solved task must
 * grade the same under it.
 */
async function mintReadOnlyEnvironment(): Promise<TaskEnvironment> {
  const binaries = await locateBinaries(paths);
  const kwokctl = binaries?.path.kwokctl ?? 'kwokctl';
  const minted = await new Promise<string>((resolve, reject) => {
    execFile(kwokctl, ['get', 'kubeconfig', '--name', 'cka-lab', '--user', 'cka-lab-grader', '--group', 'cka-lab:graders'], { env: { ...process.env, KWOK_WORKDIR: paths.kwokWorkdir } }, (error, stdout) => (error === null ? resolve(stdout) : reject(error)));
  });
  const file = join(shimDir, 'grader.kubeconfig');
  await writeFile(file, minted, { mode: 0o600 });
  const manifest = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: cka-lab-test-grader }
rules:
  - { apiGroups: [""], resources: [nodes, persistentvolumes], verbs: [get, list, watch] }
  - { apiGroups: [""], resources: [secrets], resourceNames: [shop-db], verbs: [get] }
  - { apiGroups: [scheduling.k8s.io], resources: [priorityclasses], verbs: [get, list, watch] }
  - { apiGroups: [storage.k8s.io], resources: [storageclasses], verbs: [get, list, watch] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings, clusterroles, clusterrolebindings], verbs: [get, list, watch] }
  - { apiGroups: [apiextensions.k8s.io], resources: [customresourcedefinitions], verbs: [get, list] }
  - { apiGroups: [stable.example.com], resources: [backups], verbs: [get, list] }
  - { apiGroups: [gateway.networking.k8s.io], resources: [gateways, httproutes], verbs: [get, list] }
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list] }
  - { apiGroups: [authorization.k8s.io], resources: [subjectaccessreviews], verbs: [create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: cka-lab-test-grader }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cka-lab-test-grader }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: "cka-lab:graders" }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: cka-lab-test-grader-view }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: "cka-lab:graders" }]
`;
  const applied = await runScript(`kubectl apply -f - <<'YAML'\n${manifest}\nYAML`, { id: 'grader-identity' } as Task);
  if (applied.code !== 0) throw new Error(applied.output);
  return openTaskEnvironment({ kubeconfigPaths: [file], context: undefined, source: 'flag' }, paths, process.env);
}

const only = (process.env['CKA_LAB_TASKS'] ?? '').split(',').filter((id) => id !== '');
const catalogue = (await loadCatalogue()).tasks;
/** The tasks this cluster can run (CKA_LAB_TASKS=id,id narrows them). */
const conflicts = conflictsBetween(catalogue);
export const tasks: readonly Task[] = catalogue
  .filter((t) => t.requires.every((c) => firstEnvironment.profile.capabilities[c]))
  .filter((t) => only.length === 0 || only.includes(t.id));

/**
 * A task that can be proven while others are: it changes no node, needs nothing of the cluster
 * beyond the API (no etcd, no restarts; the Gateway API is API), and conflicts with no task, on either side.
 */
export function isolated(task: Task): boolean {
  const touchesNodes = task.owns.nodeLabels.length + task.owns.nodeTaints.length + task.owns.cordon.length > 0;
  const apiOnly = task.requires.every((c) => c === 'gatewayApi');
  return !touchesNodes && apiOnly && (conflicts.get(task.id)?.size ?? 0) === 0;
}

// Solutions call `cka-lab` as a user would (e.g. `cka-lab cluster restart`): put the built CLI on PATH.
const shimDir = await mkdtemp(join(tmpdir(), 'cka-lab-shim-'));
await writeFile(join(shimDir, 'cka-lab'), `#!/bin/sh\nexec "${process.execPath}" "${fileURLToPath(new URL('../../bin/cka-lab.js', import.meta.url))}" "$@"\n`, { mode: 0o755 });

function runScript(script: string, task: Task, environment: TaskEnvironment = firstEnvironment): Promise<{ code: number; output: string }> {
  const env = {
    ...process.env,
    ...solutionEnv(environment.values),
    KUBECONFIG: process.env['CKA_LAB_TEST_KUBECONFIG'] ?? '',
    PATH: `${shimDir}:${paths.toolsDir}:${process.env['PATH'] ?? ''}`,
  };
  return new Promise((resolve) => {
    execFile('bash', ['-euo', 'pipefail', '-c', script], { env, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: `${task.id}: ${stdout}${stderr}` });
    });
  });
}

export async function attemptsOf(taskId: string): Promise<Attempt[]> {
  try {
    return parse(await readFile(join(attemptsDir, `${taskId}.yaml`), 'utf8')) as Attempt[];
  } catch {
    return [];
  }
}

function failed(report: GradeReport): string[] {
  return report.checks.filter((c) => !c.passed).map((c) => c.id);
}

/**
 * Grades until the verdict is the one expected, for up to 10 s: controllers converge after a
 * script returns (an EndpointSlice follows a rollout by a moment), as a user grading a few seconds
 * later would see. A verdict that never comes is reported as the last one graded.
 */
async function settledGrade(environment: TaskEnvironment, rendered: Task, expected: (report: GradeReport) => boolean): Promise<GradeReport> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const report = await gradeTask(environment, rendered);
    if (expected(report) || Date.now() > deadline) return report;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The task reset and set up again, on an environment opened afresh: a restore moves etcd's data dir, and the values must follow. */
async function fresh(task: Task): Promise<{ environment: TaskEnvironment; rendered: Task }> {
  const environment = await openTaskEnvironment(target, paths, process.env);
  const rendered = renderTask(task, environment.values);
  await resetTask(environment, rendered, quiet);
  await setupTask(environment, rendered, quiet);
  return { environment, rendered };
}

async function nodeSnapshot(environment: TaskEnvironment): Promise<string> {
  const nodes = await environment.clients.core.listNode();
  return JSON.stringify(nodes.items.map((n) => ({ name: n.metadata?.name, labels: n.metadata?.labels, taints: n.spec?.taints ?? [], unschedulable: n.spec?.unschedulable === true })));
}


let readOnly: Promise<TaskEnvironment> | undefined;
/** Minted once per test file: concurrent proofs share it. */
function readOnlyEnvironment(): Promise<TaskEnvironment> {
  readOnly ??= mintReadOnlyEnvironment();
  return readOnly;
}

/** Proves one task end to end; every expectation names the task, so a failure says which. */
export async function proveTask(task: Task): Promise<void> {
  const before = await nodeSnapshot(firstEnvironment);
  let { environment, rendered } = await fresh(task);
  const initial = await gradeTask(environment, rendered);
  expect({ task: task.id, setUp: initial.setUp, passedAfterSetup: initial.passed }).toEqual({ task: task.id, setUp: true, passedAfterSetup: false });
  // Every check fails on the starting state, so none gives points for doing nothing (a guard that
  // the starting state satisfies counts only `after` the task's real work).
  expect({ task: task.id, earnedAfterSetup: initial.checks.filter((c) => c.passed).map((c) => c.id) }).toEqual({ task: task.id, earnedAfterSetup: [] });

  const solution = await runScript(await readFile(solutionPath(task.id), 'utf8'), task, environment);
  expect({ task: task.id, code: solution.code, output: solution.code === 0 ? '' : solution.output }).toEqual({ task: task.id, code: 0, output: '' });
  const solved = await settledGrade(environment, rendered, (report) => report.passed);
  expect({ task: task.id, failing: failed(solved), messages: solved.checks.filter((c) => !c.passed).map((c) => c.message) }).toEqual({ task: task.id, failing: [], messages: [] });
  expect(solved.score).toBe(solved.maxScore);

  // The same verdict from an identity that cannot write anything: grading only reads.
  const grader = await readOnlyEnvironment();
  const writable = await grader.clients.kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb: 'create', resource: 'configmaps', namespace: rendered.namespaces[0] ?? 'default' } } } });
  expect(writable.status?.allowed).toBe(false);
  const asGrader = await gradeTask(grader, rendered);
  expect({ task: task.id, failing: failed(asGrader), score: asGrader.score }).toEqual({ task: task.id, failing: [], score: solved.maxScore });

  for (const attempt of await attemptsOf(task.id)) {
    ({ environment, rendered } = await fresh(task));
    const run = await runScript(attempt.script, task, environment);
    expect({ task: task.id, attempt: attempt.name, code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ task: task.id, attempt: attempt.name, code: 0, output: '' });
    const expectedFailing = attempt.failing === undefined ? undefined : [...attempt.failing].sort().join();
    const report = await settledGrade(environment, rendered, (r) => r.passed === attempt.passes && (expectedFailing === undefined || [...failed(r)].sort().join() === expectedFailing));
    const summary = { task: task.id, attempt: attempt.name, passed: report.passed, failing: failed(report) };
    expect(summary).toEqual({ ...summary, passed: attempt.passes, ...(attempt.failing === undefined ? {} : { failing: attempt.failing }) });
    const messages = report.checks.filter((c) => !c.passed).map((c) => c.message).join('\n');
    for (const text of attempt.messageIncludes ?? []) expect({ attempt: attempt.name, messages }).toEqual({ attempt: attempt.name, messages: expect.stringContaining(text) });
  }

  await resetTask(environment, rendered, quiet);
  for (const ns of rendered.namespaces) {
    await expect(environment.clients.core.readNamespace({ name: ns })).rejects.toMatchObject({ code: 404 });
  }
  expect({ task: task.id, nodes: await nodeSnapshot(environment) }).toEqual({ task: task.id, nodes: before });
}
