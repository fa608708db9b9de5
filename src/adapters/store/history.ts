import { join } from 'node:path';
import { writeFileAtomic } from './files.js';

/**
 * Past exams, drills and quizzes: one JSON file per entry under <state>/history, written
 * atomically, so a crash never leaves a half-written record and readers skip what they cannot parse.
 */
export async function recordHistory(stateDir: string, kind: 'quiz' | 'drill' | 'exam', entry: Record<string, unknown>, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = join(stateDir, 'history', `${stamp}-${kind}.json`);
  await writeFileAtomic(file, `${JSON.stringify({ kind, at: now.toISOString(), ...entry }, null, 2)}\n`);
  return file;
}

export interface HistoryRead<T> {
  readonly entries: T[];
  /** Files that could not be read or parsed: reported, never fatal. */
  readonly skipped: Array<{ file: string; reason: string }>;
}

/** Every history entry, oldest first; corrupt files are listed in `skipped`. */
export async function readHistory(stateDir: string): Promise<HistoryRead<Record<string, unknown>>> {
  const dir = join(stateDir, 'history');
  const { readdir, readFile } = await import('node:fs/promises');
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return { entries: [], skipped: [] };
  }
  const entries: Array<Record<string, unknown>> = [];
  const skipped: Array<{ file: string; reason: string }> = [];
  for (const file of files) {
    try {
      const parsed: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || !('kind' in parsed)) throw new Error('not a history entry');
      entries.push(parsed as Record<string, unknown>);
    } catch (error) {
      skipped.push({ file: join(dir, file), reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { entries, skipped };
}
