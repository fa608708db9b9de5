import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';

/**
 * YAML data files (tasks, quiz questions) read once at the boundary: parsed with positions,
 * validated against their JSON Schema, every problem located as file:line:column.
 */

/** One problem in a data file, located for editors and humans. */
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

export type SchemaValidator = ValidateFunction;

export function compileSchema(schema: object): SchemaValidator {
  // Formats (uri...) are annotations for editors here; the rules that matter are checked in code.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(schema);
}

export type PathKey = string | number;

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

export interface ValidatedYaml {
  readonly data: unknown;
  readonly problems: TaskFileProblem[];
  /** Records a problem at the node a path points to (at its key with preferKey). */
  readonly at: (path: readonly PathKey[], message: string, preferKey?: boolean) => void;
}

/** Parses and schema-validates a YAML file; throws TaskFileError with every problem found. */
export function readValidatedYaml(text: string, file: string, validate: SchemaValidator): ValidatedYaml {
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
  return { data, problems, at };
}
