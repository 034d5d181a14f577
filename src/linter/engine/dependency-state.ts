import { resolve } from 'node:path';
import { ts } from 'ts-morph';
import { textWithoutComments } from '../facts/project/code-only-text.js';
import { createModuleResolver } from '../facts/project/module-resolution.js';
import { importersWith, importIndex, pathsMatching, readTextOnce, resolvedImports, scanQueryOf, type ScanQuery } from '../facts/project/scan-deps.js';
import { contentHash } from './content-hash.js';

/**
 * What a file's recorded dependency is worth now, for the result cache: one value per dependency,
 * computed the same way when a result is stored and when it is looked up.
 *
 * - A file: a hash of its code with comments removed and whitespace runs collapsed, so adding a
 *   comment to a base class or a route file does not re-check the files that read it. (The edited
 *   file itself is always re-checked: its own key is its full content hash. A whitespace-only edit
 *   inside a string literal of a *dependency* is the one change this misses; no rule reads that.)
 * - A scan (scan-deps.ts): the query is run again on the current texts, and its answer (the files
 *   found, each with the hash above) is hashed, so an edit that does not change what a project-wide
 *   scan finds invalidates nothing else.
 * Everything is read once per run and only when asked.
 */
export class DependencyState {
  private readonly texts = new Map<string, string | null>();
  private readonly codeHashes = new Map<string, string>();
  private readonly values = new Map<string, string>();
  private index: Map<string, string[]> | undefined;

  constructor(
    private readonly root: string,
    /** Absolute paths of the project's files: what the scans ran over. */
    private readonly projectFiles: readonly string[],
    /** Texts already read (the linted files). */
    known: ReadonlyMap<string, string>,
    private readonly relativePathOf: (absPath: string) => string,
    private readonly tsconfig: string | undefined,
  ) {
    for (const [path, text] of known) this.texts.set(path, text);
  }

  /** The current value of a dependency as recorded by a check: a scan, or a project-relative path. */
  valueOf(dep: string): string {
    let value = this.values.get(dep);
    if (value === undefined) {
      const query = scanQueryOf(dep);
      value = query ? this.scanValue(query) : this.codeHash(resolve(this.root, dep));
      this.values.set(dep, value);
    }
    return value;
  }

  private textOf = (path: string): string | undefined => readTextOnce(this.texts, path);

  private codeHash(path: string): string {
    let h = this.codeHashes.get(path);
    if (h === undefined) {
      const text = this.textOf(path);
      const variant = /\.[jt]sx$/.test(path) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
      h = text === undefined ? '' : contentHash(textWithoutComments(text, variant).replace(/\s+/g, ' ').trim());
      this.codeHashes.set(path, h);
    }
    return h;
  }

  private scanValue(query: ScanQuery): string {
    let found: string[];
    if (query.kind === 'matching') {
      found = pathsMatching(this.projectFiles, this.relativePathOf, this.textOf, query);
    } else {
      if (!this.index) {
        const resolve = createModuleResolver({ root: this.root, ...(this.tsconfig !== undefined ? { tsconfig: this.tsconfig } : {}) });
        this.index = importIndex(this.projectFiles, this.textOf, (p, text) => resolvedImports(p, text, resolve));
      }
      found = importersWith(this.index, query.target, query.needles, this.textOf);
    }
    return contentHash(found.map((p) => `${this.relativePathOf(p)}\0${this.codeHash(p)}`).sort().join('\n'));
  }
}
