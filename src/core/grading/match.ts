import type { FieldMatch, Scalar } from '../tasks/model.js';
import { sameImage } from './image.js';
import { parseQuantity } from './quantity.js';
import { selectPath, type Selected } from './field-path.js';

export interface MatchOutcome {
  readonly passed: boolean;
  readonly expected: string;
  readonly actual: string;
}

export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** Deep equality for scalars and lists; objects match when every expected key matches (partial). */
export function valueMatches(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => valueMatches(e, actual[i]));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => valueMatches(v, (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

function describeOperator(m: FieldMatch): string {
  if (m.equals !== undefined) return show(m.equals);
  if (m.notEquals !== undefined) return `anything but ${show(m.notEquals)}`;
  if (m.contains !== undefined) return `something containing ${show(m.contains)}`;
  if (m.matches !== undefined) return `a value matching /${m.matches}/`;
  if (m.oneOf !== undefined) return `one of ${m.oneOf.map(show).join(', ')}`;
  if (m.exists !== undefined) return m.exists ? 'the field to be set' : 'the field to be unset';
  if (m.quantity !== undefined) return `${m.quantity} (as a quantity)`;
  if (m.image !== undefined) return `image ${m.image}`;
  const bounds = [m.gte === undefined ? '' : `≥ ${m.gte}`, m.gt === undefined ? '' : `> ${m.gt}`, m.lte === undefined ? '' : `≤ ${m.lte}`, m.lt === undefined ? '' : `< ${m.lt}`].filter((b) => b !== '');
  return bounds.join(' and ');
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return undefined;
}

/** Whether one selected value satisfies the operator of `m`. */
function satisfies(m: FieldMatch, value: unknown): boolean {
  if (m.equals !== undefined) return valueMatches(m.equals, value);
  if (m.notEquals !== undefined) return !valueMatches(m.notEquals, value);
  if (m.contains !== undefined) {
    if (typeof value === 'string' && typeof m.contains === 'string') return value.includes(m.contains);
    if (Array.isArray(value)) return value.some((item) => item === m.contains);
    return false;
  }
  if (m.matches !== undefined) return typeof value === 'string' && new RegExp(m.matches).test(value);
  if (m.oneOf !== undefined) return m.oneOf.some((option: Scalar) => option === value);
  if (m.quantity !== undefined) {
    const want = parseQuantity(m.quantity);
    const have = typeof value === 'string' || typeof value === 'number' ? parseQuantity(value) : undefined;
    return want !== undefined && have !== undefined && want === have;
  }
  if (m.image !== undefined) return typeof value === 'string' && sameImage(m.image, value);
  const n = numeric(value);
  if (n === undefined) return false;
  return (m.gte === undefined || n >= m.gte) && (m.gt === undefined || n > m.gt) && (m.lte === undefined || n <= m.lte) && (m.lt === undefined || n < m.lt);
}

/**
 * Evaluates one field assertion. A path with [*] passes when any (default) or every selected
 * value satisfies it; every over an empty selection fails, so a missing list never passes.
 */
export function evaluateFieldMatch(object: unknown, m: FieldMatch): MatchOutcome {
  const selection = selectPath(object, m.path);
  const bound = m.gte !== undefined || m.gt !== undefined || m.lte !== undefined || m.lt !== undefined;
  const expected = `${m.path}${bound ? ' ' : ' = '}${describeOperator(m)}`;
  if (m.exists !== undefined) {
    const present = selection.values.some((v) => v.value !== undefined && v.value !== null);
    return {
      passed: present === m.exists,
      expected: `${m.path} ${m.exists ? 'set' : 'unset'}`,
      actual: present ? `${m.path} = ${selection.values.map((v) => show(v.value)).join(', ')}` : `${m.path} is not set${selection.missing === undefined ? '' : ` (${selection.missing.found})`}`,
    };
  }
  if (selection.values.length === 0) {
    // An unset field is not the unwanted value (the API omits false and empty fields).
    if (m.notEquals !== undefined) return { passed: true, expected, actual: `${m.path} is not set` };
    return { passed: false, expected, actual: `${selection.missing?.at ?? m.path} not found; ${selection.missing?.found ?? 'nothing there'}` };
  }
  const results = selection.values.map((selected: Selected) => ({ selected, ok: satisfies(m, selected.value) }));
  const passed = m.mode === 'all' ? results.every((r) => r.ok) : results.some((r) => r.ok);
  const shown = m.mode === 'all' ? results.filter((r) => !r.ok) : results;
  const actual = (shown.length > 0 ? shown : results).map((r) => `${r.selected.path} = ${show(r.selected.value)}`).join('; ');
  return { passed, expected, actual };
}
