import { describe, expect, it } from '@jest/globals';
import { parseCommandLine } from '../../../src/cli/parse.js';
import { commands, globalOptions } from '../../../src/cli/commands.js';
import { UsageError } from '../../../src/core/errors.js';
import type { CommandSpec } from '../../../src/cli/spec.js';

const parse = (...argv: string[]) => parseCommandLine(argv, commands, globalOptions);

function usageErrorOf(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommandLine', () => {
  it('selects the longest command path and parses its options with defaults', () => {
    const result = parse('cluster', 'up', '--engine', 'kind');
    expect(result.kind).toBe('command');
    if (result.kind !== 'command') return;
    expect(result.command.path).toEqual(['cluster', 'up']);
    expect(result.options['engine']).toBe('kind');
    expect(result.options['merge-kubeconfig']).toBeUndefined();
  });

  it('applies the declared default when a flag is absent', () => {
    const result = parse('cluster', 'status');
    expect(result.kind === 'command' && result.options['output']).toBe('text');
  });

  it('accepts global options before the command, as kubectl does', () => {
    const result = parse('--context', 'kind-x', 'cluster', 'status', '-o', 'json');
    expect(result.kind).toBe('command');
    if (result.kind !== 'command') return;
    expect(result.options['context']).toEqual(['kind-x']);
    expect(result.options['output']).toBe('json');
  });

  it('suggests the nearest command for a typo', () => {
    const error = usageErrorOf(() => parse('clster', 'up'));
    expect(error.message).toBe("Unknown command 'clster'. Did you mean 'cluster'?");
    expect(error.exitCode).toBe(2);
  });

  it('suggests the nearest sub-command inside a group', () => {
    expect(usageErrorOf(() => parse('cluster', 'dwn')).message).toBe("Unknown command 'cluster' 'dwn'. Did you mean 'down'?");
  });

  it('suggests the nearest option for an unknown flag', () => {
    expect(usageErrorOf(() => parse('cluster', 'up', '--engin', 'kind')).message).toContain("Did you mean '--engine'?");
  });

  it('rejects a value outside the declared choices and names them', () => {
    const error = usageErrorOf(() => parse('cluster', 'up', '--engine', 'k3d'));
    expect(error.message).toBe("--engine must be one of embedded, kind, minikube; got 'k3d'.");
  });

  it('rejects a string option given without its value', () => {
    expect(usageErrorOf(() => parse('cluster', 'status', '-o')).message).toContain('needs a value');
  });

  it('rejects extra positional arguments', () => {
    expect(usageErrorOf(() => parse('doctor', 'now')).message).toContain("unexpected 'now'");
  });

  it('shows help for no arguments, a group word, help <command> and --help', () => {
    expect(parse()).toEqual({ kind: 'help', path: [] });
    expect(parse('cluster')).toEqual({ kind: 'help', path: ['cluster'] });
    expect(parse('help', 'cluster', 'up')).toEqual({ kind: 'help', path: ['cluster', 'up'] });
    expect(parse('cluster', 'up', '--help')).toEqual({ kind: 'help', path: ['cluster', 'up'] });
    expect(parse('--version')).toEqual({ kind: 'version' });
  });

  it('checks required arguments of a command', () => {
    const withArg: CommandSpec = {
      path: ['show'],
      summary: 'Show a task',
      args: [{ name: 'id', required: true, description: 'task id' }],
      load: () => Promise.reject(new Error('not loaded in tests')),
    };
    expect(usageErrorOf(() => parseCommandLine(['show'], [withArg], globalOptions)).message).toBe('cka-lab show needs <id>.');
    const ok = parseCommandLine(['show', 'etcd-backup'], [withArg], globalOptions);
    expect(ok.kind === 'command' && ok.args).toEqual(['etcd-backup']);
  });
});

describe('the command table', () => {
  it('declares each option name with one type across all commands, so pre-parsing is unambiguous', () => {
    const types = new Map<string, string>();
    for (const spec of [...globalOptions, ...commands.flatMap((c) => c.options ?? [])]) {
      const key = `${spec.type}/${spec.multiple === true}`;
      expect(types.get(spec.name) ?? key).toBe(key);
      types.set(spec.name, key);
    }
  });

  it('gives every command a distinct path', () => {
    const paths = commands.map((c) => c.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
  });
});
