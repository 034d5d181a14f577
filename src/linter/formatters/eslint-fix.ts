import type { Fix } from '../../shared/diagnostic.js';

/** ESLint's fix shape: one replacement of `[start, end)` in the original text. */
export interface EslintFix {
  range: [number, number];
  text: string;
}

/**
 * ESLint's JSON carries a single range per fix, ours several edits: merge them into one range
 * that covers them all, copying the untouched text between edits from the file's source.
 * Without the source (or with overlapping edits, or edits past its end) several edits cannot be
 * merged faithfully, so there is no fix rather than a wrong one.
 */
export function toEslintFix(fix: Fix, source: string | undefined): EslintFix | undefined {
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const first = edits[0];
  if (!first) return undefined;
  if (edits.length === 1) return { range: [first.start, first.end], text: first.text };
  if (source === undefined) return undefined;

  let text = first.text;
  let end = first.end;
  for (const edit of edits.slice(1)) {
    if (edit.start < end || edit.end > source.length) return undefined;
    text += source.slice(end, edit.start) + edit.text;
    end = edit.end;
  }
  return { range: [first.start, end], text };
}
