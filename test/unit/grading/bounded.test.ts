import { describe, expect, it } from '@jest/globals';
import { mapBounded } from '../../../src/core/grading/bounded.js';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapBounded', () => {
  it('never has more than the limit in flight, and answers in the order of the items', async () => {
    // Given 12 items whose work finishes in reverse order of start
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 12 }, (_, i) => i);
    // When they are mapped 3 at a time
    const results = await mapBounded(items, 3, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick(12 - item);
      inFlight--;
      return item * 10;
    });
    // Then at most 3 ran at once, all ran, and results follow the items
    expect(peak).toBe(3);
    expect(results).toEqual(items.map((i) => i * 10));
  });

  it('runs everything at once when the limit exceeds the items, and accepts no items', async () => {
    let peak = 0;
    let inFlight = 0;
    await mapBounded([1, 2, 3], 50, async () => {
      peak = Math.max(peak, ++inFlight);
      await tick(5);
      inFlight--;
    });
    expect(peak).toBe(3);
    await expect(mapBounded([], 4, async () => 1)).resolves.toEqual([]);
  });

  it('rejects with the first error and starts nothing after it', async () => {
    const started: number[] = [];
    const map = mapBounded([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await tick(5);
      if (item === 1) throw new Error('item 1 failed');
      return item;
    });
    await expect(map).rejects.toThrow('item 1 failed');
    await tick(30);
    // Items 0 and 1 ran together; item 2 started when 0 finished, before 1 failed; nothing after.
    expect(started).toEqual([0, 1, 2]);
  });

  it('refuses a limit below one or not whole', async () => {
    await expect(mapBounded([1], 0, async () => 1)).rejects.toThrow(RangeError);
    await expect(mapBounded([1], 1.5, async () => 1)).rejects.toThrow(RangeError);
  });
});
