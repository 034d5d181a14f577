import type { Fix, TextEdit } from '../../shared/diagnostic.js';

export interface AppliedFixes {
  /** The text with the applied fixes. */
  text: string;
  /** The fixes applied, in the order given: a fix is applied whole (all its edits) or not at all. */
  applied: Fix[];
  /** Fixes left out because they overlap one applied before them (a later pass gets them), or are out of range. */
  skipped: Fix[];
}

function sortedEdits(fix: Fix): TextEdit[] {
  return [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A fix's edits are in range and do not overlap each other. */
function isWellFormed(edits: readonly TextEdit[], length: number): boolean {
  let end = -1;
  for (const e of edits) {
    if (e.start < 0 || e.end < e.start || e.end > length || e.start < end) return false;
    end = e.end;
  }
  return edits.length > 0;
}

/**
 * Applies fixes to a text, like ESLint's fixer: fixes are taken in the order of their first edit;
 * a fix that overlaps (or touches) one already taken is skipped, so a
 * later pass, after re-linting the new text, can apply it on fresh offsets. Pure: no I/O.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const candidates = fixes
    .map((fix, order) => ({ fix, order, edits: sortedEdits(fix) }))
    .sort((a, b) => (a.edits[0]?.start ?? 0) - (b.edits[0]?.start ?? 0) || (a.edits[0]?.end ?? 0) - (b.edits[0]?.end ?? 0) || a.order - b.order);
  const taken: { fix: Fix; order: number; edits: TextEdit[] }[] = [];
  const skipped: Fix[] = [];
  let lastEnd = -1;
  for (const c of candidates) {
    // As ESLint: an edit that starts inside, or right at the end of, the previous one waits for a later pass.
    const first = c.edits[0];
    if (!first || !isWellFormed(c.edits, text.length) || first.start <= lastEnd) {
      skipped.push(c.fix);
      continue;
    }
    taken.push(c);
    lastEnd = c.edits[c.edits.length - 1]!.end;
  }
  const edits = taken.flatMap((c) => c.edits);
  let out = '';
  let cursor = 0;
  for (const e of edits) {
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  out += text.slice(cursor);
  return { text: out, applied: taken.sort((a, b) => a.order - b.order).map((c) => c.fix), skipped };
}
