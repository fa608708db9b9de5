/**
 * One path for failures. Every expected situation is a `CliError` with an exit code and a
 * "try this" hint; the entry point (src/main.ts) is the only place that prints and exits.
 */

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  clusterUnavailable: 3,
  prerequisiteMissing: 4,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorOptions {
  hint?: string;
  cause?: unknown;
}

/** An expected situation the user can act on. Printed as one short paragraph, no stack. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCode, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options.hint;
  }
}

/** Bad flags, arguments or input files. */
export class UsageError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.usage, options);
  }
}

/** The cluster cannot be reached or cannot do what was asked. */
export class ClusterError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.clusterUnavailable, options);
  }
}

/** A tool the command needs (Go, kind, minikube, tmux...) is not installed. */
export class PrerequisiteError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.prerequisiteMissing, options);
  }
}

/** The work ran and did not succeed (a failed grade, a failed build...). */
export class FailureError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.failed, options);
  }
}

/** Ctrl-C or a prompt closed by the user. */
export class InterruptedError extends CliError {
  constructor(message = 'Interrupted.', options: CliErrorOptions = {}) {
    super(message, ExitCode.interrupted, options);
  }
}

/** A child process failed; carries the tail of its output so the message can say why. */
export class ExternalError extends CliError {
  readonly command: string;
  readonly outputTail: string;

  constructor(command: string, message: string, outputTail: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.failed, options);
    this.command = command;
    this.outputTail = outputTail;
  }
}

/** Something that should never happen: a bug in cka-lab. */
export class BugError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BugError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
