import { createPrompt, isDownKey, isEnterKey, isUpKey, useEffect, useKeypress, useState } from '@inquirer/core';
import { formatClock, warningLevel } from '../../core/exam/session.js';
import { InterruptedError } from '../../core/errors.js';
import type { Style } from '../../core/style.js';
import { isPromptExit } from './prompts.js';

/**
 * A menu with a live countdown in its first line, re-rendered every second inside the prompt
 * (never written over it), with a warning once 30, 15 and 5 minutes are left. Resolves with
 * the chosen value, or `time-up` at the deadline. Each choice may have a one-key shortcut.
 */
export interface TimedChoice<T> {
  readonly name: string;
  readonly value: T;
  readonly key?: string;
  readonly disabled?: boolean;
}

export interface TimedMenuConfig<T> {
  readonly message: string;
  readonly choices: ReadonlyArray<TimedChoice<T>>;
  readonly deadline: number;
  readonly style: Style;
  readonly now?: () => number;
  readonly tickMs?: number;
  /** Minutes left at which to warn (default 30, 15, 5). */
  readonly warnings?: readonly number[];
  /** Index of the choice the cursor starts on. */
  readonly start?: number;
}

export type TimedAnswer<T> = { readonly kind: 'chosen'; readonly value: T } | { readonly kind: 'time-up' };

export function clockLine(remaining: number, style: Style, warnings?: readonly number[]): string {
  const level = warningLevel(remaining, warnings);
  const clock = `⏱  ${formatClock(remaining)} left`;
  if (level === undefined) return style.bold(clock);
  const paint = level <= 5 ? style.red : style.yellow;
  return `${paint(style.bold(clock))}  ${paint(`Less than ${level} minutes left!`)}`;
}

function firstEnabled<T>(choices: ReadonlyArray<TimedChoice<T>>, from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < choices.length; i += step) if (choices[i]?.disabled !== true) return i;
  return -1;
}

const timedMenuPrompt = createPrompt<TimedAnswer<unknown>, TimedMenuConfig<unknown>>((config, done) => {
  const now = config.now ?? Date.now;
  const s = config.style;
  const [cursor, setCursor] = useState(() => {
    const start = config.start ?? 0;
    const found = firstEnabled(config.choices, start, 1);
    return found >= 0 ? found : firstEnabled(config.choices, start, -1);
  });
  const [remaining, setRemaining] = useState(() => config.deadline - now());
  const [finished, setFinished] = useState(false);

  useEffect(() => {
    const tick = (): void => {
      const left = config.deadline - now();
      setRemaining(left);
      if (left <= 0) {
        setFinished(true);
        done({ kind: 'time-up' });
      }
    };
    tick();
    const timer = setInterval(tick, config.tickMs ?? 1000);
    return () => clearInterval(timer);
  }, []);

  useKeypress((key) => {
    if (finished) return;
    if (isEnterKey(key)) {
      const choice = config.choices[cursor];
      if (choice !== undefined && choice.disabled !== true) {
        setFinished(true);
        done({ kind: 'chosen', value: choice.value });
      }
      return;
    }
    if (isUpKey(key) || isDownKey(key)) {
      const step = isUpKey(key) ? -1 : 1;
      const next = firstEnabled(config.choices, cursor + step, step);
      if (next >= 0) setCursor(next);
      return;
    }
    const byKey = config.choices.findIndex((c) => c.key !== undefined && c.key === key.name && c.disabled !== true);
    const chosen = config.choices[byKey];
    if (chosen !== undefined && !key.ctrl) {
      setCursor(byKey);
      setFinished(true);
      done({ kind: 'chosen', value: chosen.value });
    }
  });

  const clock = clockLine(remaining, s, config.warnings);
  if (finished) {
    const chosen = config.choices[cursor];
    return `${clock}\n${s.green('✔')} ${s.bold(config.message)}${remaining > 0 && chosen !== undefined ? ` ${s.cyan(chosen.name)}` : ''}`;
  }
  const lines = config.choices.map((c, i) => {
    const key = c.key === undefined ? '   ' : `[${c.key}]`;
    const text = `${key} ${c.name}`;
    if (c.disabled === true) return `   ${s.dim(text)}`;
    return i === cursor ? `${s.cyan('❯')}  ${s.cyan(text)}` : `   ${text}`;
  });
  return `${clock}\n${s.cyan('?')} ${s.bold(config.message)}\n${lines.join('\n')}\n${s.dim('↑↓ and enter, or press a key in [ ]')}`;
});

/** Asks through the timed menu; Ctrl-C becomes an InterruptedError. */
export async function timedMenu<T>(config: TimedMenuConfig<T>, context: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}): Promise<TimedAnswer<T>> {
  try {
    // The answered menu is erased: the screen keeps the task and the live menu only.
    return (await timedMenuPrompt(config as TimedMenuConfig<unknown>, { clearPromptOnDone: true, ...context })) as TimedAnswer<T>;
  } catch (error) {
    if (isPromptExit(error)) throw new InterruptedError();
    throw error;
  }
}

export { timedMenuPrompt };
