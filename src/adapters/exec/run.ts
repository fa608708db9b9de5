import { delimiter, join } from 'node:path';
import { access, constants } from 'node:fs/promises';
import { execa } from 'execa';
import { ExternalError, PrerequisiteError } from '../../core/errors.js';

export interface RunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Called for every line the process prints, as it prints it. */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readonly timeoutMs?: number;
  readonly input?: string;
  /** Words for error messages, e.g. "kind create cluster". */
  readonly describe?: string;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs a program to completion; a non-zero exit becomes an ExternalError with the output's tail. */
export async function runCommand(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const describe = options.describe ?? [file, ...args.slice(0, 2)].join(' ');
  const child = execa(file, [...args], {
    ...(options.env === undefined ? {} : { env: options.env, extendEnv: false }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    reject: false,
    all: true,
    stripFinalNewline: false,
  });
  if (options.onLine !== undefined) {
    const onLine = options.onLine;
    for (const [stream, name] of [[child.stdout, 'stdout'], [child.stderr, 'stderr']] as const) {
      let pending = '';
      stream?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line, name);
      });
    }
  }
  const result = await child;
  const code = result.code;
  if (code === 'ENOENT') {
    throw new PrerequisiteError(`'${file}' is not installed or not on PATH.`);
  }
  if (result.timedOut) {
    throw new ExternalError(describe, `${describe} did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s.`, tail(String(result.all ?? '')));
  }
  if (result.isTerminated && result.signal !== undefined) {
    throw new ExternalError(describe, `${describe} was stopped by ${result.signal}.`, tail(String(result.all ?? '')));
  }
  if (result.exitCode !== 0) {
    throw new ExternalError(describe, `${describe} failed (exit code ${String(result.exitCode)}).`, tail(String(result.all ?? '')));
  }
  return { stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** The absolute path of an executable on PATH, or undefined. */
export async function findExecutable(name: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
