import type { Severity } from '../shared/diagnostic.js';

/** Exit code of a finished run: 1 when errors were found or warnings exceed the allowance, else 0. */
export function exitCodeFor(counts: Record<Severity, number>, maxWarnings: number | undefined): 0 | 1 {
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return 1;
  return 0;
}
