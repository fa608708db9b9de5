import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../../src/adapters/ui/io.js';
import { styleFor } from '../../../src/core/style.js';
import { main } from '../../../src/main.js';

async function pipeIo(): Promise<{ io: Io; out: () => string; err: () => string }> {
  const state = await mkdtemp(join(tmpdir(), 'cka-lab-no-tty-'));
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) },
    env: { HOME: state, CKA_LAB_STATE_DIR: join(state, 'state'), KUBECONFIG: join(state, 'missing-kubeconfig') },
    interactive: false, style: styleFor(false), errStyle: styleFor(false), errIsTTY: false,
  };
  return { io, out: () => out, err: () => err };
}

describe('commands that need answers, without a terminal', () => {
  it.each([
    [['exam'], /cka-lab exam is interactive and needs a terminal[\s\S]*hint: .*cka-lab exam sheet <code>.*cka-lab grade --exam <code>/],
    [['exam', '--resume'], /cka-lab exam is interactive and needs a terminal/],
    [['drill', 'storage'], /cka-lab drill is interactive and needs a terminal[\s\S]*hint: .*cka-lab setup <task>.*grade <task> -o json/],
    [['quiz'], /cka-lab quiz asks multiple-choice questions and needs an interactive terminal/],
  ])('%j fails at once with exit code 2 and names what to use instead', async (argv, message) => {
    const { io, out, err } = await pipeIo();
    await expect(main(argv, io)).resolves.toBe(2);
    expect(err()).toMatch(message);
    expect(out()).toBe('');
  });

  it('gives up an exam with --abandon, or says there is none, without a terminal', async () => {
    const { io, err } = await pipeIo();
    await expect(main(['exam', '--abandon'], io)).resolves.toBe(2);
    expect(err()).toContain('There is no exam in progress to abandon.');
  });

  it('rejects a malformed exam code with the reason', async () => {
    const { io, err } = await pipeIo();
    await expect(main(['exam', 'sheet', 'XYZ'], io)).resolves.toBe(2);
    expect(err()).toContain("'XYZ' is not an exam code: it has 3 characters instead of 10.");
  });
});
