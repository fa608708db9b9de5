import { describe, expect, it } from '@jest/globals';
import { render } from '@inquirer/testing';
import { timedMenuPrompt, type TimedMenuConfig } from '../../../src/adapters/ui/timed-menu.js';
import { styleFor } from '../../../src/core/style.js';

const plain = styleFor(false);
type Action = 'next' | 'flag' | 'submit';

const config = (deadline: number, now: () => number, extra: Partial<TimedMenuConfig<Action>> = {}): TimedMenuConfig<unknown> => ({
  message: 'Task 1/3 — what next?',
  choices: [
    { key: 'n', name: 'Next task', value: 'next' },
    { key: 'f', name: 'Flag for review', value: 'flag' },
    { key: 'p', name: 'Previous task', value: 'previous', disabled: true },
    { key: 's', name: 'Submit the exam…', value: 'submit' },
  ],
  deadline, now, style: plain, ...extra,
});

describe('the timed menu', () => {
  it('Given 1h30 left, shows the countdown inside the prompt, and enter picks the choice under the cursor', async () => {
    const now = 0;
    const { answer, events, getScreen } = await render(timedMenuPrompt, config(90 * 60_000, () => now));
    expect(getScreen()).toContain('⏱  1:30:00 left');
    expect(getScreen()).toContain('❯  [n] Next task');
    events.keypress('down');
    expect(getScreen()).toContain('❯  [f] Flag for review');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'chosen', value: 'flag' });
  });

  it('skips disabled choices with the arrows and ignores their keys', async () => {
    const { answer, events, getScreen } = await render(timedMenuPrompt, config(60_000_000, () => 0, { start: 1 }));
    events.keypress('down');
    expect(getScreen()).toContain('❯  [s] Submit the exam…');
    events.keypress('p');
    events.keypress('s');
    await expect(answer).resolves.toEqual({ kind: 'chosen', value: 'submit' });
  });

  it('answers with the choice whose key was pressed, not the one under the cursor', async () => {
    const { answer, events, getScreen } = await render(timedMenuPrompt, config(60_000_000, () => 0));
    events.keypress('s');
    await expect(answer).resolves.toEqual({ kind: 'chosen', value: 'submit' });
    expect(getScreen()).toContain('Task 1/3 — what next? Submit the exam…');
  });

  it('counts down every tick and warns once 15 minutes are left', async () => {
    let now = 0;
    const { answer, events, getScreen } = await render(timedMenuPrompt, config(16 * 60_000, () => now, { tickMs: 10 }));
    expect(getScreen()).toContain('0:16:00 left  Less than 30 minutes left!');
    now = 61_000;
    await new Promise((r) => setTimeout(r, 40));
    expect(getScreen()).toContain('0:14:59 left  Less than 15 minutes left!');
    events.keypress('n');
    await expect(answer).resolves.toEqual({ kind: 'chosen', value: 'next' });
  });

  it('resolves with time-up at the deadline, whatever the user is doing', async () => {
    let now = 0;
    const { answer } = await render(timedMenuPrompt, config(1000, () => now, { tickMs: 10 }));
    now = 1000;
    await expect(answer).resolves.toEqual({ kind: 'time-up' });
  });
});
