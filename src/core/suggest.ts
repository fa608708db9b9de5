/** Edit distance between two strings (insert, delete, substitute, adjacent swap). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidates closest to `input`, best first: near spellings, then names that contain it.
 * Returns an empty list when nothing is plausibly meant.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored = candidates
    .map((candidate) => {
      const hay = candidate.toLowerCase();
      const distance = editDistance(needle, hay);
      const threshold = Math.max(1, Math.floor(Math.max(needle.length, hay.length) / 3));
      const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay));
      return { candidate, distance, ok: distance <= threshold || contains };
    })
    .filter((entry) => entry.ok)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const matches = closestMatches(input, candidates);
  if (matches.length === 0) return '';
  return ` Did you mean ${matches.map((m) => `'${m}'`).join(' or ')}?`;
}
