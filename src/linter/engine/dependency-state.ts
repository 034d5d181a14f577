import { relative, resolve, sep } from 'node:path';
import { ts } from 'ts-morph';
import { textWithoutComments } from '../facts/project/code-only-text.js';
import { createModuleResolver, readCompilerSettings } from '../facts/project/module-resolution.js';
import { importIndexAmong, importSpecifiers, needlesKey, pathsMatching, readTextOnce, resolveSpecifiers, scanQueryOf, type ScanQuery } from '../facts/project/scan-deps.js';
import { findWorkspacePackages } from '../facts/project/workspace-packages.js';
import { contentHash } from './content-hash.js';
import { FileContributions, type FileContribution } from './file-contributions.js';

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
 *
 * A scan's answer is a fold over every project file, so each file's part in it (its code hash, its
 * imports) is kept by content hash in `contributions` (file-contributions.ts): a run reads and hashes
 * every file, but recomputes those parts only for the files whose text changed. Text tests (globs,
 * needles) are cheap and simply run again. Everything is read once per run and only when asked.
 */
export class DependencyState {
  private readonly texts = new Map<string, string | null>();
  private readonly codeHashes = new Map<string, string>();
  private readonly values = new Map<string, string>();
  /** One reverse-import index per needle set (scan-deps.ts importIndexAmong). */
  private readonly indexes = new Map<string, Map<string, string[]>>();
  /** Each file's resolved imports (absolute), as the import index was built from them. */
  private readonly importsByPath = new Map<string, string[]>();

  constructor(
    private readonly root: string,
    /** Absolute paths of the project's files: what the scans ran over. */
    private readonly projectFiles: readonly string[],
    /** Texts already read (the linted files). */
    known: ReadonlyMap<string, string>,
    private readonly relativePathOf: (absPath: string) => string,
    private readonly tsconfig: string | undefined,
    /** Per-file parts kept between runs (the result cache's); a fresh store computes everything. */
    private readonly contributions: FileContributions = new FileContributions(),
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

  /** Cache keys: the path relative to the root as it is (a workspace package's file keeps its `../`). */
  private keyOf(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  private readonly hashes = new Map<string, string>();

  private contribution(path: string, text: string): FileContribution {
    let hash = this.hashes.get(path);
    if (hash === undefined) this.hashes.set(path, (hash = contentHash(text)));
    return this.contributions.of(this.keyOf(path), hash);
  }

  private codeHash(path: string): string {
    let h = this.codeHashes.get(path);
    if (h === undefined) {
      const text = this.textOf(path);
      if (text === undefined) {
        h = '';
      } else {
        const c = this.contribution(path, text);
        if (c.code === undefined) {
          const variant = /\.[jt]sx$/.test(path) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
          c.code = contentHash(textWithoutComments(text, variant).replace(/\s+/g, ' ').trim());
          this.contributions.filled();
        }
        h = c.code;
      }
      this.codeHashes.set(path, h);
    }
    return h;
  }

  /** Which project files import each file: stored imports for unchanged texts, resolved afresh for the rest. */
  private importIndex(needles: readonly string[] | undefined): Map<string, string[]> {
    const key = needlesKey(needles);
    const known = this.indexes.get(key);
    if (known) return known;
    if (this.indexes.size === 0) this.contributions.useResolutionEnv(this.resolutionEnv());
    const index = importIndexAmong(this.projectFiles, needles, this.textOf, (path, text) => {
      const c = this.contribution(path, text);
      if (c.imports === undefined) {
        c.specifiers ??= importSpecifiers(text);
        this.resolveModule ??= createModuleResolver({ root: this.root, ...(this.tsconfig !== undefined ? { tsconfig: this.tsconfig } : {}) });
        c.imports = resolveSpecifiers(path, c.specifiers, this.resolveModule).map((t) => this.keyOf(t));
        this.contributions.filled();
      }
      const targets = c.imports.map((t) => resolve(this.root, t));
      this.importsByPath.set(path, targets);
      return targets;
    });
    this.indexes.set(key, index);
    return index;
  }

  /** One resolver for every index of the run (it caches which candidate paths exist). */
  private resolveModule: ((fromFile: string, specifier: string) => string | undefined) | undefined;

  /** The resolved imports validation used, with the texts they are for (none when no scan needed them). */
  knownImports(): Array<{ path: string; text: string; targets: string[] }> {
    return [...this.importsByPath].flatMap(([path, targets]) => {
      const text = this.texts.get(path);
      return typeof text === 'string' ? [{ path, text, targets }] : [];
    });
  }

  /**
   * What resolving a specifier depends on besides the importing file's text: which files exist
   * (the project's file list), the compiler options (tsconfig with its `extends` chain) and the
   * workspace's packages. A file outside the project list appearing where an import looks for it
   * (an ignored `foo.ts` next to a linted `foo/index.ts`) is not seen; a cold run would see it.
   */
  private resolutionEnv(): string {
    const options = this.tsconfig !== undefined ? readCompilerSettings(this.tsconfig).options : {};
    const workspace = [...findWorkspacePackages(this.root).values()].map((p) => [p.name, this.keyOf(p.dir), p.manifest]);
    return contentHash(JSON.stringify({ files: this.projectFiles.map((p) => this.keyOf(p)).sort(), tsconfig: this.tsconfig ?? null, options, workspace }));
  }

  private scanValue(query: ScanQuery): string {
    const found = query.kind === 'matching'
      ? pathsMatching(this.projectFiles, this.relativePathOf, this.textOf, query)
      : this.importIndex(query.needles).get(query.target) ?? [];
    return contentHash(found.map((p) => `${this.relativePathOf(p)}\0${this.codeHash(p)}`).sort().join('\n'));
  }
}
