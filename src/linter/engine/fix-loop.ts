import { readFileSync } from 'node:fs';
import { ts } from 'ts-morph';
import type { Diagnostic, Fix } from '../../shared/diagnostic.js';
import { parseErrorsOf, scriptKindOf } from '../facts/project/parse-file.js';
import type { FileReport } from '../report.js';
import { applyFixes } from './apply-fixes.js';
import { readSource } from './read-source.js';
import { writeFileAtomic } from './write-atomic.js';

/** Like ESLint: at most this many fix-and-relint passes (fixes that keep producing fixes stop here). */
export const MAX_FIX_PASSES = 10;

export type FixMode = 'write' | 'dry-run';

export interface FixedFile {
  path: string;
  /** The text before any fix (without a BOM). */
  original: string;
  /** The text after every pass. */
  fixed: string;
  /** The file starts with a UTF-8 BOM (kept on write; a patch must show it, or `git apply` rejects the first line). */
  bom: boolean;
  /** How many fixes were applied to it, over all passes. */
  applied: number;
}

export interface FixOutcome {
  mode: FixMode;
  files: FixedFile[];
  /** Fixes not applied because the result would not parse, or the file could not be written. */
  refused: { path: string; reason: string }[];
  /** Lint passes that applied fixes. */
  passes: number;
}

export const BOM = '\uFEFF';

function syntaxErrors(path: string, text: string): number {
  return parseErrorsOf(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path))).length;
}

function firstSyntaxError(path: string, text: string): string {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
  const d = parseErrorsOf(sf)[0];
  if (!d) return 'a syntax error';
  const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
  return `${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
}

/**
 * Applies a file's fixes and re-parses the result. If the batch introduces a syntax error, the
 * fixes are tried one at a time and only those that keep the file parsing are kept.
 */
function fixText(path: string, text: string, fixes: Fix[]): { text: string; applied: number; refused: string | undefined } {
  const errorsBefore = syntaxErrors(path, text);
  const batch = applyFixes(text, fixes);
  if (batch.applied.length === 0) return { text, applied: 0, refused: undefined };
  if (syntaxErrors(path, batch.text) <= errorsBefore) return { text: batch.text, applied: batch.applied.length, refused: undefined };
  const reason = firstSyntaxError(path, batch.text);
  // Offsets are those of the original text: each trial applies the fixes kept so far plus one more.
  const keep: Fix[] = [];
  let current = text;
  for (const fix of batch.applied) {
    const trial = applyFixes(text, [...keep, fix]);
    if (trial.applied.length === keep.length + 1 && syntaxErrors(path, trial.text) <= errorsBefore) {
      keep.push(fix);
      current = trial.text;
    }
  }
  return { text: current, applied: keep.length, refused: `a fix would introduce a syntax error (${reason})` };
}

function hasBom(path: string): boolean {
  try {
    return readFileSync(path).subarray(0, 3).equals(Buffer.from(BOM, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * --fix / --fix-dry-run: apply the safe fixes of a lint run, re-lint, and repeat until nothing is
 * left to fix (at most MAX_FIX_PASSES). `write` replaces files atomically (never half written, a fix
 * that breaks the syntax is refused) and returns the report of the fixed files; `dry-run` computes
 * one pass in memory, writes nothing, and returns the report unchanged.
 */
export async function runFixPasses<O extends { files: FileReport[] }>(
  first: O,
  relint: () => Promise<O>,
  mode: FixMode,
  include: (d: Diagnostic) => boolean = () => true,
): Promise<{ output: O; outcome: FixOutcome }> {
  const files = new Map<string, FixedFile>();
  const refused = new Map<string, string>();
  let output = first;
  let passes = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    for (const report of output.files) {
      const fixes = report.diagnostics.filter((d) => d.fix && include(d)).map((d) => d.fix!);
      if (fixes.length === 0) continue;
      const path = report.file;
      const previous = files.get(path);
      let text = previous?.fixed;
      if (text === undefined) {
        // The text the engine linted (a BOM is not part of it: offsets are relative to the decoded text).
        const read = readSource(path);
        if (!read.ok) continue;
        text = read.text;
      }
      const bom = hasBom(path);
      const result = fixText(path, text, fixes);
      if (result.refused) refused.set(path, result.refused);
      if (result.applied === 0) continue;
      if (mode === 'write') {
        try {
          writeFileAtomic(path, (bom ? BOM : '') + result.text);
        } catch (error) {
          refused.set(path, `could not write the file (${(error as Error).message})`);
          continue;
        }
      }
      files.set(path, { path, bom, original: previous?.original ?? text, fixed: result.text, applied: (previous?.applied ?? 0) + result.applied });
      changed = true;
    }
    if (!changed) break;
    passes += 1;
    if (mode === 'dry-run') break;
    output = await relint();
  }
  return {
    output,
    outcome: { mode, files: [...files.values()], refused: [...refused].map(([path, reason]) => ({ path, reason })), passes },
  };
}
