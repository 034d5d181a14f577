/**
 * What one project file contributes to the values of cached dependencies, kept in the result cache
 * by the file's content hash: re-validating a cache then recomputes only the edited files'
 * contributions, and folds the rest from what was stored (engine/dependency-state.ts). Without it,
 * every run re-scanned and re-resolved every file of the project to check that nothing changed.
 */
export interface FileContribution {
  /** Content hash of the whole text these facts were computed from. */
  hash: string;
  /** Hash of its code (comments removed, whitespace runs collapsed). */
  code?: string;
  /** The module specifiers it imports (ts.preProcessFile): a function of the text alone. */
  specifiers?: string[];
  /**
   * What those specifiers resolve to, as root-relative paths: valid only under the resolution
   * environment the store was made in (see `useResolutionEnv`).
   */
  imports?: string[];
}

/** The form kept in the cache file. */
export interface StoredContributions {
  /** Hash of what resolution depends on besides a file's text (the file list, tsconfig, workspace). */
  env?: string;
  files: Record<string, FileContribution>;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** A stored entry as read from disk: a malformed one (hand-edited, an older layout) is dropped. */
function isContribution(v: unknown): v is FileContribution {
  const c = v as Partial<FileContribution> | null;
  return Boolean(c) && typeof c === 'object' && typeof c!.hash === 'string' &&
    (c!.code === undefined || typeof c!.code === 'string') &&
    (c!.specifiers === undefined || isStringList(c!.specifiers)) &&
    (c!.imports === undefined || isStringList(c!.imports));
}

/** Deletes the keys of `record` that `keep` lacks; true when one was deleted. */
export function dropKeysNotIn(record: Record<string, unknown>, keep: ReadonlySet<string>): boolean {
  let dropped = false;
  for (const key of Object.keys(record)) {
    if (!keep.has(key)) {
      delete record[key];
      dropped = true;
    }
  }
  return dropped;
}

export class FileContributions {
  private env: string | undefined;
  private readonly files: Record<string, FileContribution>;
  /** Something was added or dropped since the store was read: the cache must be written. */
  dirty = false;

  constructor(stored?: unknown) {
    const s = stored as Partial<StoredContributions> | undefined;
    const ok = Boolean(s) && typeof s === 'object' && typeof s!.files === 'object' && s!.files !== null && !Array.isArray(s!.files);
    this.files = ok ? (s!.files as Record<string, FileContribution>) : {};
    this.env = ok && typeof s!.env === 'string' ? s!.env : undefined;
  }

  /** The entry of `relativePath` for this content hash: the stored one when the text is the same, else a fresh one. */
  of(relativePath: string, hash: string): FileContribution {
    const known = this.files[relativePath];
    if (known !== undefined && isContribution(known) && known.hash === hash) return known;
    this.dirty = true;
    return (this.files[relativePath] = { hash });
  }

  /** Marks the store changed after a field of an entry was filled in. */
  filled(): void {
    this.dirty = true;
  }

  /**
   * Resolved imports are kept only while the resolution environment is the same: a file created or
   * deleted, a tsconfig or a workspace manifest changed, and every file is resolved again.
   */
  useResolutionEnv(env: string): void {
    if (this.env === env) return;
    for (const entry of Object.values(this.files)) if (entry && typeof entry === 'object') delete entry.imports;
    this.env = env;
    this.dirty = true;
  }

  /** Drops entries of files that are no longer part of the project. */
  retainOnly(relativePaths: ReadonlySet<string>): void {
    if (dropKeysNotIn(this.files, relativePaths)) this.dirty = true;
  }

  toJSON(): StoredContributions {
    return { ...(this.env !== undefined ? { env: this.env } : {}), files: this.files };
  }
}
