import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Io } from '../adapters/ui/io.js';
import { UsageError } from '../core/errors.js';
import { resolveLabPaths, type LabPaths } from '../core/paths.js';
import type { ClusterTarget } from '../adapters/kube/config.js';
import type { ParsedOptions } from '../cli/spec.js';
import { resolveTarget } from '../services/cluster/target.js';

/** The machine-level facts every command needs, computed once at the command boundary. */
export function labPaths(io: Io): LabPaths {
  return resolveLabPaths(io.env, process.platform, homeDir(io));
}

export function homeDir(io: Io): string {
  return io.env['HOME'] ?? homedir();
}

/**
 * The one cluster of a command that works on one. --kubeconfig and --context are repeatable for
 * `grade`, which grades several clusters; every other command takes each at most once, a file.
 */
export function clusterTarget(options: ParsedOptions, io: Io): ClusterTarget {
  const kubeconfig = singleOption(options, 'kubeconfig');
  if (kubeconfig !== undefined && isDirectory(kubeconfig)) {
    throw new UsageError(`--kubeconfig ${kubeconfig} is a directory; this command needs one kubeconfig file.`, {
      hint: "Only 'cka-lab grade' takes a directory of kubeconfig files (one cluster each).",
    });
  }
  return resolveTarget({ kubeconfig, context: singleOption(options, 'context') }, io.env, labPaths(io), homeDir(io));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The value of a repeatable option that this command takes at most once. */
function singleOption(options: ParsedOptions, name: string): string | undefined {
  const values = stringListOption(options, name);
  if (values.length > 1) {
    throw new UsageError(`--${name} is given ${values.length} times; this command works on one cluster.`, {
      hint: `Only 'cka-lab grade' grades several clusters at once (repeat --${name} there).`,
    });
  }
  return values[0];
}

export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a repeatable option (a single-valued one gives at most one). */
export function stringListOption(options: ParsedOptions, name: string): string[] {
  const value = options[name];
  if (Array.isArray(value)) return [...value];
  return typeof value === 'string' ? [value] : [];
}

export function booleanOption(options: ParsedOptions, name: string): boolean {
  return options[name] === true;
}

/** A whole-number option from 1 (to `max` when given), or undefined when absent. */
export function wholeNumberOption(options: ParsedOptions, name: string, max?: number): number | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || (max !== undefined && n > max)) {
    throw new UsageError(max === undefined ? `--${name} must be a positive whole number; got '${value}'.` : `--${name} must be a whole number from 1 to ${max}; got '${value}'.`);
  }
  return n;
}
