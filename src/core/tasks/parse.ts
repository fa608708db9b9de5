import { verifiers } from '../grading/verifiers.js';
import { readValidatedYaml, TaskFileError, type PathKey, type SchemaValidator } from '../yaml-file.js';
import { FieldPathError, parseFieldPath } from '../grading/field-path.js';
import { isTemplateVariable, templateVariables, variablesIn } from './template.js';
import type { Check, CheckSpec, Domain, FieldMatch, Ownership, SetupStep, Task } from './model.js';
import type { CapabilityName } from '../profile.js';

const knownVerifiers = Object.keys(verifiers);

const checkKinds = ['exists', 'absent', 'fields', 'pods', 'podScheduling', 'serviceEndpoints', 'node', 'access', 'rollout', 'workloadReady', 'etcdSnapshot', 'etcdKey', 'file', 'verifier'] as const;


interface RawTask {
  id: string; title: string; domain: Domain; topics: string[]; weight: number; difficulty: Task['difficulty']; minutes: number;
  requires?: CapabilityName[]; conflicts?: string[]; namespaces?: string[]; owns?: Partial<Ownership>; prompt: string; setup?: SetupStep[];
  checks: Array<Record<string, unknown> & { id: string; title: string; points: number; after?: string }>; hints?: string[]; docs?: string[];
}

/**
 * Parses and validates one task file. Every problem found is reported at once, each with its
 * file:line:column, so an author fixes a file in one pass.
 */
export function parseTaskFile(text: string, file: string, expected: { id: string; domain: string }, validate: SchemaValidator): Task {
  const { data, at, problems } = readValidatedYaml(text, file, validate);
  const raw = data as RawTask;
  if (raw.id !== expected.id) at(['id'], `id '${raw.id}' must match the file name '${expected.id}.yaml'`);
  if ((raw.conflicts ?? []).includes(raw.id)) at(['conflicts'], 'a task cannot conflict with itself');
  if (raw.domain !== expected.domain) at(['domain'], `domain '${raw.domain}' must match the directory tasks/${expected.domain}/`);

  const checks: Check[] = [];
  const seen = new Set<string>();
  raw.checks.forEach((rawCheck, index) => {
    const { id, title, points, after, ...rest } = rawCheck;
    if (seen.has(id)) at(['checks', index, 'id'], `duplicate check id '${id}'`);
    if (after !== undefined && !seen.has(after)) at(['checks', index, 'after'], `after '${after}' names no earlier check of this task${seen.size === 0 ? '' : ` (earlier: ${[...seen].join(', ')})`}`);
    seen.add(id);
    const kind = checkKinds.find((k) => k in rest);
    if (kind === undefined) return;
    const spec = { [kind]: rest[kind] } as unknown as CheckSpec;
    const matches = 'fields' in spec ? spec.fields.match : 'pods' in spec ? spec.pods.match ?? [] : [];
    checkMatches(matches, ['checks', index, kind, 'match'], at);
    if ('access' in spec && (spec.access.allowed ?? []).length + (spec.access.denied ?? []).length === 0) {
      at(['checks', index, 'access'], 'an access check needs at least one allowed or denied rule');
    }
    if ('verifier' in spec && !knownVerifiers.includes(spec.verifier.name)) {
      at(['checks', index, 'verifier', 'name'], `unknown verifier '${spec.verifier.name}'${knownVerifiers.length === 0 ? '' : `; known: ${knownVerifiers.join(', ')}`}`);
    }
    checks.push({ id, title, points, ...(after === undefined ? {} : { after }), spec });
  });

  (raw.setup ?? []).forEach((step, index) => {
    if ('waitFor' in step && step.waitFor.fields !== undefined) checkMatches(step.waitFor.fields.match, ['setup', index, 'waitFor', 'fields', 'match'], at);
  });
  checkWorkFiles(raw, at);

  // Every {{ variable }} anywhere in the file must be one the ClusterProfile provides.
  const scan = (value: unknown, path: PathKey[]): void => {
    if (typeof value === 'string') {
      for (const name of variablesIn(value)) {
        if (!isTemplateVariable(name)) at(path, `unknown template variable {{ ${name} }}; known: ${templateVariables.join(', ')}`);
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => scan(v, [...path, i]));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) scan(v, [...path, k]);
  };
  scan(data, []);
  if (problems.length > 0) throw new TaskFileError(problems);

  return {
    id: raw.id,
    title: raw.title,
    domain: raw.domain,
    topics: raw.topics,
    weight: raw.weight,
    difficulty: raw.difficulty,
    minutes: raw.minutes,
    requires: raw.requires ?? [],
    conflicts: raw.conflicts ?? [],
    namespaces: raw.namespaces ?? [],
    owns: {
      objects: raw.owns?.objects ?? [],
      nodeLabels: raw.owns?.nodeLabels ?? [],
      nodeTaints: raw.owns?.nodeTaints ?? [],
      cordon: raw.owns?.cordon ?? [],
      files: raw.owns?.files ?? [],
    },
    prompt: raw.prompt,
    setup: raw.setup ?? [],
    checks,
    hints: raw.hints ?? [],
    docs: raw.docs ?? [],
    file,
  };
}

/** Each field match has a valid path, exactly one operator and, for matches, a valid regular expression. */
function checkMatches(matches: readonly FieldMatch[], where: PathKey[], at: (path: PathKey[], message: string) => void): void {
  matches.forEach((m, mi) => {
    try {
      parseFieldPath(m.path);
    } catch (error) {
      if (error instanceof FieldPathError) at([...where, mi, 'path'], error.message);
    }
    const operators = ['equals', 'notEquals', 'contains', 'matches', 'oneOf', 'exists', 'quantity', 'image'].filter((o) => o in m);
    const bounds = ['gte', 'lte', 'gt', 'lt'].filter((o) => o in m);
    if (operators.length + (bounds.length > 0 ? 1 : 0) !== 1) at([...where, mi], 'a match needs exactly one operator (equals, notEquals, contains, matches, oneOf, exists, quantity, image, or bounds gte/gt/lte/lt)');
    if (m.matches !== undefined) compileRegex(m.matches, () => at([...where, mi, 'matches'], `invalid regular expression /${m.matches ?? ''}/`));
  });
}

const workDirPrefix = /^\{\{\s*workDir\s*\}\}(?=\/|$)/;

/** A path under {{ workDir }} in one spelling, without a trailing slash; undefined for any other path. */
function workPath(path: string): string | undefined {
  return workDirPrefix.test(path) ? path.replace(workDirPrefix, '{{ workDir }}').replace(/\/+$/, '') : undefined;
}

/**
 * Reset removes an owns.files entry under {{ workDir }} whole, directory and all: such an entry
 * must stay strictly inside {{ workDir }}, and every file setup writes must lie in one.
 */
function checkWorkFiles(raw: RawTask, at: (path: PathKey[], message: string) => void): void {
  const owned: string[] = [];
  (raw.owns?.files ?? []).forEach((file, index) => {
    const path = workPath(file);
    if (path === undefined) return;
    const segments = path.split('/').slice(1);
    if (segments.length === 0) at(['owns', 'files', index], 'an owned path must be a file or directory inside {{ workDir }}, not {{ workDir }} itself (reset removes it whole)');
    else if (segments.some((s) => s === '' || s === '.' || s === '..')) at(['owns', 'files', index], `'${file}' must not contain empty, . or .. segments: reset removes it whole, so it must stay inside {{ workDir }}`);
    else owned.push(path);
  });
  (raw.setup ?? []).forEach((step, index) => {
    const paths: Array<[string, string]> = 'file' in step ? [['path', step.file.path]]
      : 'kubeconfig' in step ? [['path', step.kubeconfig.path], ['caFile', step.kubeconfig.caFile]]
      : [];
    const kind = 'file' in step ? 'file' : 'kubeconfig';
    for (const [key, written] of paths) {
      const path = workPath(written) ?? '';
      if (path.split('/').slice(1).some((s) => s === '' || s === '.' || s === '..')) {
        at(['setup', index, kind, key], `'${written}' must not contain empty, . or .. segments`);
      } else if (path !== '' && !owned.some((o) => path === o || path.startsWith(`${o}/`))) {
        at(['setup', index, kind, key], `no owns.files entry covers '${written}', so reset would leave it behind; own it, or a directory holding it`);
      }
    }
  });
}

function compileRegex(source: string, onError: () => void): void {
  try {
    new RegExp(source);
  } catch {
    onError();
  }
}
