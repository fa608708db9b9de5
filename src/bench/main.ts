import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterTarget } from '../adapters/kube/config.js';
import { packagePath } from '../adapters/store/package-files.js';
import type { Progress } from '../adapters/ui/progress.js';
import { errorMessage } from '../core/errors.js';
import type { CheckResult } from '../core/grading/checks.js';
import { resolveLabPaths, type LabPaths } from '../core/paths.js';
import type { Task } from '../core/tasks/model.js';
import { solutionEnv } from '../core/tasks/template.js';
import { embeddedDown, embeddedStatus, embeddedUp } from '../services/cluster/embedded.js';
import { resolveTargets } from '../services/cluster/target.js';
import { loadCatalogue, solutionPath } from '../services/tasks/catalogue.js';
import { readTaskRecords } from '../services/tasks/cluster-state.js';
import { openTaskEnvironment, renderTask, type TaskEnvironment } from '../services/tasks/environment.js';
import { gradeClusters } from '../services/tasks/grade-clusters.js';
import { gradeTasks } from '../services/tasks/grade.js';
import { resetTask } from '../services/tasks/reset.js';
import { setupTask } from '../services/tasks/setup.js';
import { createGraderIdentities, deleteGraderIdentities } from './identities.js';
import { formatMs, median, repeat, sampleProcess, timed, timeProcess } from './measure.js';

/**
 * `npm run bench`: figures and ratios measured in one run on the embedded cluster, apart from the
 * test suite's pass/fail. It sets up (then resets) every task, so run it on a cluster you are not
 * practising on — or on a private one: CKA_LAB_STATE_DIR=/tmp/x npm run bench starts its own (and
 * stops it at the end, unless CKA_LAB_KEEP_CLUSTER=1). `cluster up` is timed only with
 * --with-cluster-restart (or CKA_LAB_BENCH_RESTART=1): it stops the cluster, which others may be using.
 */

const representative = ['sched-node-selector', 'rbac-sa-role', 'rollout-update-rollback', 'drain-node'] as const;
const cli = fileURLToPath(new URL('../../bin/cka-lab.js', import.meta.url));
const quiet: Progress = { step: () => undefined, detail: () => undefined, succeed: () => undefined, fail: () => undefined };
const log = (text: string): void => void process.stderr.write(`· ${text}\n`);

interface Row {
  readonly what: string;
  readonly measured: string;
  readonly target: string;
  /** undefined: no target. */
  readonly met: boolean | undefined;
}

interface BenchOptions {
  readonly runs: number;
  readonly restart: boolean;
}

function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const at = argv.indexOf('--runs');
  const runs = at >= 0 ? Number(argv[at + 1]) : 15;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a whole number of at least 1; got '${argv[at + 1] ?? ''}'`);
  return { runs, restart: argv.includes('--with-cluster-restart') || env['CKA_LAB_BENCH_RESTART'] === '1' };
}

function conflict(a: Task, b: Task): boolean {
  return a.conflicts.includes(b.id) || b.conflicts.includes(a.id);
}

function shellEnv(environment: TaskEnvironment, paths: LabPaths, kubeconfig: string): NodeJS.ProcessEnv {
  return { ...process.env, ...solutionEnv(environment.values), KUBECONFIG: kubeconfig, PATH: `${paths.toolsDir}:${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };
}

/** The kubectl script's verdicts (PASS|FAIL <check id>) against ours, check by check. */
function agreement(scriptOutput: string, checks: readonly CheckResult[]): string {
  const theirs = new Map<string, boolean>();
  for (const line of scriptOutput.split('\n')) {
    const match = /^(PASS|FAIL) (\S+)$/.exec(line.trim());
    if (match?.[2] !== undefined) theirs.set(match[2], match[1] === 'PASS');
  }
  const differing = checks.filter((c) => theirs.get(c.id) !== c.passed).map((c) => `${c.id} (ours ${c.passed ? 'pass' : 'fail'}, script ${theirs.has(c.id) ? (theirs.get(c.id) === true ? 'pass' : 'fail') : 'silent'})`);
  const verdicts = `${checks.filter((c) => c.passed).length}/${checks.length} checks pass`;
  return differing.length === 0 ? `same verdicts (${verdicts})` : `DIFFERENT on ${differing.join(', ')}`;
}

/** How many times a script runs kubectl: once more through a counting kubectl placed first on PATH. */
async function countKubectlCalls(script: string, env: NodeJS.ProcessEnv, paths: LabPaths, work: string): Promise<number> {
  const shim = join(work, 'count-kubectl');
  const counter = join(work, 'kubectl-calls');
  await rm(counter, { force: true });
  await mkdir(shim, { recursive: true });
  await writeFile(join(shim, 'kubectl'), `#!/bin/sh\necho >> '${counter}'\nexec '${join(paths.toolsDir, 'kubectl')}' "$@"\n`, { mode: 0o755 });
  await timeProcess('bash', [script], { ...env, PATH: `${shim}:${env['PATH'] ?? ''}` });
  return (await readFile(counter, 'utf8').catch(() => '')).split('\n').length - 1;
}

function table(rows: readonly Row[]): string {
  const header = ['measure', 'measured', 'target', 'result'];
  const cells = rows.map((r) => [r.what, r.measured, r.target, r.met === undefined ? '' : r.met ? 'met' : 'MISSED']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: readonly string[]): string => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export async function runBench(argv: readonly string[]): Promise<number> {
  const options = benchOptions(argv, process.env);
  const env = process.env;
  const paths = resolveLabPaths(env, process.platform, env['HOME'] ?? homedir());
  const rows: Row[] = [];
  const notes: string[] = [];
  const { runs } = options;

  const startedCluster = (await embeddedStatus(paths)).state !== 'running';
  if (startedCluster) {
    log('starting the embedded cluster');
    await embeddedUp(paths, env, quiet);
  }
  const kubeconfig = paths.embeddedKubeconfig;
  const target: ClusterTarget = { kubeconfigPaths: [kubeconfig], context: undefined, source: 'flag' };
  let environment = await openTaskEnvironment(target, paths, env);
  const catalogue = await loadCatalogue();
  const runnable = catalogue.tasks.filter((t) => t.requires.every((c) => environment.profile.capabilities[c]));
  const setUpBefore = new Set(Object.keys(await readTaskRecords(environment.clients.kc)));
  const work = await mkdtemp(join(tmpdir(), 'cka-lab-bench-'));

  try {
    const setupMs = new Map<string, number>();
    const setupFailures: string[] = [];
    const setUp = async (task: Task, keep: boolean): Promise<void> => {
      const rendered = renderTask(task, environment.values);
      await resetTask(environment, rendered, quiet);
      try {
        setupMs.set(task.id, (await timed(() => setupTask(environment, rendered, quiet))).ms);
      } catch (error) {
        setupFailures.push(`${task.id}: ${errorMessage(error)}`);
      }
      if (!keep) await resetTask(environment, rendered, quiet);
      log(`set up ${task.id} in ${formatMs(setupMs.get(task.id) ?? Number.NaN)}${keep ? '' : ' (then reset: it conflicts with a task kept set up)'}`);
    };

    // From a clean slate: a task left set up (by an earlier run, say) may hold a node cordoned.
    for (const task of runnable) await resetTask(environment, renderTask(task, environment.values), quiet);

    // First the representative tasks alone, each set up and solved, so that their checks do real work.
    const chosen = representative.map((id) => runnable.find((t) => t.id === id)).filter((t): t is Task => t !== undefined);
    const shell = shellEnv(environment, paths, kubeconfig);
    for (const task of chosen) {
      await setUp(task, true);
      const solution = await timeProcess('bash', ['-euo', 'pipefail', '-c', await readFile(solutionPath(task.id), 'utf8')], shell);
      if (solution.code !== 0) notes.push(`the solution of ${task.id} failed (graded as it stands): ${solution.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
    }

    // Per task: our grader in this process, the CLI as a new process, and the kubectl script.
    for (const task of chosen) {
      const { id } = task;
      const scriptFile = packagePath('src', 'bench', 'kubectl', `${id}.sh`);
      const ours = await repeat(runs, () => gradeTasks(environment, [task]));
      const script = await sampleProcess(runs, 'bash', [scriptFile], shell);
      const viaCli = median((await sampleProcess(runs, process.execPath, [cli, 'grade', id, '-o', 'json', '--kubeconfig', kubeconfig], shell)).map((t) => t.exitMs));
      const [inProcess, viaScript] = [median(ours.times), median(script.map((t) => t.exitMs))];
      const kubectlCalls = await countKubectlCalls(scriptFile, shell, paths, work);
      rows.push({ what: `${id}: cka-lab grader (in process)`, measured: formatMs(inProcess), target: '', met: undefined });
      rows.push({ what: `${id}: kubectl + jsonpath script (${kubectlCalls} kubectl runs)`, measured: formatMs(viaScript), target: '', met: undefined });
      rows.push({ what: `${id}: script / cka-lab in process`, measured: `${(viaScript / inProcess).toFixed(1)}×`, target: '≥ 10×', met: viaScript / inProcess >= 10 });
      rows.push({ what: `${id}: 'cka-lab grade' as a new process`, measured: `${formatMs(viaCli)} (script / it: ${(viaScript / viaCli).toFixed(1)}×)`, target: '', met: undefined });
      notes.push(`${id}: the kubectl script and cka-lab agree: ${agreement(script.at(-1)?.stdout ?? '', ours.last[0]?.checks ?? [])}`);
    }

    // Then every task from a fresh start, as an exam sets them up (a solved drain-node, say, would leave
    // no schedulable worker once uncordon-node cordons the other); those that conflict with one kept
    // set up are set up, timed and reset at once.
    for (const task of chosen) await resetTask(environment, renderTask(task, environment.values), quiet);
    setupMs.clear();
    const kept: Task[] = [];
    for (const task of runnable) if (!kept.some((k) => conflict(k, task))) kept.push(task);
    // The conflicting ones first, each alone on a clean cluster, as an exam without their rivals would set them up.
    for (const task of runnable.filter((t) => !kept.includes(t))) await setUp(task, false);
    for (const task of kept) await setUp(task, true);
    // A setup may restart the cluster (etcd restore moves the data dir): read the cluster afresh.
    environment = await openTaskEnvironment(target, paths, env);
    const setupTimes = [...setupMs.values()];
    const slowest = [...setupMs.entries()].sort((a, b) => b[1] - a[1])[0];
    rows.push({ what: `task setup, slowest of ${setupMs.size} (${slowest?.[0] ?? '-'})`, measured: formatMs(slowest?.[1] ?? Number.NaN), target: '< 3 s', met: slowest !== undefined && slowest[1] < 3000 && setupFailures.length === 0 });
    rows.push({ what: 'task setup, median', measured: formatMs(median(setupTimes)), target: '< 3 s', met: median(setupTimes) < 3000 });
    for (const failure of setupFailures) notes.push(`setup failed: ${failure}`);
    notes.push(`${kept.length} of ${runnable.length} tasks were set up at once for the whole-catalogue figures; the ${runnable.length - kept.length} that conflict with them were graded as the cluster stood`);

    // The whole catalogue graded as one exam, in one process and through the CLI.
    const exam = await repeat(runs, () => gradeTasks(environment, runnable));
    const examScore = exam.last.reduce((s, t) => s + t.score, 0);
    rows.push({ what: `whole catalogue (${runnable.length} tasks) graded as one exam, in process`, measured: formatMs(median(exam.times)), target: '< 1 s', met: median(exam.times) < 1000 });
    const examCli = await sampleProcess(Math.min(runs, 5), process.execPath, [cli, 'grade', ...runnable.map((t) => t.id), '-o', 'json', '--kubeconfig', kubeconfig], shell);
    rows.push({ what: `whole catalogue through 'cka-lab grade <all ids>' (new process)`, measured: formatMs(median(examCli.map((t) => t.exitMs))), target: '', met: undefined });

    // Start-up: to the first byte of output.
    const bareMs = median((await sampleProcess(runs, process.execPath, ['-e', '0'], shell)).map((t) => t.exitMs));
    rows.push({ what: "'node -e 0' (bare Node start, to exit)", measured: formatMs(bareMs), target: '', met: undefined });
    for (const args of [['--version'], ['list']]) {
      const ms = median((await sampleProcess(runs, process.execPath, [cli, ...args], shell)).map((t) => t.firstOutputMs));
      rows.push({ what: `'cka-lab ${args.join(' ')}' to first output`, measured: `${formatMs(ms)} (${(ms / bareMs).toFixed(1)}× node -e 0)`, target: '< 300 ms', met: ms < 300 });
    }

    // Twenty read-only identities (ServiceAccount tokens), each a kubeconfig file: 20 clusters' worth of contexts.
    const identities = await createGraderIdentities(environment.clients.kc, 20, join(work, 'graders'), 'bench');
    const targets = await resolveTargets({ kubeconfigs: [], kubeconfigDirs: [join(work, 'graders')], contexts: [], allContexts: false }, env, paths, env['HOME'] ?? homedir());
    const many = await repeat(Math.min(runs, 5), () => gradeClusters({ targets, selection: { kind: 'named', tasks: runnable }, passMark: 66, concurrency: 8, paths, env }));
    const consistent = many.last.clusters.every((c) => c.status === 'graded' && c.score === examScore);
    rows.push({ what: `${identities.length} contexts × ${runnable.length} tasks at once (concurrency 8), in process`, measured: formatMs(median(many.times)), target: '', met: undefined });
    const manyCli = await sampleProcess(3, process.execPath, [cli, 'grade', ...runnable.map((t) => t.id), '--kubeconfig-dir', join(work, 'graders'), '-o', 'json'], shell);
    rows.push({ what: `the same through 'cka-lab grade --kubeconfig-dir' (new process)`, measured: formatMs(median(manyCli.map((t) => t.exitMs))), target: '', met: undefined });
    notes.push(`20 contexts: ${consistent ? `every one scored what the admin scored (${examScore})` : `NOT all the same as the admin's ${examScore}: ${many.last.clusters.map((c) => `${c.name}=${c.status}:${c.score}`).join(', ')}`}`);
    await deleteGraderIdentities(environment.clients.kc);
  } finally {
    // Leave the cluster as it was: reset what the bench set up (tasks set up before it stay).
    for (const task of runnable.filter((t) => !setUpBefore.has(t.id))) {
      await resetTask(environment, renderTask(task, environment.values), quiet).catch((error: unknown) => notes.push(`reset ${task.id} failed: ${errorMessage(error)}`));
    }
    await rm(work, { recursive: true, force: true });
  }

  if (options.restart) {
    log('timing cluster up with cached binaries: down, then up');
    await embeddedDown(paths, env);
    const up = await timed(() => embeddedUp(paths, env, quiet));
    rows.push({ what: "'cluster up' with cached binaries (after down)", measured: formatMs(up.ms), target: '', met: undefined });
  } else {
    notes.push("'cluster up' was not timed: it needs 'cluster down' first, and others may be using the cluster (run with --with-cluster-restart or CKA_LAB_BENCH_RESTART=1)");
  }

  if (startedCluster && env['CKA_LAB_KEEP_CLUSTER'] !== '1') {
    // As the test suite does: a cluster the bench started is stopped again.
    log('stopping the embedded cluster the bench started');
    await embeddedDown(paths, env);
  }

  process.stdout.write(`cka-lab bench — ${runs} runs per figure (median), ${runnable.length} tasks, Node ${process.version}, ${process.platform}\n\n${table(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  return rows.some((r) => r.met === false) ? 1 : 0;
}

process.exitCode = await runBench(process.argv.slice(2));
