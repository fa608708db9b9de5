import { homedir } from 'node:os';
import type { Io } from '../adapters/ui/io.js';
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

export function clusterTarget(options: ParsedOptions, io: Io): ClusterTarget {
  return resolveTarget(options, io.env, labPaths(io), homeDir(io));
}

export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(options: ParsedOptions, name: string): boolean {
  return options[name] === true;
}
