import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, TerminalSession } from './tmux.js';

jest.setTimeout(60_000);

let session: TerminalSession | undefined;
let state: string | undefined;

afterEach(async () => {
  session?.close();
  if (state !== undefined) await rm(state, { recursive: true, force: true });
});

describe('cka-lab quiz in a real terminal', () => {
  it('asks the questions, takes the answers, scores, reviews and records the quiz', async () => {
    state = await mkdtemp(join(tmpdir(), 'cka-lab-e2e-'));
    session = new TerminalSession(`node ${cli} quiz --count 3 --seed 11 --domain storage`, { CKA_LAB_STATE_DIR: state });
    await session.waitFor(/\[1\/3\] Storage/);
    session.keys('Enter');
    await session.waitFor(/\[2\/3\] Storage/);
    session.keys('Down', 'Enter');
    await session.waitFor(/\[3\/3\] Storage/);
    session.keys('Enter');
    const screen = await session.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/Score [0-3]\/3 \(\d+%\)/);
    expect(screen).toContain('EXIT=0');
    if (!screen.includes('All correct.')) {
      expect(screen).toContain('Review');
      expect(screen).toContain('right answer:');
    }
    const history = await readdir(join(state, 'history'));
    expect(history).toHaveLength(1);
    const entry = JSON.parse(await readFile(join(state, 'history', history[0] ?? ''), 'utf8')) as { kind: string; seed: number; total: number };
    expect(entry).toMatchObject({ kind: 'quiz', seed: 11, total: 3 });
  });

  it('exits 130 on Ctrl-C and records nothing', async () => {
    state = await mkdtemp(join(tmpdir(), 'cka-lab-e2e-'));
    session = new TerminalSession(`node ${cli} quiz --count 3 --seed 11 --domain storage`, { CKA_LAB_STATE_DIR: state });
    await session.waitFor(/\[1\/3\]/);
    session.keys('C-c');
    const screen = await session.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=130');
    // A stack frame names file:line:column; question text may wrap onto a line starting with 'at'.
    expect(screen).not.toMatch(/\n\s+at .*:\d+:\d+\)?$/m);
    await expect(readdir(join(state, 'history'))).rejects.toThrow();
  });

  it('refuses to run without a terminal and says what to use instead', async () => {
    const { execFileSync } = await import('node:child_process');
    let output = '';
    let code = 0;
    try {
      execFileSync(process.execPath, [cli, 'quiz'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      code = failure.status;
      output = failure.stderr.toString();
    }
    expect(code).toBe(2);
    expect(output).toContain('needs an interactive terminal');
  });
});
