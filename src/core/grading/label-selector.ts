/** Kubernetes LabelSelectors (matchLabels and matchExpressions, ANDed) evaluated on raw API JSON. */
import { asObject, items } from './reader.js';

export function isEmptySelector(selector: unknown): boolean {
  const s = asObject(selector);
  return Object.keys(asObject(s['matchLabels'])).length === 0 && items(s, 'matchExpressions').length === 0;
}

/** Whether the selector selects these labels; an empty selector ({}) selects everything, as in the API. */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const s = asObject(selector);
  return Object.entries(asObject(s['matchLabels'])).every(([k, v]) => labels[k] === String(v)) && items(s, 'matchExpressions').map(asObject).every((e) => {
    const key = String(e['key']);
    const values = items(e, 'values').map(String);
    const value = labels[key];
    switch (e['operator']) {
      case 'In': return value !== undefined && values.includes(value);
      case 'NotIn': return value === undefined || !values.includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      default: return false;
    }
  });
}

/** Labels of an object as strings. */
export function labelsOf(object: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(asObject(asObject(object)['metadata'])['labels']))) labels[k] = String(v);
  return labels;
}

/** Labels as an equality selector, as kubectl -l takes it: app=web,tier=db. */
export function labelSelector(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

export function labelsText(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).length === 0 ? 'with no labels' : labelSelector(labels);
}
