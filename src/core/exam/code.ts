import { UsageError } from '../errors.js';
import { capabilityNames, type CapabilityName, type Capabilities } from '../profile.js';
import type { Task } from '../tasks/model.js';

/**
 * A short code that names an exam draw: seed, task count and the capabilities it was drawn for,
 * plus a mark of the catalogue, so a study group can share "the same exam" by a code
 * like 4K7QD-2M9XA. Crockford base32: no I, L, O or U, case-insensitive.
 */
export interface ExamCode {
  readonly seed: number;
  readonly count: number;
  readonly capabilities: Capabilities;
  /** 7 bits of the catalogue's fingerprint: a different mark means the tasks may differ. */
  readonly catalogueMark: number;
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeLength = 10;
const maxCount = 63;
const markMask = 0x7f;
/** Mixed into the bits so small seeds do not read 00000-…; any fixed 50-bit pattern would do. */
const mask = 0x2b5c3_9e1d_a74fn;

/** A fingerprint of what a draw depends on: ids, domains, weights, needs and conflicts. */
export function catalogueMark(tasks: readonly Task[]): number {
  const text = [...tasks].sort((a, b) => a.id.localeCompare(b.id))
    .map((t) => `${t.id}:${t.domain}:${t.weight}:${[...t.requires].sort().join(',')}:${[...t.conflicts].sort().join(',')}`).join('\n');
  // FNV-1a, folded to 8 bits.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return (hash ^ (hash >>> 8) ^ (hash >>> 16) ^ (hash >>> 24)) & markMask;
}

export function formatExamCode(code: ExamCode): string {
  if (code.count < 1 || code.count > maxCount) throw new UsageError(`An exam code holds 1 to ${maxCount} tasks; got ${code.count}.`);
  let caps = 0n;
  capabilityNames.forEach((name, i) => {
    if (code.capabilities[name]) caps |= 1n << BigInt(i);
  });
  // 32 bits seed | 6 bits count | 5 bits capabilities | 7 bits catalogue = 50 bits = 10 characters.
  let value = ((BigInt(code.seed >>> 0) << 18n) | (BigInt(code.count) << 12n) | (caps << 7n) | BigInt(code.catalogueMark & markMask)) ^ mask;
  let out = '';
  for (let i = 0; i < codeLength; i++) {
    out = (alphabet[Number(value & 31n)] ?? '0') + out;
    value >>= 5n;
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

export function parseExamCode(text: string): ExamCode {
  const clean = text.trim().toUpperCase().replace(/[-\s]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  const bad = (why: string): UsageError => new UsageError(`'${text}' is not an exam code: ${why}.`, {
    hint: "An exam code has 10 characters, like 4K7QD-2M9XA; 'cka-lab exam' shows the code of each exam it draws.",
  });
  if (clean.length !== codeLength) throw bad(`it has ${clean.length} characters instead of ${codeLength}`);
  let value = 0n;
  for (const char of clean) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) throw bad(`'${char}' is not one of its characters`);
    value = (value << 5n) | BigInt(digit);
  }
  value ^= mask;
  const count = Number((value >> 12n) & 63n);
  if (count === 0) throw bad('it names no tasks');
  const caps = Number((value >> 7n) & 31n);
  const capabilities = Object.fromEntries(capabilityNames.map((name, i) => [name, (caps & (1 << i)) !== 0])) as Record<CapabilityName, boolean> satisfies Capabilities;
  return { seed: Number(value >> 18n), count, capabilities, catalogueMark: Number(value & BigInt(markMask)) };
}
