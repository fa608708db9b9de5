import { describe, expect, it, jest } from '@jest/globals';
import { mapBounded } from '../../src/core/grading/bounded.js';
import { isolated, proveTask, tasks } from './task-proof.js';

/**
 * The tasks that touch no node, need only the API and conflict with nothing, proven side by
 * side, four at a time: their namespaces are their own, and most of a proof is waiting for
 * namespaces to go (the namespace controller holds every deletion for 5 s). One test, so every
 * proof runs inside test code (jest refuses lazy imports between concurrent tests); each
 * failure names its task.
 */
jest.setTimeout(900_000);

const side = tasks.filter(isolated);
describe('tasks proven side by side', () => {
  it(`${side.length} isolated task(s): setup fails, the solution passes, attempts grade as recorded, reset cleans up`, async () => {
    const outcomes = await mapBounded(side, 4, async (task) => {
      const started = Date.now();
      try {
        await proveTask(task);
        return { task: task.id, failure: null, seconds: Math.round((Date.now() - started) / 1000) };
      } catch (error) {
        return { task: task.id, failure: error instanceof Error ? error.message : String(error), seconds: Math.round((Date.now() - started) / 1000) };
      }
    });
    process.stderr.write(`${outcomes.map((o) => `  ${o.failure === null ? '✓' : '✕'} ${o.task} (${o.seconds} s)`).join('\n')}\n`);
    expect(outcomes.filter((o) => o.failure !== null)).toEqual([]);
  });
});
