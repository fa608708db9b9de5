import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExamState } from '../../core/exam/session.js';
import { readTextIfExists, writeFileAtomic } from './files.js';

/**
 * The exam in progress lives in <state>/exam/current.json, rewritten atomically after every
 * action, so a kill -9 loses nothing; a finished exam moves to <state>/exam/<id>.json.
 */
export function currentExamPath(stateDir: string): string {
  return join(stateDir, 'exam', 'current.json');
}

export type StoredExam =
  | { readonly kind: 'none' }
  | { readonly kind: 'exam'; readonly state: ExamState }
  | { readonly kind: 'unreadable'; readonly file: string; readonly reason: string };

function looksLikeExam(value: unknown): value is ExamState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['version'] === 1 && typeof v['id'] === 'string' && typeof v['durationMinutes'] === 'number' && Array.isArray(v['tasks'])
    && typeof v['current'] === 'number' && (v['phase'] === 'setting-up' || v['phase'] === 'running' || v['phase'] === 'finished');
}

export async function readCurrentExam(stateDir: string): Promise<StoredExam> {
  const file = currentExamPath(stateDir);
  const text = await readTextIfExists(file);
  if (text === undefined) return { kind: 'none' };
  try {
    const parsed: unknown = JSON.parse(text);
    if (!looksLikeExam(parsed)) return { kind: 'unreadable', file, reason: 'it is not an exam saved by this version of cka-lab' };
    return { kind: 'exam', state: parsed };
  } catch (error) {
    return { kind: 'unreadable', file, reason: error instanceof Error ? error.message : String(error) };
  }
}

export async function saveCurrentExam(stateDir: string, state: ExamState): Promise<void> {
  await writeFileAtomic(currentExamPath(stateDir), `${JSON.stringify(state, null, 2)}\n`);
}

/** Keeps a finished exam with its results as <state>/exam/<id>.json and clears the current one. */
export async function archiveCurrentExam(stateDir: string, state: ExamState, results: Record<string, unknown>): Promise<string> {
  const target = join(stateDir, 'exam', `${state.id}.json`);
  await writeFileAtomic(target, `${JSON.stringify({ ...state, results }, null, 2)}\n`);
  await rm(currentExamPath(stateDir), { force: true });
  return target;
}

/** Moves the current exam file aside (abandoned or unreadable), keeping it for the user to look at. */
export async function setAsideCurrentExam(stateDir: string, suffix: string): Promise<string> {
  const target = join(stateDir, 'exam', `${suffix}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await rename(currentExamPath(stateDir), target);
  return target;
}
