import { describe, expect, it, jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { solutionPath } from '../../src/services/tasks/catalogue.js';
import { attemptsOf, isolated, proveTask, tasks } from './task-proof.js';

/**
 * Every task that changes nodes, restarts the control plane or conflicts with another, proven
 * one after the other (the others are proven side by side in tasks-isolated.test.ts).
 */
jest.setTimeout(300_000);

describe('the catalogue', () => {
  it('has tasks this cluster can run, each with a solution and at least two wrong attempts on record', async () => {
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      await expect(readFile(solutionPath(task.id), 'utf8')).resolves.toMatch(/^#!\/usr\/bin\/env bash\n/);
      const wrong = (await attemptsOf(task.id)).filter((a) => !a.passes);
      expect({ task: task.id, wrongAttempts: wrong.length >= 2 }).toEqual({ task: task.id, wrongAttempts: true });
    }
  });
});

const serial = tasks.filter((t) => !isolated(t));
// CKA_LAB_TASKS may name only isolated tasks: then there is nothing to prove here.
if (serial.length > 0) {
  describe.each(serial.map((t) => [t.id, t] as const))('task %s', (_id, task) => {
    it('setup fails, the solution passes, attempts grade as recorded, reset cleans up', () => proveTask(task));
  });
}
