import { select } from '@inquirer/prompts';
import { InterruptedError } from '../../core/errors.js';

/**
 * Every question cka-lab asks goes through here, so tests and non-interactive runs have one seam.
 * Ctrl-C becomes an InterruptedError (exit 130); a deadline aborts with `signal`.
 */
export interface Choice<T> {
  readonly name: string;
  readonly value: T;
  readonly description?: string;
}

export interface Prompter {
  choose<T>(message: string, choices: ReadonlyArray<Choice<T>>, options?: { signal?: AbortSignal }): Promise<T>;
}

/** Inquirer's Ctrl-C. */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}

export const terminalPrompter: Prompter = {
  async choose(message, choices, options = {}) {
    try {
      return await select({ message, choices: choices.map((c) => ({ name: c.name, value: c.value, ...(c.description === undefined ? {} : { description: c.description }) })), loop: false, pageSize: 10 }, options.signal === undefined ? undefined : { signal: options.signal });
    } catch (error) {
      if (isPromptExit(error)) throw new InterruptedError();
      throw error;
    }
  },
};
