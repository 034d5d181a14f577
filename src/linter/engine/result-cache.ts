import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { isScanDep } from '../facts/project/scan-deps.js';
import { dropKeysNotIn, FileContributions, type StoredContributions } from './file-contributions.js';
import { ScanAnswers, type StoredScanAnswers } from './scan-answers.js';
import { writeOwnedFile, type OwnedFileKind } from './write-owned.js';

/**
 * A cache of ours, also a truncated one, or a torn write (NUL bytes): the only files the cache may
 * replace. Anything else at the location (package.json, a source file) is someone's data.
 */
const CACHE_FILE: OwnedFileKind = {
  what: 'the cache',
  isOurs: (head) => /^\s*\{\s*"format"\s*:\s*"bg-lint-cache"/.test(head) || head.includes('\u0000'),
};

/** One file's cached result. */
export interface CachedFile {
  /** Content hash of the file when it was linted. */
  hash: string;
  /**
   * What the result was computed from besides the file itself, each with its value then (see
   * engine/dependency-state.ts): project-relative path → its code's hash; a project-wide scan's
   * query (e.g. a task registry) → its answer's hash.
   */
  deps: Record<string, string>;
  /** Findings with `file` omitted (it is the entry's key). */
  diagnostics: Omit<Diagnostic, 'file'>[];
}

interface CacheDocument {
  format: 'bg-lint-cache';
  version: 2;
  /** Tool version + resolved configuration: any change starts an empty cache. */
  key: string;
  files: Record<string, CachedFile>;
  /** Every project file's contribution to the dependencies' values, by content hash (file-contributions.ts). */
  project?: StoredContributions;
  /** The project-wide scans' answers on the tree of the run that wrote them (scan-answers.ts). */
  scans?: StoredScanAnswers;
}

function isCacheDocument(value: unknown, key: string): value is CacheDocument {
  const v = value as Partial<CacheDocument> | null;
  return Boolean(v) && v!.format === 'bg-lint-cache' && v!.version === 2 && v!.key === key &&
    typeof v!.files === 'object' && v!.files !== null && !Array.isArray(v!.files);
}

/**
 * Per-file lint results keyed on content, configuration and tool version, and on the content of every
 * other file a rule read for that file (so editing a base class re-checks the models that extend it;
 * ESLint's cache misses that case). A corrupt cache of ours is ignored and rewritten; a file that is
 * not a cache is never overwritten (save throws WriteError).
 */
export class ResultCache {
  private readonly files: Record<string, CachedFile>;
  private dirty = false;
  /** What validating the dependencies needs from every project file, kept so that a re-run recomputes only the edited ones. */
  readonly contributions: FileContributions;
  /** The scans' answers as stored: the next run updates them by what changed instead of re-running them. */
  readonly scanAnswers: ScanAnswers;
  private scans: unknown;

  private constructor(
    /** The cache file. */
    readonly location: string,
    private readonly key: string,
    files: Record<string, CachedFile>,
    project?: unknown,
    scans?: unknown,
  ) {
    this.files = files;
    this.contributions = new FileContributions(project);
    this.scanAnswers = new ScanAnswers(scans);
    this.scans = scans;
  }

  static open(location: string, key: string): ResultCache {
    let files: Record<string, CachedFile> = {};
    let project: unknown;
    let scans: unknown;
    try {
      const parsed: unknown = JSON.parse(readFileSync(location, 'utf8'));
      if (isCacheDocument(parsed, key)) ({ files, project, scans } = parsed);
    } catch {
      /* missing, unreadable or not JSON: start empty, the next save rewrites it */
    }
    return new ResultCache(location, key, files, project, scans);
  }

  /**
   * The cached findings of a file, when its content and everything its result depended on are unchanged.
   * `valueOf` gives a dependency's current value.
   */
  lookup(relativePath: string, hash: string, valueOf: (dep: string) => string): CachedFile['diagnostics'] | undefined {
    const entry = this.files[relativePath];
    if (!entry || entry.hash !== hash || !Array.isArray(entry.diagnostics) || typeof entry.deps !== 'object') return undefined;
    for (const [dep, depHash] of Object.entries(entry.deps)) {
      if (valueOf(dep) !== depHash) return undefined;
    }
    return entry.diagnostics;
  }

  /** The files (not scans) the entries of these files depend on, project-relative: what the fully cached run checks besides them. */
  fileDepsOf(relativePaths: Iterable<string>): Set<string> {
    const deps = new Set<string>();
    for (const path of relativePaths) {
      for (const dep of Object.keys(this.files[path]?.deps ?? {})) if (!isScanDep(dep)) deps.add(dep);
    }
    return deps;
  }

  store(relativePath: string, entry: CachedFile): void {
    this.files[relativePath] = entry;
    this.dirty = true;
  }

  /** This run's scan answers (undefined: the same as stored, nothing to write). */
  storeScanAnswers(answers: StoredScanAnswers | undefined): void {
    if (answers === undefined) return;
    this.scans = answers;
    this.dirty = true;
  }

  /** Drops entries of files that are no longer part of the project, so the cache does not grow forever. */
  retainOnly(relativePaths: ReadonlySet<string>): void {
    if (dropKeysNotIn(this.files, relativePaths)) this.dirty = true;
    this.contributions.retainOnly(relativePaths);
  }

  /**
   * Writes the cache atomically (temp file + rename): an interrupted run never leaves half a cache.
   * Throws WriteError when the location is a folder, unwritable, or a file that is not a cache.
   */
  save(): void {
    if (!this.dirty && !this.contributions.dirty) return;
    const doc: CacheDocument = { format: 'bg-lint-cache', version: 2, key: this.key, files: this.files, project: this.contributions.toJSON(), ...(this.scans !== undefined ? { scans: this.scans as StoredScanAnswers } : {}) };
    writeOwnedFile(this.location, JSON.stringify(doc), CACHE_FILE);
    this.dirty = false;
    this.contributions.dirty = false;
  }
}
