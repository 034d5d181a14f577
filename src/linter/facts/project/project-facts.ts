import { ts } from 'ts-morph';
import type { FileFacts } from './file-facts.js';
import { readCompilerSettings } from './module-resolution.js';
import { matchesAnyGlob } from './wildcard.js';
import { ProjectSnapshot } from './project-snapshot.js';
import { globRelativePath, ImportIndexes, pathsMatching, scanDependency, type ScanQuery } from './scan-deps.js';
import type { SubjectSettings } from './subjects.js';
import { createProjectProgram, TypeQuestionDeferred } from './type-checker.js';

/** Files larger than this are not read for cross-file lookups (the same bound as linting). */
const MAX_BYTES = 5 * 1024 * 1024;

/** After this many growths of the checker's program, it is rebuilt over every checked file at once. */
const MAX_PROGRAM_GROWTHS = 6;

interface Memo {
  value: unknown;
  deps: Set<string>;
}

/** A file to check, read but not parsed yet: it is parsed when its turn comes (or when another file asks). */
export interface TargetSource {
  path: string;
  relativePath: string;
  text: string;
}

/**
 * What checks may know beyond one file: the project's other files (parsed once, on demand), import
 * resolution, memoized derived facts, and the type checker, created lazily.
 *
 * It records what each check read, for the result cache: every file loaded, and every memoized
 * fact's own reads, are added to the files the current file depends on; a project-wide scan is one
 * dependency on its query (scan-deps.ts), which stands for the files it found.
 *
 * It also keeps memory flat: a checked file that no other file read, and that the type checker's
 * program does not hold, is released with its per-file facts once checked (`release`), so a run
 * holds the shared files, not the whole project.
 */
export class ProjectFacts {
  readonly root: string;
  readonly subjects: SubjectSettings;
  private readonly files = new Map<string, FileFacts | null>();
  /** Files to check that are not parsed yet. */
  private readonly pending = new Map<string, TargetSource>();
  /** Paths of the files being checked in this run. */
  private readonly targetPaths: readonly string[];
  /** Every source file of the project (the linted set, or the whole project for --staged runs). */
  private readonly projectPaths: readonly string[];
  private readonly memos = new Map<string, Memo>();
  /** Per-file memo keys (`…:/abs/path`), so releasing a file drops its facts too. */
  private readonly memoKeysByPath = new Map<string, string[]>();
  /** Files some other file's check (or a project-wide scan) read: kept for the whole run. */
  private readonly shared = new Set<string>();
  /** The file being checked, set by the engine. */
  private current: string | undefined;
  private checker: ts.TypeChecker | undefined;
  private checkerCount = 0;
  /** Open dependency recorders, innermost last. */
  private readonly recorders: Set<string>[] = [];
  /** Keys of the memos being computed, innermost last. */
  private readonly memoStack: string[] = [];

  /** The project's tsconfig, if it has one: module resolution and the checker's options come from it. */
  readonly tsconfig: string | undefined;

  /** Texts, resolved imports and parsed files: this run's own, or a lint session's kept across passes. */
  private readonly snapshot: ProjectSnapshot;

  /**
   * `snapshot`: what earlier passes over the same root and tsconfig read (a lint session's); without
   * it, this run reads everything afresh (the CLI).
   */
  constructor(
    root: string,
    subjects: SubjectSettings,
    targets: ReadonlyArray<FileFacts | TargetSource>,
    projectPaths?: readonly string[],
    tsconfig?: string,
    snapshot?: ProjectSnapshot,
  ) {
    this.root = root;
    this.subjects = subjects;
    this.tsconfig = tsconfig;
    for (const t of targets) {
      if ('sourceFile' in t) this.files.set(t.path, t);
      else this.pending.set(t.path, t);
    }
    this.targetPaths = targets.map((t) => t.path);
    this.projectPaths = projectPaths ?? this.targetPaths;
    this.snapshot = snapshot ?? new ProjectSnapshot({ root, ...(tsconfig !== undefined ? { tsconfig } : {}) });
    this.snapshot.beginPass(this.projectPaths);
    this.resolveModule = this.snapshot.resolveModule;
  }

  /** The engine says which file it checks now: files loaded meanwhile are shared, not its own. */
  beginFile(path: string): void {
    this.current = path;
  }

  /** The engine is done with a file: forget it unless other files or the type checker use it. */
  release(path: string): void {
    if (this.current === path) this.current = undefined;
    if (this.shared.has(path) || this.programFiles.has(path)) return;
    this.files.delete(path);
    for (const key of this.memoKeysByPath.get(path) ?? []) this.memos.delete(key);
    this.memoKeysByPath.delete(path);
  }

  private record(dep: string): void {
    for (const r of this.recorders) r.add(dep);
  }

  /**
   * The project's files whose text contains one of the needles, parsed: a project-wide scan that
   * parses only the few files that can matter (a registry, an `implements`), not the whole project.
   */
  filesContaining(needles: readonly string[]): readonly FileFacts[] {
    return this.filesMatching({ needles });
  }

  /**
   * The project's files whose project-relative path matches one of `globs` or whose text contains
   * one of `needles`, parsed. Unparsed files are only read as text for the test, so a worker thread
   * (or a --staged run) scanning the project does not parse all of it.
   */
  filesMatching(filter: { globs?: readonly string[]; needles?: readonly string[] }): readonly FileFacts[] {
    const paths = this.recordScan({ kind: 'matching', globs: filter.globs ?? [], needles: filter.needles ?? [] }, () => this.pathsMatching(filter));
    return this.memo(`project:matching:${(filter.globs ?? []).join('\0')}\u0001${(filter.needles ?? []).join('\0')}`, () =>
      paths.flatMap((path) => {
        const f = this.load(path);
        return f ? [f] : [];
      }),
    );
  }

  /**
   * The same selection as filesMatching, as text only: for scans a regex can answer (the names of
   * the project's models), so that not even the matching files are parsed.
   */
  textsMatching(filter: { globs?: readonly string[]; needles?: readonly string[] }): ReadonlyArray<{ path: string; text: string }> {
    const paths = this.recordScan({ kind: 'matching', globs: filter.globs ?? [], needles: filter.needles ?? [] }, () => this.pathsMatching(filter));
    return paths.flatMap((path) => {
      const text = this.textOf(path);
      return text === undefined ? [] : [{ path, text }];
    });
  }

  private pathsMatching(filter: { globs?: readonly string[]; needles?: readonly string[] }): string[] {
    return pathsMatching(this.projectPaths, (p) => this.relativePath(p), (p) => this.textOf(p), filter);
  }

  /**
   * Records a dependency on a scan's answer (computed once per run): the files it found are covered
   * by it, so they are not recorded one by one (see compact).
   */
  private recordScan(query: ScanQuery, answer: () => readonly string[]): readonly string[] {
    const dep = scanDependency(query);
    let members = this.scanMembers.get(dep);
    if (!members) this.scanMembers.set(dep, (members = answer()));
    this.record(dep);
    return members;
  }

  /** Each scan dependency of this run → the files it found. */
  private readonly scanMembers = new Map<string, readonly string[]>();

  /**
   * The paths of the project files that import `absPath` (imports, re-exports, `require`, dynamic
   * `import()`, through any specifier the resolver resolves), and whose text contains one of
   * `needles` when given; not parsed: the prefilter's "does another file import this one?" needs
   * the graph alone, and routes.ts parses only the importers a cheaper fact admits. The
   * reverse-import index is built once per run with `ts.preProcessFile`, which scans tokens without
   * parsing (an import written in a comment or a string does not count).
   */
  importerPathsOf(absPath: string, needles?: readonly string[]): readonly string[] {
    return this.recordScan({ kind: 'importers', target: absPath, ...(needles ? { needles } : {}) }, () =>
      this.importIndexes().importersOf(absPath, needles));
  }

  /** The run's reverse-import indexes (they read texts only: no dependencies to record). */
  private importIndexes(): ImportIndexes {
    return (this.imports ??= new ImportIndexes(this.projectPaths, (p) => this.textOf(p), (p, text) => this.snapshot.importsOf(p, text)));
  }

  private imports: ImportIndexes | undefined;

  /**
   * A project file's text without parsing it (parsed and pending files keep theirs). Texts read for
   * scans are kept by the snapshot: several project-wide scans read the same files, and text is
   * small next to trees.
   */
  private textOf(path: string): string | undefined {
    const parsed = this.files.get(path);
    if (parsed) return parsed.text;
    const pending = this.pending.get(path);
    if (pending) return pending.text;
    return this.snapshot.text(path);
  }

  /** Import resolution as the project's compiler does it (relative, tsconfig paths, workspace packages), cached by the snapshot. */
  readonly resolveModule: (fromFile: string, specifier: string) => string | undefined;

  /**
   * A path as globs see it. A file outside the root (a workspace package's sources, imported from
   * here) drops the leading `..` segments: globs never see `..`, and a models/ folder still matches.
   */
  relativePath(absPath: string): string {
    return globRelativePath(this.root, absPath);
  }

  /** Any file of the project, parsed once; undefined when it cannot be read. */
  load(absPath: string): FileFacts | undefined {
    let facts = this.files.get(absPath);
    if (facts === undefined) {
      facts = null;
      this.parseCount += 1;
      const pending = this.pending.get(absPath);
      if (pending) {
        facts = this.snapshot.parse(pending.path, pending.relativePath, pending.text);
      } else {
        const text = this.snapshot.text(absPath);
        if (text !== undefined && this.snapshot.sizeOf(absPath) <= MAX_BYTES) facts = this.snapshot.parse(absPath, this.relativePath(absPath), text);
      }
      this.files.set(absPath, facts);
    }
    if (facts) {
      this.record(absPath);
      // Read on behalf of another file, or inside a fact that is not this file's own (a project-wide
      // scan keeps its nodes): keep it for the run.
      if (absPath !== this.current || this.memoStack.some((k) => !k.endsWith(`:${absPath}`))) this.shared.add(absPath);
    }
    return facts ?? undefined;
  }

  /** How many times this run parsed a file in full (a file released and read again counts again): for tests and measurements. */
  get filesParsed(): number {
    return this.parseCount;
  }

  private parseCount = 0;

  /**
   * A file already parsed in this run (another file's check or a scan loaded it), without parsing it
   * or recording a dependency: the prefilter's syntax check of a skipped file reads its errors there
   * instead of parsing the same text again.
   */
  parsedAlready(absPath: string): FileFacts | undefined {
    return this.files.get(absPath) ?? undefined;
  }

  /** The project file an import specifier in `from` names, parsed; undefined for packages. */
  importedFile(from: FileFacts, specifier: string): FileFacts | undefined {
    const target = this.resolveModule(from.path, specifier);
    return target === undefined ? undefined : this.load(target);
  }

  /**
   * The text of the project file an import specifier in `from` names, not parsed: for questions a
   * text test answers (does it name a model?). The same bounds and the same recorded read as
   * importedFile; undefined for packages and for files importedFile would not load.
   */
  importedText(from: FileFacts, specifier: string): string | undefined {
    const target = this.resolveModule(from.path, specifier);
    if (target === undefined) return undefined;
    // What load would refuse: a file that could not be read before, or an unread one over the size limit.
    const known = this.files.get(target);
    if (known === null) return undefined;
    if (known === undefined && !this.pending.has(target) && this.snapshot.sizeOf(target) > MAX_BYTES) return undefined;
    const text = this.textOf(target);
    if (text !== undefined) this.record(target);
    return text;
  }

  /**
   * Memoizes a derived fact for the whole run (keys are namespaced by the caller). What computing it
   * read is remembered, and counted as read by every later caller too.
   */
  memo<T>(key: string, compute: () => T): T {
    return this.memoized(key, compute, false);
  }

  /**
   * A memo that is kept when its file is released: for small facts of plain data (no nodes, so
   * they hold no tree) that later files ask about after the file was checked, so that answering
   * them does not parse the file again. Its reads are recorded like any memo's.
   */
  lastingMemo<T>(key: string, compute: () => T): T {
    return this.memoized(key, compute, true);
  }

  private memoized<T>(key: string, compute: () => T, lasting: boolean): T {
    const hit = this.memos.get(key);
    if (hit) {
      for (const dep of hit.deps) this.record(dep);
      return hit.value as T;
    }
    const read = new Set<string>();
    this.recorders.push(read);
    this.memoStack.push(key);
    let value: T;
    try {
      value = compute();
    } finally {
      this.recorders.pop();
      this.memoStack.pop();
    }
    const deps = this.compact(read);
    this.memos.set(key, { value, deps });
    const cut = lasting ? -1 : key.lastIndexOf(':/');
    if (cut >= 0) {
      const path = key.slice(cut + 1);
      let keys = this.memoKeysByPath.get(path);
      if (!keys) this.memoKeysByPath.set(path, (keys = []));
      keys.push(key);
    }
    for (const dep of deps) this.record(dep);
    return value;
  }

  /**
   * The type checker over the project's own sources (external imports stay `any`), created lazily.
   * Its program is rooted at the files that ask (and, from the first ask, at every checked model
   * file, which is where most asks come from), plus what they import: binding the whole project
   * for a few questions is what makes type-aware linting slow and large. The engine defers the
   * run's questions (deferTypeQuestions) so that one program over every asking file answers them;
   * a file outside the program after that grows it (reusing the old program); after a few growths
   * it takes every checked file.
   */
  typeChecker(forPath?: string): ts.TypeChecker {
    if (this.checker && (forPath === undefined || this.programFiles.has(forPath))) return this.checker;
    if (this.deferring) throw new TypeQuestionDeferred(forPath);
    this.checkerCount += 1;
    if (this.checkerCount === 1) {
      const modelGlobs = this.subjects.jobModel.files;
      for (const t of this.targetPaths) if (matchesAnyGlob(this.relativePath(t), modelGlobs)) this.checkerRoots.add(t);
    }
    if (forPath !== undefined) this.checkerRoots.add(forPath);
    if (forPath === undefined || this.checkerCount > MAX_PROGRAM_GROWTHS) for (const t of this.targetPaths) this.checkerRoots.add(t);
    const recorders = this.recorders.splice(0);
    try {
      this.compilerOptions ??= readCompilerSettings(this.tsconfig).options;
      this.program = createProjectProgram([...this.checkerRoots], (path) => this.load(path)?.sourceFile, this.resolveModule, this.program, this.compilerOptions);
    } finally {
      this.recorders.push(...recorders);
    }
    this.programFiles = new Set(this.program.getSourceFiles().map((f) => f.fileName));
    this.checker = this.program.getTypeChecker();
    return this.checker;
  }

  /**
   * While on, a type question no existing checker answers throws TypeQuestionDeferred instead of
   * building (or growing) a program: the engine collects the files that asked and builds one
   * program over them all (`answerDeferredAt`). Each growth of the program was a new checker that
   * bound every file again (7 checkers, 8,608 bindings for 2,812 files on trigger.dev).
   */
  deferTypeQuestions(on: boolean): void {
    this.deferring = on;
  }

  /** Ends deferral with one checker whose program is rooted at `paths` (the files that asked) and the model files; undefined: at every checked file. */
  answerDeferredAt(paths: readonly string[] | undefined): void {
    this.deferring = false;
    if (paths === undefined) {
      this.typeChecker();
      return;
    }
    if (paths.length === 0) return;
    for (const p of paths.slice(1)) this.checkerRoots.add(p);
    this.typeChecker(paths[0]);
  }

  private deferring = false;
  private program: ts.Program | undefined;
  private compilerOptions: ts.CompilerOptions | undefined;
  private programFiles = new Set<string>();
  private readonly checkerRoots = new Set<string>();

  /** How many checkers this run created: 0 when no rule needed types; more only when the program had to grow. */
  get typeCheckersCreated(): number {
    return this.checkerCount;
  }

  /**
   * A scan's dependency is keyed on the files it found (and their code), so those files need not be
   * recorded one by one too. That keeps a memo hit cheap: it re-records a handful of entries, not
   * hundreds of paths, and keeps the cache small.
   */
  private compact(deps: Set<string>): Set<string> {
    // Each scan's members as a Set, built once per run: rebuilding the union of (often thousands
    // of) member paths at every memo and every prefiltered file was 4% of a cold 5,000-file scan.
    const covering: Set<string>[] = [];
    for (const dep of deps) {
      const members = this.scanMemberSet(dep);
      if (members) covering.push(members);
    }
    if (covering.length === 0) return deps;
    const out = new Set<string>();
    for (const dep of deps) if (!covering.some((members) => members.has(dep))) out.add(dep);
    return out;
  }

  private scanMemberSet(dep: string): Set<string> | undefined {
    let set = this.scanMemberSets.get(dep);
    if (set === undefined) {
      const members = this.scanMembers.get(dep);
      if (members === undefined) return undefined;
      this.scanMemberSets.set(dep, (set = new Set(members)));
    }
    return set;
  }

  /** scanMembers' lists as Sets (a scan's members never change within a run). */
  private readonly scanMemberSets = new Map<string, Set<string>>();

  /** Runs `fn` and returns every file and scan it read. */
  trackDependencies(fn: () => void): Set<string> {
    const deps = new Set<string>();
    this.recorders.push(deps);
    try {
      fn();
    } finally {
      this.recorders.pop();
    }
    return this.compact(deps);
  }
}
