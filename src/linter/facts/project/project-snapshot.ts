import { readFileSync, statSync } from 'node:fs';
import type { FileFacts } from './file-facts.js';
import { createModuleResolver } from './module-resolution.js';
import { parseFile } from './parse-file.js';
import { resolvedImports } from './scan-deps.js';

/** Parsed files kept between passes beyond the current one: enough for an editor's shared files, bounded for memory. */
const MAX_KEPT_PARSED = 256;

interface TextEntry {
  /** null: the file could not be read. */
  text: string | null;
  mtimeMs: number;
  size: number;
  /** The pass in which the file was last checked against the disk. */
  checkedInPass: number;
}

export interface SnapshotSettings {
  root: string;
  tsconfig?: string;
  /**
   * Kept across passes (a lint session): every text read is checked against the file's mtime and
   * size once per pass. A one-run snapshot (the CLI's) never stats: files do not change mid-run.
   */
  persistent?: boolean;
}

/**
 * What a project's passes can share, whatever they lint: the files' texts as read from disk, the
 * imports each file resolves to, the module resolver (with its cache of which candidate paths
 * exist), and parsed files. ProjectFacts of one pass reads the project through it; a lint session
 * keeps one across passes, so an edit re-reads and re-parses the changed file, not the project.
 *
 * Invalidation: a text is re-read when its file's mtime or size changed (checked once per pass); an
 * import list and a parsed file are reused only for the exact text they were made from (editor
 * overrides included); a change to the set of project files (created, deleted) drops the resolver
 * and every import list, since any specifier may now resolve elsewhere.
 */
export class ProjectSnapshot {
  private readonly texts = new Map<string, TextEntry>();
  private readonly imports = new Map<string, { text: string; targets: string[] }>();
  /** Most recently used last (a Map keeps insertion order). */
  private readonly parsed = new Map<string, FileFacts>();
  private pass = 0;
  private paths: ReadonlySet<string> | undefined;
  private resolver: ((fromFile: string, specifier: string) => string | undefined) | undefined;
  /** Paths whose text was read from disk in the current pass (what a reuse test counts). */
  readonly readsThisPass: string[] = [];
  /** Paths whose imports were scanned and resolved in the current pass (not reused from an earlier pass or the cache). */
  readonly importScansThisPass: string[] = [];

  constructor(private readonly settings: SnapshotSettings) {}

  /** A pass starts over these project files: texts are checked against the disk again from here. */
  beginPass(projectPaths: readonly string[]): void {
    this.pass += 1;
    this.readsThisPass.length = 0;
    this.importScansThisPass.length = 0;
    const next = new Set(projectPaths);
    if (this.paths && (this.paths.size !== next.size || projectPaths.some((p) => !this.paths!.has(p)))) {
      this.resolver = undefined;
      this.imports.clear();
    }
    this.paths = next;
  }

  /** Import resolution as the project's compiler does it, cached until the set of project files changes. */
  readonly resolveModule = (fromFile: string, specifier: string): string | undefined => {
    this.resolver ??= createModuleResolver({ root: this.settings.root, ...(this.settings.tsconfig !== undefined ? { tsconfig: this.settings.tsconfig } : {}) });
    return this.resolver(fromFile, specifier);
  };

  /** A file's text as on disk (undefined when it cannot be read), read again only when the file changed. */
  text(path: string): string | undefined {
    return this.entry(path).text ?? undefined;
  }

  /** A file's size on disk in bytes, as last read (0 when it could not be read). */
  sizeOf(path: string): number {
    return this.entry(path).size;
  }

  private entry(path: string): TextEntry {
    let entry = this.texts.get(path);
    if (entry && entry.checkedInPass !== this.pass) {
      const now = this.settings.persistent ? statOf(path) : { mtimeMs: entry.mtimeMs, size: entry.size };
      if (now.mtimeMs === entry.mtimeMs && now.size === entry.size) entry.checkedInPass = this.pass;
      else entry = undefined;
    }
    if (!entry) {
      // Stat before reading: a write in between leaves a newer mtime, so the next pass reads again.
      const before = this.settings.persistent ? statOf(path) : { mtimeMs: 0, size: 0 };
      let text: string | null;
      try {
        const buffer = readFileSync(path);
        text = buffer.toString('utf8');
        if (!this.settings.persistent) before.size = buffer.length;
      } catch {
        text = null;
      }
      this.readsThisPass.push(path);
      entry = { text, mtimeMs: before.mtimeMs, size: before.size, checkedInPass: this.pass };
      this.texts.set(path, entry);
    }
    return entry;
  }

  /** The project files `path` imports, resolved, for this text of it (ts.preProcessFile only when the text is new). */
  importsOf(path: string, text: string): readonly string[] {
    const known = this.imports.get(path);
    if (known && known.text === text) return known.targets;
    this.importScansThisPass.push(path);
    const targets = resolvedImports(path, text, this.resolveModule);
    this.imports.set(path, { text, targets });
    return targets;
  }

  /**
   * Import lists already resolved elsewhere for these texts (the result cache's, engine/dependency-state.ts):
   * a re-run that checks one edited file then does not resolve every file of the project again to
   * find that file's importers. A list is only taken for the exact text it was made from.
   */
  seedImports(known: ReadonlyArray<{ path: string; text: string; targets?: string[] }>): void {
    for (const k of known) {
      if (k.targets && !this.imports.has(k.path)) this.imports.set(k.path, { text: k.text, targets: k.targets });
      // The texts too, in a one-run snapshot: the import index reads every file's text, and these
      // were read from disk in this run already (a persistent one must stat them itself).
      if (!this.settings.persistent && !this.texts.has(k.path)) {
        this.texts.set(k.path, { text: k.text, mtimeMs: 0, size: Buffer.byteLength(k.text, 'utf8'), checkedInPass: this.pass });
      }
    }
  }

  /** A file parsed from this text, reused when an earlier pass parsed the same text at the same path. */
  parse(path: string, relativePath: string, text: string): FileFacts {
    // A one-run snapshot keeps no trees: ProjectFacts releases what it no longer needs, memory stays flat.
    if (!this.settings.persistent) return parseFile(path, relativePath, text);
    const known = this.parsed.get(path);
    this.parsed.delete(path);
    const facts = known && known.text === text && known.relativePath === relativePath ? known : parseFile(path, relativePath, text);
    this.parsed.set(path, facts);
    if (this.parsed.size > MAX_KEPT_PARSED) this.parsed.delete(this.parsed.keys().next().value!);
    return facts;
  }
}

function statOf(path: string): { mtimeMs: number; size: number } {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? { mtimeMs: s.mtimeMs, size: s.size } : { mtimeMs: -1, size: -1 };
  } catch {
    return { mtimeMs: -1, size: -1 };
  }
}
