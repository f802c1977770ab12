/**
 * "Did you mean" for names a person typed: the known name closest to a misspelt one, if any is close
 * enough to be what was meant. Used for field names, enumerated values and references by name.
 */

/** Case, `-` and `_` do not make a different word: `numaaware` means `numa-aware`, `Capacity` means `capacity`. */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[-_]/g, '');
}

/** Edits allowed for a word of this length: one for short words, up to three for long ones. */
function allowedEdits(length: number): number {
  return length <= 4 ? 1 : length <= 9 ? 2 : 3;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each
 * cost one, so `capabilty` is one edit from `capability` and `reqeusts` one from `requests`.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/** The candidate `word` was most probably meant to be, or undefined when none is close. Ties go to the earlier candidate. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const typed = normalize(String(word));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(typed, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= allowedEdits(Math.max(typed.length, 1)) ? best : undefined;
}

/**
 * The tail of a message about an unknown name: `; did you mean "x"?` when one is close, else the list
 * of known names (`; known: a, b, c`), or nothing when there are none.
 */
export function suggestion(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  if (match !== undefined) return `; did you mean "${match}"?`;
  return candidates.length > 0 ? `; known: ${candidates.join(', ')}` : '';
}
