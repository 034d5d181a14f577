import { structuredPatch } from 'diff';

/**
 * Unified diffs (`diff -u` / `git diff` format) for --fix-dry-run: readable, and applicable with
 * `git apply` or `patch -p1`. jsdiff computes the edit script and the hunks (Myers, three lines of
 * context, close changes merged); this file only prints them as `diff -u` does, which jsdiff's own
 * `createTwoFilesPatch` does not quite: it adds an `Index:`/`====` header and always writes a hunk's
 * line count, where `diff -u` omits a count of 1. Lines keep their `\r` (a CRLF file's patch applies
 * to that file), and a BOM is part of the first line, as git sees it.
 */

/**
 * A hunk range as `diff -u` writes it: a count of 1 is omitted; an empty range names the line before
 * it (jsdiff's `structuredPatch` gives the line after).
 */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

/**
 * A unified diff of one file, with `context` lines around each change; '' when nothing changed.
 * `path` is printed as `a/path` and `b/path`.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context });
  const out: string[] = [`--- a/${path}`, `+++ b/${path}`];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return out.join('\n') + '\n';
}
