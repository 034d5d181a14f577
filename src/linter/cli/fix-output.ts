import { relative, sep } from 'node:path';
import { unifiedDiff } from '../engine/diff.js';
import { BOM, type FixedFile, type FixOutcome } from '../engine/fix-loop.js';
import type { CliIO } from './io.js';

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/**
 * What --fix and --fix-dry-run tell the user. --fix-dry-run prints a unified diff on stdout (a
 * patch `git apply` takes); both print a summary, and any refused fix, on stderr.
 */
export function printFixOutcome(outcome: FixOutcome, io: CliIO): void {
  const rel = (path: string) => relative(io.cwd, path).split(sep).join('/');
  if (outcome.mode === 'dry-run') {
    // The BOM is part of the file's first line as git sees it: leave it out and `git apply` refuses the patch.
    const bom = (f: FixedFile) => (f.bom ? BOM : '');
    const patch = outcome.files.map((f) => unifiedDiff(rel(f.path), bom(f) + f.original, bom(f) + f.fixed)).join('');
    if (patch !== '') io.stdout(patch);
  }
  for (const r of outcome.refused) io.stderr(`bg-lint: ${rel(r.path)}: fixes not applied: ${r.reason}\n`);
  const applied = outcome.files.reduce((n, f) => n + f.applied, 0);
  if (applied === 0) return;
  const what = `${plural(applied, 'fix', 'fixes')} in ${plural(outcome.files.length, 'file')}`;
  io.stderr(outcome.mode === 'dry-run' ? `bg-lint: ${what} would be applied (dry run: nothing written)\n` : `bg-lint: applied ${what}\n`);
}
