import { readFile } from 'node:fs/promises';
import { findExecutable, runCommand } from '../exec/run.js';
import { isErrno } from '../store/files.js';
import type { NodeAccess } from '../../core/profile.js';
import { ClusterError } from '../../core/errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The command that runs `argv` on the control-plane node, per engine. */
function nodeCommand(access: NodeAccess, argv: readonly string[]): [string, string[]] | undefined {
  switch (access.kind) {
    case 'local':
      return [argv[0] ?? 'true', argv.slice(1)];
    case 'container':
      return [access.runtime, ['exec', access.container, ...argv]];
    case 'minikube-ssh':
      return ['minikube', ['ssh', '-p', access.profile, '-n', access.node, '--', ...argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`)]];
    case 'none':
      return undefined;
  }
}

/** Runs a command on the control-plane node and returns its stdout. */
export async function runOnNode(access: NodeAccess, argv: readonly string[], env: Env): Promise<string> {
  const command = nodeCommand(access, argv);
  if (command === undefined) throw new ClusterError(`cka-lab cannot reach the control-plane node of this cluster (${access.kind === 'none' ? access.reason : ''}).`);
  if (access.kind !== 'local' && (await findExecutable(command[0], env)) === undefined) {
    throw new ClusterError(`Reaching the control-plane node needs '${command[0]}', which is not on PATH.`);
  }
  return (await runCommand(command[0], command[1], { env, describe: `${command[0]} ${access.kind === 'local' ? '' : 'on the node'}`.trim() })).stdout;
}

/** A file on the control-plane node, or undefined when there is none. */
export async function readNodeFile(access: NodeAccess, path: string, env: Env): Promise<Buffer | undefined> {
  if (access.kind === 'local') {
    try {
      return await readFile(path);
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }
  const listing = await runOnNode(access, ['sh', '-c', `test -f '${path.replace(/'/g, `'\\''`)}' && base64 '${path.replace(/'/g, `'\\''`)}' || echo __cka_lab_missing__`], env);
  if (listing.trim() === '__cka_lab_missing__') return undefined;
  return Buffer.from(listing.replace(/\s+/g, ''), 'base64');
}
