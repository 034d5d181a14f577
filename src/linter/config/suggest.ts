/**
 * "Did you mean" for misspelt keys, check names and rule ids: the closest candidate by edit
 * distance, if it is close enough to be a plausible typo (ast-grep / cargo style).
 */
export function editDistance(a: string, b: string): number {
  // Two-row Levenshtein; inputs are short keys, so O(n·m) is fine.
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate within a third of the word's length (at least 1, case-insensitive), or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `; did you mean "x"?` or `; valid <what>: a, b, c` (a short list helps more than nothing). */
export function suggestionSuffix(word: string, candidates: readonly string[], what: string): string {
  const guess = closest(word, candidates);
  if (guess !== undefined) return `; did you mean "${guess}"?`;
  if (candidates.length === 0) return '';
  return `; valid ${what}: ${candidates.join(', ')}`;
}
