import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostic.js';
import type { FileReport } from '../report.js';
import { writeOwnedFile, type OwnedFileKind } from './write-owned.js';

/**
 * One accepted finding. Matched on rule id, file and fingerprint (what the finding is about: the
 * enclosing symbol, the name it is anchored at and its message; see fingerprint.ts), never on line
 * numbers or the code around it: an edit above a finding, or inside its handler, keeps it matched.
 */
export interface BaselineEntry {
  ruleId: string;
  /** Project-relative, POSIX separators. */
  file: string;
  fingerprint: string;
  /** For people reading the file (and pruning it); not used for matching. */
  message: string;
  line: number;
}

export interface BaselineDocument {
  format: 'bg-lint-baseline';
  /** 2: fingerprints of what a finding is about (version 1 hashed the flagged code; those no longer match). */
  version: 2;
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used: the run must not pretend it filtered anything. */
export class BaselineError extends Error {}

function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function keyOf(ruleId: string, file: string, fingerprint: string): string {
  return `${ruleId}\0${file}\0${fingerprint}`;
}

export function baselineFrom(root: string, files: readonly FileReport[]): BaselineDocument {
  const entries: BaselineEntry[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (!d.fingerprint) continue;
      entries.push({ ruleId: d.ruleId, file: rel(root, f.file), fingerprint: d.fingerprint, message: d.message, line: d.span.start.line });
    }
  }
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : 1)));
  return { format: 'bg-lint-baseline', version: 2, entries };
}

/** An earlier baseline (the only file --update-baseline may replace). */
export const BASELINE_FILE: OwnedFileKind = {
  what: 'the baseline',
  isOurs: (head) => /^\s*\{\s*"format"\s*:\s*"bg-lint-baseline"/.test(head),
};

/** Throws WriteError (and writes nothing) for a folder or a file that is not a baseline. */
export function writeBaseline(path: string, doc: BaselineDocument): void {
  writeOwnedFile(path, JSON.stringify(doc, null, 2) + '\n', BASELINE_FILE);
}

export function readBaseline(path: string): BaselineDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${path}: ${(error as Error).message}; write one with --update-baseline ${path}`);
  }
  const doc = parsed as { format?: unknown; version?: unknown; entries?: unknown } | null;
  if (doc?.format === 'bg-lint-baseline' && doc.version === 1) {
    // Matching it would report every accepted finding as new: say why instead.
    throw new BaselineError(
      `${path} was written by an earlier bg-lint (baseline version 1), whose fingerprints hashed the flagged code; this version keys them on what a finding is about, so the old entries cannot match: rewrite it with --update-baseline ${path} (review the diff: it holds today's findings)`,
    );
  }
  if (!doc || doc.format !== 'bg-lint-baseline' || doc.version !== 2 || !Array.isArray(doc.entries)) {
    throw new BaselineError(`${path} is not a bg-lint baseline (expected {"format": "bg-lint-baseline", "version": 2, "entries": [...]}); write one with --update-baseline ${path}`);
  }
  return doc as BaselineDocument;
}

export interface BaselineOutcome {
  files: FileReport[];
  /** Findings the baseline accepted. */
  matched: number;
  /** Entries no finding matched any more: fixed or gone, so the baseline can be pruned. */
  stale: BaselineEntry[];
}

/**
 * Drops findings the baseline accepts (as many of each as the baseline holds) and lists the baseline
 * entries that no longer occur. Only files that were linted are judged for staleness.
 */
export function applyBaseline(root: string, files: readonly FileReport[], doc: BaselineDocument): BaselineOutcome {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const e of doc.entries) {
    const k = keyOf(e.ruleId, e.file, e.fingerprint);
    if (!remaining.has(k)) remaining.set(k, []);
    remaining.get(k)!.push(e);
  }
  let matched = 0;
  const out = files.map((f) => {
    const file = rel(root, f.file);
    const diagnostics = f.diagnostics.filter((d: Diagnostic) => {
      const bucket = d.fingerprint ? remaining.get(keyOf(d.ruleId, file, d.fingerprint)) : undefined;
      if (!bucket || bucket.length === 0) return true;
      bucket.pop();
      matched += 1;
      return false;
    });
    return { ...f, diagnostics };
  });
  const linted = new Set(files.map((f) => rel(root, f.file)));
  const stale = [...remaining.values()].flat().filter((e) => linted.has(e.file));
  return { files: out, matched, stale };
}
