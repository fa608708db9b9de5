import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveLabPaths } from '../../src/core/paths.js';
import { solutionEnv } from '../../src/core/tasks/template.js';
import { openTaskEnvironment } from '../../src/services/tasks/environment.js';
import { solutionPath } from '../../src/services/tasks/catalogue.js';
import { cli, TerminalSession } from './tmux.js';

jest.setTimeout(120_000);
const run = promisify(execFile);

let session: TerminalSession | undefined;
let history: string | undefined;

afterEach(async () => {
  session?.close();
  if (history !== undefined) await rm(history, { recursive: true, force: true });
});

describe('cka-lab drill in a real terminal, on the embedded cluster', () => {
  it('sets up a task, grades it after the solution is applied from another terminal, and quits', async () => {
    const kubeconfig = process.env['CKA_LAB_TEST_KUBECONFIG'] ?? '';
    const paths = resolveLabPaths(process.env, process.platform, process.env['HOME'] ?? '');
    // History goes to a scratch state dir, so cka-lab no longer knows the shared test cluster as its
    // own embedded one: it is just a cluster here, and changing it takes --allow-cluster.
    history = await mkdtemp(join(tmpdir(), 'cka-lab-e2e-state-'));
    const refused = await run(process.execPath, [cli, 'setup', 'sched-node-selector'], { env: { ...process.env, KUBECONFIG: kubeconfig, CKA_LAB_STATE_DIR: history } }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('does not look like a practice cluster') });
    session = new TerminalSession(`node ${cli} drill sched-node-selector --allow-cluster`, { KUBECONFIG: kubeconfig, CKA_LAB_STATE_DIR: history });
    const first = await session.waitFor(/what next\?/, 60_000);
    expect(first).toContain('Label the node cka-lab-worker with disktype=ssd');

    const environment = await openTaskEnvironment({ kubeconfigPaths: [kubeconfig], context: undefined, source: 'flag' }, paths, process.env);
    await run('bash', [solutionPath('sched-node-selector')], { env: { ...process.env, ...solutionEnv(environment.values), KUBECONFIG: kubeconfig, PATH: `${paths.toolsDir}:${process.env['PATH'] ?? ''}` } });

    session.keys('Enter');
    const graded = await session.waitFor(/Score \d+\/\d+ \(\d+%\) — (not )?passed/, 30_000);
    expect(graded).toContain('Score 5/5 (100%) — passed');

    await session.waitFor(/Score 5\/5[\s\S]*what next\?/);
    session.keys('Down', 'Down', 'Down', 'Down', 'Down', 'Enter');
    const end = await session.waitFor(/EXIT=\d+/);
    expect(end).toContain('EXIT=0');

    const files = await readdir(join(history, 'history'));
    const entry = JSON.parse(await readFile(join(history, 'history', files[0] ?? ''), 'utf8')) as { kind: string; task: string; passed: boolean };
    expect(entry).toMatchObject({ kind: 'drill', task: 'sched-node-selector', passed: true });

    const reset = await run(process.execPath, [cli, 'reset', 'sched-node-selector', '--allow-cluster'], { env: { ...process.env, KUBECONFIG: kubeconfig, CKA_LAB_STATE_DIR: history } });
    expect(reset.stderr).toContain('sched-node-selector is reset');
  });
});
