import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawExam } from '../../src/core/exam/draw.js';
import type { ExamState } from '../../src/core/exam/session.js';
import { loadCatalogue } from '../../src/services/tasks/catalogue.js';
import { cli, TerminalSession } from './tmux.js';

jest.setTimeout(240_000);

const sessions: TerminalSession[] = [];
let stateDir: string | undefined;

afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  if (stateDir !== undefined) await rm(stateDir, { recursive: true, force: true });
});

/** A seed whose 3-task exam avoids the etcd tasks, which restart the control plane and take long to reset. */
async function quickSeed(): Promise<number> {
  const { tasks } = await loadCatalogue();
  const capabilities = { realKubelets: false, controlPlaneFilesystem: true, etcd: true, etcdRestore: true, gatewayApi: true };
  for (let seed = 1; ; seed++) {
    const draw = drawExam(tasks, { count: 3, seed, capabilities });
    if (draw.tasks.every((t) => t.task.requires.length === 0)) return seed;
  }
}

async function savedExam(dir: string): Promise<ExamState> {
  return JSON.parse(await readFile(join(dir, 'exam', 'current.json'), 'utf8')) as ExamState;
}

/** Seconds shown by the last countdown on screen. */
function clockSeconds(screen: string): number {
  const all = [...screen.matchAll(/⏱ {2}(\d+):(\d\d):(\d\d) left/g)];
  const last = all[all.length - 1];
  if (last === undefined) throw new Error(`no countdown on screen:\n${screen}`);
  return Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3]);
}

describe('cka-lab exam in a real terminal, on the embedded cluster', () => {
  it('survives kill -9 mid-exam: --resume brings back the task, the flags and the wall-clock time left', async () => {
    const kubeconfig = process.env['CKA_LAB_TEST_KUBECONFIG'] ?? '';
    stateDir = await mkdtemp(join(tmpdir(), 'cka-lab-e2e-exam-'));
    const env = { KUBECONFIG: kubeconfig, CKA_LAB_STATE_DIR: stateDir };
    const seed = await quickSeed();
    const first = new TerminalSession(`node ${cli} exam --count 3 --seed ${seed} --duration 30 --allow-cluster`, env);
    sessions.push(first);

    const intro = await first.waitFor(/Ready\?/, 60_000);
    expect(intro).toMatch(/Mock exam [0-9A-Z]{5}-[0-9A-Z]{5}: 3 tasks, 30 minutes, pass mark 66%/);
    first.keys('Enter');
    const task1 = await first.waitFor(/Task 1\/3 — what next\?/, 120_000);
    expect(task1).toContain('Task 1 of 3');
    expect(clockSeconds(task1)).toBeLessThanOrEqual(30 * 60);
    expect(clockSeconds(task1)).toBeGreaterThan(29 * 60);

    first.keys('f');
    await first.waitFor(/Task 1\/3 ⚑ — what next\?/);
    first.keys('n');
    await first.waitFor(/Task 2 of 3[\s\S]*Task 2\/3 — what next\?/);
    const before = await savedExam(stateDir);
    expect(before).toMatchObject({ phase: 'running', current: 1 });
    expect(before.tasks.map((t) => t.flagged)).toEqual([true, false, false]);

    execFileSync('pkill', ['-KILL', '-f', `^node ${cli} exam --count 3 --seed ${seed}`]);
    expect(await first.waitFor(/EXIT=\d+/)).toContain('EXIT=137');
    // Time away counts: the deadline is on the wall clock.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const second = new TerminalSession(`node ${cli} exam --resume`, env);
    sessions.push(second);
    const resumed = await second.waitFor(/Task 2\/3 — what next\?/, 60_000);
    expect(resumed).toMatch(/Resuming exam [0-9A-Z-]+: 0:2\d:\d\d left \(the clock kept running while you were away\)/);
    expect(resumed).toContain('Task 2 of 3');
    const expectedLeft = ((before.deadline ?? 0) - Date.now()) / 1000;
    expect(Math.abs(clockSeconds(resumed) - expectedLeft)).toBeLessThanOrEqual(3);
    expect(clockSeconds(resumed)).toBeLessThanOrEqual(clockSeconds(task1) - 3);

    second.keys('j');
    const list = await second.waitFor(/Jump to which task\?/);
    expect(list).toMatch(/ 1\. .+ ⚑ flagged/);
    expect(list).toMatch(/ 2\. .+ ◀ current/);
    expect(list).toMatch(/ 3\. .+ not visited/);
    second.keys('b');
    await second.waitFor(/Task 2\/3 — what next\?\n(.*\n)*.*↑↓ and enter/);
    second.keys('s');
    await second.waitFor(/Submit the exam and grade every task now\? \(1 flagged, 1 never opened\)/);
    second.keys('y');
    const results = await second.waitFor(/Remove the exam's tasks from the cluster now\?/, 60_000);
    expect(results).toMatch(/Score \d+(\.\d)?% — NOT PASSED \(pass mark 66%\)/);
    expect(results).toMatch(/Time used 0:0\d:\d\d of 0:30:00/);
    expect(results).toContain('By domain');
    second.keys('Enter');
    expect(await second.waitFor(/EXIT=\d+/, 120_000)).toContain('EXIT=1');

    const history = await readdir(join(stateDir, 'history'));
    const entry = JSON.parse(await readFile(join(stateDir, 'history', history[0] ?? ''), 'utf8')) as Record<string, unknown>;
    expect(entry).toMatchObject({ kind: 'exam', passed: false, code: before.code });
    await expect(readFile(join(stateDir, 'exam', 'current.json'))).rejects.toThrow();
    const archived = await readdir(join(stateDir, 'exam'));
    expect(archived).toContain(`${before.id}.json`);
  });
});
