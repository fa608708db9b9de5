/**
 * A Secret's values as the Pods get them: decoded from data (where stringData ends up too), with
 * the usual slips named — a trailing newline from `echo`, a value base64-encoded twice.
 */
import { show } from './match.js';
import { asObject, text } from './reader.js';

export interface SecretWanted {
  readonly type?: string;
  readonly data: Readonly<Record<string, string>>;
}

function decode(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

/** What differs between the Secret and the type and decoded values asked for. */
export function secretDataProblems(secret: unknown, wanted: SecretWanted): string[] {
  const problems: string[] = [];
  const type = text(secret, 'type') ?? 'Opaque';
  if (wanted.type !== undefined && type !== wanted.type) problems.push(`its type is ${type}, expected ${wanted.type}`);
  const data = asObject(asObject(secret)['data']);
  for (const [key, expected] of Object.entries(wanted.data)) {
    const encoded = data[key];
    if (typeof encoded !== 'string') {
      problems.push(`it has no key ${key} (keys: ${Object.keys(data).join(', ') || 'none'})`);
      continue;
    }
    const value = decode(encoded);
    if (value === expected) continue;
    let why = '';
    if (value.replace(/\r?\n$/, '') === expected) why = ': a trailing newline (echo without -n?)';
    else if (decode(value) === expected) why = ': it is base64-encoded twice (stringData and --from-literal take the plain value)';
    problems.push(`${key} decodes to ${show(value)}, expected ${show(expected)}${why}`);
  }
  return problems;
}
