/**
 * Kubernetes resource quantities compared by value, exactly: 500m = 0.5, 1Gi = 1024Mi,
 * 1G ≠ 1Gi. Values are scaled to integer nano-units in a BigInt, so nothing rounds.
 */

const binary: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const decimalExp: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const pattern = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|(n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The quantity in nano-units, or undefined when it is not a quantity. */
export function parseQuantity(input: string | number): bigint | undefined {
  const text = String(input).trim();
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const [, sign, number = '0', bin, dec, exp] = match;
  const [whole = '0', fraction = ''] = number.split('.');
  // mantissa × 10^(−fractionDigits), then × 10^9 for nano-units
  let value = BigInt(`${whole}${fraction}` || '0');
  let pow10 = 9 - fraction.length;
  if (bin !== undefined) value *= binary[bin] ?? 1n;
  else if (dec !== undefined) pow10 += decimalExp[dec] ?? 0;
  else if (exp !== undefined) pow10 += Number(exp);
  if (pow10 >= 0) value *= 10n ** BigInt(pow10);
  else {
    const divisor = 10n ** BigInt(-pow10);
    // A value finer than a nano-unit cannot be a real quantity; round towards zero like the API.
    value /= divisor;
  }
  return sign === '-' ? -value : value;
}

export function quantitiesEqual(a: string | number, b: string | number): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && x === y;
}
