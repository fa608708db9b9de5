import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { CommandSpec, OptionSpec, OptionValue, ParsedOptions } from './spec.js';

export type ParseResult =
  | { kind: 'command'; command: CommandSpec; args: string[]; options: ParsedOptions }
  | { kind: 'help'; path: string[] }
  | { kind: 'version' };

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function toParseArgsOptions(specs: readonly OptionSpec[]): ParseArgsOptions {
  const out: NonNullable<ParseArgsOptions> = {};
  for (const spec of specs) {
    out[spec.name] = {
      type: spec.type,
      multiple: spec.multiple === true,
      ...(spec.short === undefined ? {} : { short: spec.short }),
    };
  }
  return out;
}

function uniqueOptions(specs: readonly OptionSpec[]): OptionSpec[] {
  const seen = new Map<string, OptionSpec>();
  for (const spec of specs) if (!seen.has(spec.name)) seen.set(spec.name, spec);
  return [...seen.values()];
}

function findCommand(words: readonly string[], commands: readonly CommandSpec[]): CommandSpec | undefined {
  let best: CommandSpec | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => words[i] === word);
    if (matches && (best === undefined || command.path.length > best.path.length)) best = command;
  }
  return best;
}

function commandWordsAt(prefix: readonly string[], commands: readonly CommandSpec[]): string[] {
  const words = new Set<string>();
  for (const command of commands) {
    if (prefix.every((word, i) => command.path[i] === word)) {
      const next = command.path[prefix.length];
      if (next !== undefined) words.add(next);
    }
  }
  return [...words].sort();
}

function validateChoices(spec: OptionSpec, value: OptionValue): void {
  if (spec.choices === undefined || value === undefined || typeof value === 'boolean') return;
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (!spec.choices.includes(v)) {
      throw new UsageError(
        `--${spec.name} must be one of ${spec.choices.join(', ')}; got '${v}'.${didYouMean(v, spec.choices)}`,
      );
    }
  }
}

/**
 * Parses argv against the command table: finds the longest command path among the positional
 * words, then parses strictly with that command's options plus the global ones.
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly CommandSpec[],
  globalOptions: readonly OptionSpec[],
): ParseResult {
  const allOptions = uniqueOptions([...globalOptions, ...commands.flatMap((c) => c.options ?? [])]);
  const loose = parseArgs({
    args: [...argv],
    options: toParseArgsOptions(allOptions),
    strict: false,
    allowPositionals: true,
  });
  const words = loose.positionals;
  const wantsHelp = loose.values['help'] === true;

  if (words[0] === 'help') return { kind: 'help', path: words.slice(1) };
  if (loose.values['version'] === true && words.length === 0) return { kind: 'version' };

  const command = findCommand(words, commands);
  if (command === undefined) {
    if (words.length === 0) return { kind: 'help', path: [] };
    // A group word alone (`cka-lab cluster`) shows the group's help.
    let depth = 0;
    while (depth < words.length && commandWordsAt(words.slice(0, depth), commands).includes(words[depth] ?? '')) depth++;
    if (depth === words.length || wantsHelp) return { kind: 'help', path: words.slice(0, depth) };
    const known = commandWordsAt(words.slice(0, depth), commands);
    const where = depth === 0 ? '' : ` '${words.slice(0, depth).join(' ')}'`;
    throw new UsageError(`Unknown command${where} '${words[depth] ?? ''}'.${didYouMean(words[depth] ?? '', known)}`, {
      hint: `Run 'cka-lab ${[...words.slice(0, depth), '--help'].join(' ')}' to see the commands.`,
    });
  }
  if (wantsHelp) return { kind: 'help', path: [...command.path] };

  const specs = uniqueOptions([...globalOptions, ...(command.options ?? [])]);
  let strict;
  try {
    strict = parseArgs({ args: [...argv], options: toParseArgsOptions(specs), strict: true, allowPositionals: true });
  } catch (error) {
    throw usageFromParseError(error, command, specs);
  }
  const options: Record<string, OptionValue> = {};
  for (const spec of specs) {
    const value = (strict.values as Record<string, OptionValue>)[spec.name];
    validateChoices(spec, value);
    options[spec.name] = value ?? spec.default;
  }
  const args = strict.positionals.slice(command.path.length);
  validateArguments(command, args);
  return { kind: 'command', command, args, options };
}

function validateArguments(command: CommandSpec, args: readonly string[]): void {
  const specs = command.args ?? [];
  const required = specs.filter((a) => a.required).length;
  const variadic = specs.some((a) => a.variadic === true);
  const name = `cka-lab ${command.path.join(' ')}`;
  if (args.length < required) {
    const missing = specs.slice(args.length).filter((a) => a.required).map((a) => `<${a.name}>`);
    throw new UsageError(`${name} needs ${missing.join(' ')}.`, { hint: `Run '${name} --help' for usage.` });
  }
  if (!variadic && args.length > specs.length) {
    const extra = args.slice(specs.length).map((a) => `'${a}'`).join(' ');
    throw new UsageError(`${name} takes ${specs.length === 0 ? 'no arguments' : `at most ${specs.length} argument(s)`}; unexpected ${extra}.`, {
      hint: `Run '${name} --help' for usage.`,
    });
  }
}

function usageFromParseError(error: unknown, command: CommandSpec, specs: readonly OptionSpec[]): UsageError {
  const name = `cka-lab ${command.path.join(' ')}`;
  const text = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(text);
  if (unknown?.[1] !== undefined) {
    const flag = unknown[1].replace(/^-+/, '');
    const hint = didYouMean(flag, specs.map((s) => s.name)).replace(/'([^']+)'/g, "'--$1'");
    return new UsageError(`Unknown option ${unknown[1]} for '${name}'.${hint}`, { hint: `Run '${name} --help' for usage.` });
  }
  const missingValue = /Option '(.+?)' argument missing/.exec(text);
  if (missingValue?.[1] !== undefined) {
    return new UsageError(`Option ${missingValue[1].replace(/^-\w, /, '')} needs a value.`, { hint: `Run '${name} --help' for usage.` });
  }
  return new UsageError(text.split('\n')[0] ?? text, { hint: `Run '${name} --help' for usage.` });
}
