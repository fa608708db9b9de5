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
