import type { ExitCode } from '../core/errors.js';
import type { Io } from '../adapters/ui/io.js';

/** One flag of a command. Parsing, validation and help are all generated from these. */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly valueName?: string;
  readonly choices?: readonly string[];
  readonly default?: string;
  readonly description: string;
}

export interface ArgumentSpec {
  readonly name: string;
  readonly required: boolean;
  readonly variadic?: boolean;
  readonly description: string;
}

export type OptionValue = string | boolean | string[] | undefined;
export type ParsedOptions = Readonly<Record<string, OptionValue>>;

export interface CommandInput {
  readonly args: readonly string[];
  readonly options: ParsedOptions;
  readonly io: Io;
}

export interface CommandModule {
  run(input: CommandInput): Promise<ExitCode | void>;
}

export interface CommandSpec {
  /** Words that select the command, e.g. ['cluster', 'up']. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly args?: readonly ArgumentSpec[];
  readonly options?: readonly OptionSpec[];
  /** Loaded on demand so start-up only pays for the command that runs. */
  readonly load: () => Promise<CommandModule>;
}

export interface CommandGroupSpec {
  readonly name: string;
  readonly summary: string;
}
