import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Milliseconds `work` takes. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Runs `work` `runs` times in a row and keeps every duration and the last value. */
export async function repeat<T>(runs: number, work: () => Promise<T>): Promise<{ times: number[]; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const { ms, value } = await timed(work);
    times.push(ms);
    last = value;
  }
  return { times, last: last as T };
}

export interface ProcessTiming {
  /** From spawn to the first byte on stdout (to exit when it prints nothing). */
  readonly firstOutputMs: number;
  readonly exitMs: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns a process and times it, as a person at a shell sees it: until it prints, until it ends. */
export function timeProcess(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessTiming> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let first: number | undefined;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(file, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      first ??= performance.now();
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const end = performance.now();
      resolve({ firstOutputMs: (first ?? end) - start, exitMs: end - start, code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** `runs` timings of one command, one after the other. */
export async function sampleProcess(runs: number, file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessTiming[]> {
  const timings: ProcessTiming[] = [];
  for (let i = 0; i < runs; i++) timings.push(await timeProcess(file, args, env));
  return timings;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
