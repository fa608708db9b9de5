import { readFileSync } from 'node:fs';
import { commandGroups, commands, globalOptions } from './cli/commands.js';
import { commandHelp, overviewHelp } from './cli/help.js';
import { parseCommandLine } from './cli/parse.js';
import { createProcessIo, type Io } from './adapters/ui/io.js';
import { CliError, ExitCode, ExternalError, InterruptedError } from './core/errors.js';

export function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const parsed: unknown = JSON.parse(text);
  const version = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}

function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

export function reportError(error: unknown, io: Io): ExitCode {
  const s = io.errStyle;
  if (isPromptExit(error)) {
    io.stderr.write(`${s.dim('Interrupted.')}\n`);
    return ExitCode.interrupted;
  }
  if (error instanceof InterruptedError) {
    io.stderr.write(`${s.dim(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    io.stderr.write(`${s.red('error:')} ${error.message}\n`);
    if (error instanceof ExternalError && error.outputTail.trim() !== '') {
      io.stderr.write(`${s.dim(error.outputTail.trimEnd().split('\n').map((l) => `  | ${l}`).join('\n'))}\n`);
    }
    if (error.hint !== undefined) io.stderr.write(`${s.dim('hint:')} ${error.hint}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${s.red('error:')} cka-lab hit an unexpected error: ${detail}\n`);
  if (io.env['CKA_LAB_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${error.stack}\n`);
  } else {
    io.stderr.write(`${s.dim('hint:')} this is a bug in cka-lab; run again with CKA_LAB_DEBUG=1 to see where it happened, and please report it.\n`);
  }
  return ExitCode.failed;
}

/** The entry point: the only place that turns errors into exit codes. */
export async function main(argv: readonly string[], io: Io = createProcessIo({ noColor: argv.includes('--no-color'), noInteractive: argv.includes('--no-interactive') })): Promise<number> {
  // Prompts colour through node:util styleText, which honours NO_COLOR: --no-color says the same.
  if (argv.includes('--no-color') && io.env === process.env) process.env['NO_COLOR'] = '1';
  try {
    const parsed = parseCommandLine(argv, commands, globalOptions);
    if (parsed.kind === 'version') {
      io.stdout.write(`${packageVersion()}\n`);
      return ExitCode.ok;
    }
    if (parsed.kind === 'help' && argv.length === 0 && io.interactive) {
      const menu = await import('./commands/menu.js');
      return (await menu.run({ args: [], options: {}, io })) ?? ExitCode.ok;
    }
    if (parsed.kind === 'help') {
      const command = commands.find((c) => c.path.join(' ') === parsed.path.join(' '));
      io.stdout.write(command === undefined
        ? overviewHelp(parsed.path, commands, commandGroups, globalOptions, io.style, packageVersion())
        : commandHelp(command, globalOptions, io.style));
      return ExitCode.ok;
    }
    const module = await parsed.command.load();
    const code = await module.run({ args: parsed.args, options: parsed.options, io });
    return code ?? ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
