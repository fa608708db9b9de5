import type { Io } from './io.js';

export interface Progress {
  /** A new phase: shown live on a terminal, printed as a line otherwise. */
  step(text: string): void;
  /** Live detail for the current phase (counts, names); terminals only. */
  detail(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** A spinner with elapsed time on stderr when it is a terminal; plain lines when it is not. */
export function startProgress(io: Io, first: string, now: () => number = Date.now): Progress {
  const s = io.errStyle;
  let stepText = first;
  let detailText = '';
  let stepStart = now();
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const live = io.errIsTTY;

  const render = (): void => {
    const spinner = s.cyan(frames[frame % frames.length] ?? '*');
    const extra = detailText === '' ? '' : s.dim(` — ${detailText}`);
    io.stderr.write(`\r\u001b[K${spinner} ${stepText}${extra} ${s.dim(formatElapsed(now() - stepStart))}`);
    frame++;
  };
  const clear = (): void => {
    if (live) io.stderr.write('\r\u001b[K');
  };
  if (live) {
    render();
    timer = setInterval(render, 100);
    timer.unref();
  } else {
    io.stderr.write(`${first}...\n`);
  }
  const stop = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    clear();
  };
  return {
    step(text) {
      if (live) {
        io.stderr.write(`\r\u001b[K${s.green('✓')} ${stepText} ${s.dim(formatElapsed(now() - stepStart))}\n`);
      } else {
        io.stderr.write(`${text}...\n`);
      }
      stepText = text;
      detailText = '';
      stepStart = now();
    },
    detail(text) {
      detailText = text;
    },
    succeed(text) {
      stop();
      io.stderr.write(`${s.green('✓')} ${text}\n`);
    },
    fail(text) {
      stop();
      io.stderr.write(`${s.red('✗')} ${text}\n`);
    },
  };
}


/**
 * Runs `work` under a spinner: on success the spinner ends with `done(result)`, on failure with
 * `failure` before the error goes on to the entry point.
 */
export async function withProgress<T>(io: Io, first: string, failure: string, work: (progress: Progress) => Promise<T>, done: (result: T) => string): Promise<T> {
  const progress = startProgress(io, first);
  let result: T;
  try {
    result = await work(progress);
  } catch (error) {
    progress.fail(failure);
    throw error;
  }
  progress.succeed(done(result));
  return result;
}
