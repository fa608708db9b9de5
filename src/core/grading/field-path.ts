/**
 * Field paths select values inside an object as the API serves it:
 *   spec.template.spec.containers[name=web].image   list item by identity
 *   spec.tolerations[*].key                          every item
 *   spec.volumeClaimTemplates[metadata.name=data]    list item by a nested field
 *   spec.containers[0].image                         by position (only when the task says "first")
 *   metadata.labels['app.kubernetes.io/name']        a key containing dots
 */

export type PathStep =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'all' }
  | { readonly kind: 'where'; readonly field: string; readonly value: string };

export class FieldPathError extends Error {}

export function parseFieldPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new FieldPathError(`invalid field path '${path}' at column ${i + 1}: ${why}`);
  };
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      if (i === 0 || i === path.length - 1 || path[i + 1] === '.') fail('empty segment');
      i++;
      continue;
    }
    if (ch === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) fail("missing ']'");
      const inner = path.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'[^']*'$|^"[^"]*"$/.test(inner)) steps.push({ kind: 'key', key: inner.slice(1, -1) });
      else {
        const eq = inner.indexOf('=');
        if (eq <= 0) fail(`expected [N], [*], [field=value] or ['key'], got [${inner}]`);
        steps.push({ kind: 'where', field: inner.slice(0, eq).trim(), value: inner.slice(eq + 1).trim().replace(/^'(.*)'$|^"(.*)"$/, '$1$2') });
      }
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    steps.push({ kind: 'key', key: path.slice(i, end) });
    i = end;
  }
  if (steps.length === 0) fail('empty path');
  return steps;
}

export interface Selected {
  /** The concrete path of this value, with list items named as selected. */
  readonly path: string;
  readonly value: unknown;
}

export interface Selection {
  readonly values: readonly Selected[];
  /** When nothing matched: the deepest path that existed and what was there instead. */
  readonly missing?: { readonly at: string; readonly found: string };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    const names = value.map((item) => nestedField(item, 'name') ?? nestedField(item, 'metadata.name')).filter((n) => n !== undefined).map(String);
    return names.length > 0 ? `a list of ${value.length} (names: ${names.join(', ')})` : `a list of ${value.length}`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
  }
  return JSON.stringify(value) ?? String(value);
}

function appendKey(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}['${key}']`;
}

/** Every value the path selects; an empty selection says where the trail ended. */
export function selectPath(root: unknown, path: string | readonly PathStep[]): Selection {
  const steps = typeof path === 'string' ? parseFieldPath(path) : path;
  let current: Selected[] = [{ path: '', value: root }];
  let missing: Selection['missing'];
  for (const step of steps) {
    const next: Selected[] = [];
    for (const { path: at, value } of current) {
      if (step.kind === 'key') {
        if (typeof value === 'object' && value !== null && !Array.isArray(value) && step.key in value) {
          next.push({ path: appendKey(at, step.key), value: (value as Record<string, unknown>)[step.key] });
        } else missing ??= { at: appendKey(at, step.key), found: value === undefined ? 'nothing' : `${at || 'the object'} is ${describe(value)}` };
        continue;
      }
      if (!Array.isArray(value)) {
        missing ??= { at, found: `${at || 'the object'} is ${value === undefined ? 'absent' : describe(value)}, not a list` };
        continue;
      }
      if (step.kind === 'index') {
        if (step.index < value.length) next.push({ path: `${at}[${step.index}]`, value: value[step.index] });
        else missing ??= { at: `${at}[${step.index}]`, found: `${at} is ${describe(value)}` };
      } else if (step.kind === 'all') {
        value.forEach((item, index) => next.push({ path: `${at}[${itemLabel(item, index)}]`, value: item }));
        if (value.length === 0) missing ??= { at: `${at}[*]`, found: `${at} is an empty list` };
      } else {
        const hits = value.filter((item) => String(nestedField(item, step.field)) === step.value);
        for (const item of hits) next.push({ path: `${at}[${step.field}=${step.value}]`, value: item });
        if (hits.length === 0) missing ??= { at: `${at}[${step.field}=${step.value}]`, found: `${at} is ${describe(value)}` };
      }
    }
    current = next;
  }
  return current.length > 0 ? { values: current } : { values: [], ...(missing === undefined ? {} : { missing }) };
}

/** A selector's field, dotted for objects in lists: volumeClaimTemplates[metadata.name=data]. */
function nestedField(item: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((at, key) => (typeof at === 'object' && at !== null && !Array.isArray(at) ? (at as Record<string, unknown>)[key] : undefined), item);
}

function itemLabel(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null && 'name' in item && typeof item.name === 'string') return `name=${item.name}`;
  return String(index);
}
