import { relative, resolve, sep } from 'node:path';
import { ts } from 'ts-morph';
import { textWithoutComments } from '../facts/project/code-only-text.js';
import { createModuleResolver, readCompilerSettings } from '../facts/project/module-resolution.js';
import { containsAny, ImportIndexes, importSpecifiers, pathsMatching, readTextOnce, resolveSpecifiers, scanQueryOf, type ScanQuery } from '../facts/project/scan-deps.js';
import { findWorkspacePackages } from '../facts/project/workspace-packages.js';
import { contentHash } from './content-hash.js';
import { FileContributions, type FileContribution } from './file-contributions.js';
import { ScanAnswers, type StoredScanAnswers } from './scan-answers.js';

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
 * every file, but recomputes those parts only for the files whose text changed. Each scan's answer
 * is kept too, with the tree it was computed on (scan-answers.ts): a scan the last run answered is
 * updated by the files that changed since, not run again over every file. Everything is read once
 * per run and only when asked.
 */
export class DependencyState {
  private readonly texts = new Map<string, string | null>();
  private readonly codeHashes = new Map<string, string>();
  private readonly values = new Map<string, string>();
  /** The reverse-import indexes, one per needle set (scan-deps.ts ImportIndexes). */
  private imports: ImportIndexes | undefined;
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
    /** The scans' answers of the last run (the result cache's); a fresh store runs every scan in full. */
    private readonly answers: ScanAnswers = new ScanAnswers(),
    /** Content hashes already computed (the linted files'). */
    knownHashes: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [path, text] of known) this.texts.set(path, text);
    for (const [path, hash] of knownHashes) this.hashes.set(path, hash);
    this.projectSet = new Set(projectFiles);
    this.rootPrefix = root.endsWith(sep) ? root : root + sep;
  }

  /** The current value of a dependency as recorded by a check: a scan, or a project-relative path. */
  valueOf(dep: string): string {
    let value = this.values.get(dep);
    if (value === undefined) {
      const query = scanQueryOf(dep);
      value = query ? this.scanValue(dep, query) : this.codeHash(resolve(this.root, dep));
      this.values.set(dep, value);
    }
    return value;
  }

  private textOf = (path: string): string | undefined => readTextOnce(this.texts, path);

  /** Cache keys: the path relative to the root as it is (a workspace package's file keeps its `../`). */
  private keyOf(path: string): string {
    // A file below the root (nearly all of them: paths here are absolute and normalized) is its
    // tail; path.relative is the slow general case (a workspace package's file keeps its `../`).
    if (path.startsWith(this.rootPrefix)) {
      const tail = path.slice(this.rootPrefix.length);
      return sep === '/' ? tail : tail.split(sep).join('/');
    }
    return relative(this.root, path).split(sep).join('/');
  }

  private readonly rootPrefix: string;

  private readonly hashes = new Map<string, string>();

  private hashOf(path: string, text: string): string {
    let hash = this.hashes.get(path);
    if (hash === undefined) this.hashes.set(path, (hash = contentHash(text)));
    return hash;
  }

  private contribution(path: string, text: string): FileContribution {
    return this.contributions.of(this.keyOf(path), this.hashOf(path, text));
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
  private importIndexes(): ImportIndexes {
    return (this.imports ??= new ImportIndexes(this.projectFiles, this.textOf, (path, text) => this.importsOfFile(path, text)));
  }

  /** One resolver for every index of the run (it caches which candidate paths exist). */
  private resolveModule: ((fromFile: string, specifier: string) => string | undefined) | undefined;

  /** A project file's resolved imports (absolute): stored ones for an unchanged text, resolved afresh for the rest. */
  private importsOfFile(path: string, text: string): string[] {
    const known = this.importsByPath.get(path);
    if (known) return known;
    // Stored imports hold only under the environment they were resolved in (a no-op once set).
    this.contributions.useResolutionEnv(this.env());
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
  }

  /**
   * What validation read, for the check of the edited files: every project file's text (the import
   * index tests each text for its needles), with its resolved imports where validation resolved
   * them (the files holding an importer scan's needles; the check resolves nothing again for them).
   * Empty when no importer scan was validated.
   */
  knownImports(): Array<{ path: string; text: string; targets?: string[] }> {
    if (this.importsByPath.size === 0) return [];
    return this.projectFiles.flatMap((path) => {
      const text = this.textOf(path);
      if (text === undefined) return [];
      const targets = this.importsByPath.get(path);
      return [targets ? { path, text, targets } : { path, text }];
    });
  }

  private envValue: string | undefined;

  private env(): string {
    return (this.envValue ??= this.resolutionEnv());
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

  private scanValue(dep: string, query: ScanQuery): string {
    const prior = this.answers.priorAnswer(dep);
    const changed = prior ? this.changedSinceAnswers() : undefined;
    let found: readonly string[];
    if (prior && changed && (query.kind === 'matching' || this.answers.priorEnv === this.env())) {
      // The answer on the last run's tree, minus the files changed since, plus those of them that
      // match now (an importer answer only while resolution is the same: a file created or deleted
      // can make an unchanged import resolve elsewhere).
      const kept = prior.members.map((k) => resolve(this.root, k)).filter((p) => !changed.has(p));
      const added = [...changed].filter((p) => this.projectSet.has(p) && this.matchesNow(query, p));
      if (added.length === 0 && kept.length === prior.members.length) {
        this.answers.record(dep, prior);
        return prior.value;
      }
      found = [...kept, ...added];
    } else {
      this.fullScans += 1;
      found = query.kind === 'matching'
        ? pathsMatching(this.projectFiles, this.relativePathOf, this.textOf, query)
        : this.importIndexes().importersOf(query.target, query.needles);
    }
    const value = contentHash(found.map((p) => `${this.relativePathOf(p)}\0${this.codeHash(p)}`).sort().join('\n'));
    this.answers.record(dep, { members: found.map((p) => this.keyOf(p)).sort(), value });
    return value;
  }

  /** Whether a project file is in a scan's answer now: the scan's own test, on this one file. */
  private matchesNow(query: ScanQuery, path: string): boolean {
    if (query.kind === 'matching') return pathsMatching([path], this.relativePathOf, this.textOf, query).length > 0;
    const text = this.textOf(path);
    if (text === undefined || !this.importsOfFile(path, text).includes(query.target)) return false;
    return !query.needles || containsAny(text, query.needles);
  }

  private readonly projectSet: ReadonlySet<string>;

  /** How many scans ran over every project file (the others were updated from stored answers): for tests. */
  fullScans = 0;

  private changed: Set<string> | null | undefined;

  /** The files (absolute) whose text differs from the tree the stored answers were computed on, created or deleted since; undefined without a stored tree. */
  private changedSinceAnswers(): Set<string> | undefined {
    if (this.changed !== undefined) return this.changed ?? undefined;
    const tree = this.answers.priorTree;
    if (!tree) {
      this.changed = null;
      return undefined;
    }
    const tree2 = this.currentTree();
    const changed = new Set<string>();
    for (const [key, hash] of Object.entries(tree2)) if (tree[key] !== hash) changed.add(resolve(this.root, key));
    for (const key of Object.keys(tree)) if (!(key in tree2)) changed.add(resolve(this.root, key));
    this.changed = changed;
    return changed;
  }

  private tree: Record<string, string> | undefined;

  /** Every project file's content hash ('' when unreadable), by cache key. */
  private currentTree(): Record<string, string> {
    if (this.tree) return this.tree;
    const tree: Record<string, string> = {};
    for (const path of this.projectFiles) {
      const text = this.textOf(path);
      tree[this.keyOf(path)] = text === undefined ? '' : this.hashOf(path, text);
    }
    return (this.tree = tree);
  }

  /** This run's scan answers with the tree they hold for, for the cache; undefined when nothing changed. */
  answersToStore(): StoredScanAnswers | undefined {
    return this.answers.toStore(this.currentTree(), this.answers.hasImporterAnswers ? this.env() : undefined);
  }
}
