import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const cli = fileURLToPath(new URL('../../bin/cka-lab.js', import.meta.url));

/** The built CLI in a real terminal, driven like a user would: keys in, screen out. */
export class TerminalSession {
  readonly name = `cka-e2e-${randomBytes(4).toString('hex')}`;

  constructor(command: string, env: Record<string, string>) {
    const exports = Object.entries({ NO_COLOR: '1', ...env }).map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`).join(' ');
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', '140', '-y', '50', `env ${exports} ${command}; echo "EXIT=$?"; sleep 600`]);
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-J', '-S', '-200', '-t', this.name], { encoding: 'utf8' });
  }

  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = this.screen();
      if (pattern.test(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the terminal never showed ${pattern}; it shows:\n${text}`);
  }

  close(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
