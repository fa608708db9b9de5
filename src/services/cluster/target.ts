import { readdir, stat } from 'node:fs/promises';
import { basename, delimiter, join } from 'node:path';
import { parse } from 'yaml';
import type { ClusterTarget } from '../../adapters/kube/config.js';
import { isErrno, readTextIfExists } from '../../adapters/store/files.js';
import type { ClusterIdentity } from '../../core/grading/run.js';
import type { LabPaths } from '../../core/paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/** --kubeconfig and --context of a command that works on one cluster. */
export interface TargetFlags {
  readonly kubeconfig?: string | undefined;
  readonly context?: string | undefined;
}

/**
 * The cluster a command works on, like kubectl: --kubeconfig and --context first, then
 * $KUBECONFIG. Without either, the embedded cluster, never ~/.kube/config unasked, so that
 * practice never lands on a cluster the user did not choose.
 */
export function resolveTarget(flags: TargetFlags, env: Env, paths: LabPaths, home: string): ClusterTarget {
  const { kubeconfig: flagPath, context } = flags;
  const envPaths = kubeconfigEnvPaths(env);
  if (flagPath !== undefined) return { kubeconfigPaths: [flagPath], context, source: 'flag' };
  if (envPaths.length > 0) return { kubeconfigPaths: envPaths, context, source: context === undefined ? 'env' : 'flag' };
  if (context !== undefined) return { kubeconfigPaths: [join(home, '.kube', 'config')], context, source: 'flag' };
  return { kubeconfigPaths: [paths.embeddedKubeconfig], context: undefined, source: 'embedded' };
}

function kubeconfigEnvPaths(env: Env): string[] {
  return (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p !== '');
}

/** Which clusters a command that grades several should grade (see `resolveTargets`). */
export interface ClusterSelection {
  /** --kubeconfig, repeated: files, or directories of files. */
  readonly kubeconfigs: readonly string[];
  /** --kubeconfig-dir, repeated. */
  readonly kubeconfigDirs: readonly string[];
  /** --context, repeated. */
  readonly contexts: readonly string[];
  /** Every context of every kubeconfig, not only the current one. */
  readonly allContexts: boolean;
}

/** One cluster to grade; `problem` is set when it is known to be unusable before connecting. */
export interface NamedTarget extends ClusterIdentity {
  readonly target: ClusterTarget;
  readonly problem?: { readonly message: string; readonly hint?: string };
}

/** What a kubeconfig source offers, read without connecting; undefined when it cannot be read. */
interface SourceContexts {
  readonly names: readonly string[];
  readonly current: string | undefined;
}

interface Source {
  readonly paths: readonly string[];
  readonly source: ClusterTarget['source'];
  /** Shown in names when there are several sources. */
  readonly label: string;
  readonly problem?: NamedTarget['problem'];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** True when these flags name more than the one cluster of kubectl's rules. */
export async function selectsSeveralClusters(selection: ClusterSelection): Promise<boolean> {
  if (selection.kubeconfigs.length > 1 || selection.contexts.length > 1 || selection.kubeconfigDirs.length > 0 || selection.allContexts) return true;
  const only = selection.kubeconfigs[0];
  return only !== undefined && (await isDirectory(only));
}

/** The kubeconfig files of a directory: its regular files whose names do not start with a dot, by name. */
async function directorySources(dir: string): Promise<Source[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const reason = isErrno(error, 'ENOENT') ? 'no such directory' : isErrno(error, 'ENOTDIR') ? 'not a directory' : 'it cannot be read';
    return [{ paths: [dir], source: 'flag', label: dir, problem: { message: `No kubeconfig directory at ${dir}: ${reason}.`, hint: 'Check the --kubeconfig-dir path.' } }];
  }
  const files = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (files.length === 0) return [{ paths: [dir], source: 'flag', label: dir, problem: { message: `The directory ${dir} holds no kubeconfig file.` } }];
  return files.map((name) => ({ paths: [join(dir, name)], source: 'flag', label: name }));
}

async function readContexts(paths: readonly string[]): Promise<SourceContexts | undefined> {
  const names: string[] = [];
  let current: string | undefined;
  let readAny = false;
  for (const path of paths) {
    let text: string | undefined;
    try {
      text = await readTextIfExists(path);
    } catch {
      return undefined;
    }
    if (text === undefined) continue;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      return undefined;
    }
    readAny = true;
    const record = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {};
    const contexts = Array.isArray(record['contexts']) ? record['contexts'] : [];
    for (const entry of contexts) {
      const name = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['name'] : undefined;
      if (typeof name === 'string' && !names.includes(name)) names.push(name);
    }
    // As kubectl merges a KUBECONFIG list: the first file that sets current-context wins.
    const cur = record['current-context'];
    if (current === undefined && typeof cur === 'string' && cur !== '') current = cur;
  }
  return readAny ? { names, current } : undefined;
}

/**
 * The clusters a grading run covers, kubectl's rules extended to several:
 * - each --kubeconfig file and each file of a directory (--kubeconfig-dir, or a directory given
 *   to --kubeconfig) is a cluster source of its own (not merged); without them, $KUBECONFIG (merged,
 *   as kubectl merges it), else ~/.kube/config when contexts are named, else the embedded cluster;
 * - in each source: the named contexts (--context), else every context (--all-contexts), else the
 *   current context. A named context is graded in every source that has it; one that no source
 *   has is reported as a cluster that cannot be graded.
 * Files that are missing or invalid are kept as targets, so that grading reports them with the reason.
 */
export async function resolveTargets(selection: ClusterSelection, env: Env, paths: LabPaths, home: string): Promise<NamedTarget[]> {
  const sources: Source[] = [];
  for (const path of selection.kubeconfigs) {
    if (await isDirectory(path)) sources.push(...(await directorySources(path)));
    else sources.push({ paths: [path], source: 'flag', label: basename(path) });
  }
  for (const dir of selection.kubeconfigDirs) sources.push(...(await directorySources(dir)));
  if (sources.length === 0) {
    const envPaths = kubeconfigEnvPaths(env);
    if (envPaths.length > 0) sources.push({ paths: envPaths, source: 'env', label: envPaths.join(delimiter) });
    else if (selection.contexts.length > 0) sources.push({ paths: [join(home, '.kube', 'config')], source: 'flag', label: 'config' });
    else sources.push({ paths: [paths.embeddedKubeconfig], source: 'embedded', label: 'embedded' });
  }
  const several = sources.length > 1;
  const targets: Array<Omit<NamedTarget, 'name'> & { label: string }> = [];
  const unknownContexts = new Set(selection.contexts);
  for (const src of sources) {
    const base = { kubeconfig: src.paths, label: src.label };
    const target = (context: string | undefined): ClusterTarget => ({ kubeconfigPaths: src.paths, context, source: src.source === 'embedded' || context === undefined ? src.source : 'flag' });
    if (src.problem !== undefined) {
      targets.push({ ...base, context: null, target: target(undefined), problem: src.problem });
      continue;
    }
    const offered = await readContexts(src.paths);
    if (selection.contexts.length > 0) {
      if (!several) {
        // One source: let the kubeconfig loader report a missing context, naming those it has.
        for (const context of selection.contexts) targets.push({ ...base, context, target: target(context) });
        unknownContexts.clear();
        continue;
      }
      if (offered === undefined) {
        targets.push({ ...base, context: null, target: target(undefined) });
        continue;
      }
      for (const context of selection.contexts.filter((c) => offered.names.includes(c))) {
        unknownContexts.delete(context);
        targets.push({ ...base, context, target: target(context) });
      }
    } else if (selection.allContexts && offered !== undefined) {
      if (offered.names.length === 0) targets.push({ ...base, context: null, target: target(undefined), problem: { message: `The kubeconfig ${src.paths.join(', ')} has no contexts.` } });
      for (const context of offered.names) targets.push({ ...base, context, target: target(context) });
    } else {
      targets.push({ ...base, context: offered?.current ?? null, target: target(undefined) });
    }
  }
  const allFiles = sources.flatMap((s) => s.paths);
  for (const context of unknownContexts) {
    targets.push({
      kubeconfig: allFiles,
      label: '',
      context,
      target: { kubeconfigPaths: allFiles, context, source: 'flag' },
      problem: { message: `Context '${context}' is in none of the kubeconfig files (${allFiles.join(', ')}).`, hint: 'Check the --context name, or add --all-contexts to grade every context.' },
    });
  }
  return nameTargets(dedupe(targets), several);
}

function dedupe<T extends { kubeconfig: readonly string[]; context: string | null; problem?: unknown }>(targets: readonly T[]): T[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = JSON.stringify([t.kubeconfig, t.context, t.problem === undefined]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Names unique within the run: the context alone for one source, label/context for several. */
function nameTargets(targets: ReadonlyArray<Omit<NamedTarget, 'name'> & { label: string }>, several: boolean): NamedTarget[] {
  const nameOf = (t: (typeof targets)[number], label: string): string => {
    if (t.label === '') return t.context ?? label;
    if (!several) return t.context ?? label;
    return t.context === null ? label : `${label}/${t.context}`;
  };
  const first = targets.map((t) => nameOf(t, t.label));
  return targets.map(({ label, ...t }, i) => {
    const name = first[i] ?? label;
    // Two files of the same name in different directories: fall back to their paths.
    const clash = first.filter((n) => n === name).length > 1;
    return { ...t, name: clash ? nameOf({ ...t, label }, t.kubeconfig.join(delimiter)) : name };
  });
}
