import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { FieldPathError, parseFieldPath } from '../grading/field-path.js';
import { isTemplateVariable, templateVariables, variablesIn } from './template.js';
import type { Check, CheckSpec, Domain, Ownership, SetupStep, Task } from './model.js';
import type { CapabilityName } from '../profile.js';

/** One problem in a task file, located for editors and humans: file:line:column. */
export interface TaskFileProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export class TaskFileError extends Error {
  readonly problems: readonly TaskFileProblem[];
  constructor(problems: readonly TaskFileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'TaskFileError';
    this.problems = problems;
  }
}

const checkKinds = ['exists', 'absent', 'fields', 'pods', 'podScheduling', 'node', 'access', 'rollout', 'workloadReady', 'etcdSnapshot', 'etcdKey', 'file', 'verifier'] as const;

/** Verifiers written in TypeScript; the declarative kinds cover every shipped task so far. */
export const knownVerifiers: readonly string[] = [];

export type SchemaValidator = ValidateFunction;

export function compileTaskSchema(schema: object): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

type PathKey = string | number;

function positionOf(doc: Document, counter: LineCounter, path: readonly PathKey[], preferKey = false): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (pair === undefined) break;
      const keyNode = pair.key as YamlNode | null;
      offset = keyNode?.range?.[0] ?? offset;
      node = pair.value;
      const valueNode = pair.value as YamlNode | null;
      if (!preferKey || key !== path[path.length - 1]) offset = valueNode?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function pointerToPath(pointer: string): PathKey[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(key) ? Number(key) : key;
  });
}

function schemaMessage(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the task' : error.instancePath.slice(1).replace(/\//g, '.');
  switch (error.keyword) {
    case 'required':
      return `${where} needs '${String(error.params['missingProperty'])}'`;
    case 'additionalProperties':
      return `${where} has an unknown field '${String(error.params['additionalProperty'])}'`;
    case 'enum':
      return `${where} must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${where} must be ${String(error.params['type'])}`;
    case 'pattern':
      return `${where} must match ${String(error.params['pattern'])}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** Drops the noise of oneOf branches when a plainer error explains the same place. */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const plain = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if' && !e.schemaPath.includes('/oneOf/'));
  return plain.length > 0 ? plain : errors.slice(0, 1);
}

interface RawTask {
  id: string; title: string; domain: Domain; topics: string[]; weight: number; difficulty: Task['difficulty']; minutes: number;
  requires?: CapabilityName[]; namespaces?: string[]; owns?: Partial<Ownership>; prompt: string; setup?: SetupStep[];
  checks: Array<Record<string, unknown> & { id: string; title: string; points: number }>; hints?: string[]; docs?: string[];
}

/**
 * Parses and validates one task file. Every problem found is reported at once, each with its
 * file:line:column, so an author fixes a file in one pass.
 */
export function parseTaskFile(text: string, file: string, expected: { id: string; domain: string }, validate: SchemaValidator): Task {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const problems: TaskFileProblem[] = [];
  const at = (path: readonly PathKey[], message: string, preferKey = false): void => {
    problems.push({ file, ...positionOf(doc, counter, path, preferKey), message });
  };
  for (const error of doc.errors) {
    const pos = counter.linePos(error.pos[0]);
    problems.push({ file, line: pos.line, column: pos.col, message: `YAML syntax: ${error.message.split('\n')[0] ?? error.message}` });
  }
  if (problems.length > 0) throw new TaskFileError(problems);
  const data: unknown = doc.toJS();
  if (!validate(data)) {
    for (const error of usefulErrors(validate.errors ?? [])) {
      const path = pointerToPath(error.instancePath);
      if (error.keyword === 'additionalProperties') path.push(String(error.params['additionalProperty']));
      at(path, schemaMessage(error), error.keyword === 'additionalProperties');
    }
    throw new TaskFileError(problems);
  }
  const raw = data as RawTask;
  if (raw.id !== expected.id) at(['id'], `id '${raw.id}' must match the file name '${expected.id}.yaml'`);
  if (raw.domain !== expected.domain) at(['domain'], `domain '${raw.domain}' must match the directory tasks/${expected.domain}/`);

  const checks: Check[] = [];
  const seen = new Set<string>();
  raw.checks.forEach((rawCheck, index) => {
    const { id, title, points, ...rest } = rawCheck;
    if (seen.has(id)) at(['checks', index, 'id'], `duplicate check id '${id}'`);
    seen.add(id);
    const kind = checkKinds.find((k) => k in rest);
    if (kind === undefined) return;
    const spec = { [kind]: rest[kind] } as unknown as CheckSpec;
    if ('fields' in spec) {
      spec.fields.match.forEach((m, mi) => {
        try {
          parseFieldPath(m.path);
        } catch (error) {
          if (error instanceof FieldPathError) at(['checks', index, 'fields', 'match', mi, 'path'], error.message);
        }
        const operators = ['equals', 'notEquals', 'contains', 'matches', 'oneOf', 'exists', 'quantity', 'image'].filter((o) => o in m);
        const bounds = ['gte', 'lte', 'gt', 'lt'].filter((o) => o in m);
        if (operators.length + (bounds.length > 0 ? 1 : 0) !== 1) at(['checks', index, 'fields', 'match', mi], 'a match needs exactly one operator (equals, notEquals, contains, matches, oneOf, exists, quantity, image, or bounds gte/gt/lte/lt)');
        if (m.matches !== undefined) compileRegex(m.matches, () => at(['checks', index, 'fields', 'match', mi, 'matches'], `invalid regular expression /${m.matches ?? ''}/`));
      });
    }
    if ('access' in spec && (spec.access.allowed ?? []).length + (spec.access.denied ?? []).length === 0) {
      at(['checks', index, 'access'], 'an access check needs at least one allowed or denied rule');
    }
    if ('verifier' in spec && !knownVerifiers.includes(spec.verifier.name)) {
      at(['checks', index, 'verifier', 'name'], `unknown verifier '${spec.verifier.name}'${knownVerifiers.length === 0 ? '' : `; known: ${knownVerifiers.join(', ')}`}`);
    }
    checks.push({ id, title, points, spec });
  });

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

function compileRegex(source: string, onError: () => void): void {
  try {
    new RegExp(source);
  } catch {
    onError();
  }
}
