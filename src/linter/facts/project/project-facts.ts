import { ts } from 'ts-morph';
import type { FileFacts } from './file-facts.js';
import { readCompilerSettings } from './module-resolution.js';
import { matchesAnyGlob } from './wildcard.js';
import { ProjectSnapshot } from './project-snapshot.js';
import { globRelativePath, ImportIndexes, pathsMatching, scanDependency, type ScanQuery } from './scan-deps.js';
import type { SubjectSettings } from './subjects.js';
import { TreeHolds } from './tree-holds.js';
import { createProjectProgram, TypeQuestionDeferred } from './type-checker.js';

/** Files larger than this are not read for cross-file lookups (the same bound as linting). */
const MAX_BYTES = 5 * 1024 * 1024;

/** After this many growths of the checker's program, it is rebuilt over every checked file at once. */
const MAX_PROGRAM_GROWTHS = 6;

const NO_HOLDS: ReadonlySet<string> = new Set();

interface Memo {
  value: unknown;
  deps: Set<string>;
  /** The files whose trees its value may hold (loaded by it, or held by the memos it read). */
  holds: ReadonlySet<string>;
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
 * It also keeps memory flat: a checked file is released with its per-file facts once checked
 * (`release`) unless a fact still alive may hold its nodes (tree-holds.ts: another file's memo, the
 * check of the file being checked, a project-wide memo for the whole run) or the type checker's
 * program holds it; a file read on behalf of another is released with the last fact that holds it,
 * so a run holds the trees facts need, not the whole project.
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
  /** Files a project-wide memo read (or read outside any file's check): kept for the whole run. */
  private readonly shared = new Set<string>();
  /** Files the per-file memos and the current check read on behalf of others (released with the last holder). */
  private readonly holds = new TreeHolds();
  /** The targets checked (and released) so far: a target not checked yet keeps its tree for its own check. */
  private readonly checked = new Set<string>();
  private readonly targetSet: ReadonlySet<string>;
  /**
   * Files released once their last holder went, after other files had read them: one that is read
   * again is kept from then on (a popular import would otherwise be parsed again for every reader).
   */
  private readonly releasedHeld = new Set<string>();
  /** Files read on behalf of another file's check. */
  private readonly readForOthers = new Set<string>();
  /** The file being checked, set by the engine. */
  private current: string | undefined;
  private checker: ts.TypeChecker | undefined;
  private checkerCount = 0;
  /** Open dependency recorders, innermost last. */
  private readonly recorders: Set<string>[] = [];
  /** Keys of the memos being computed, innermost last. */
  private readonly memoStack: string[] = [];
  /** For each memo being computed, the files whose trees it may hold. */
  private readonly holdStack: Set<string>[] = [];

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
    this.targetSet = new Set(this.targetPaths);
    this.projectPaths = projectPaths ?? this.targetPaths;
    this.snapshot = snapshot ?? new ProjectSnapshot({ root, ...(tsconfig !== undefined ? { tsconfig } : {}) });
    this.snapshot.beginPass(this.projectPaths);
    this.resolveModule = this.snapshot.resolveModule;
  }

  /** The engine says which file it checks now: files loaded meanwhile are shared, not its own. */
  beginFile(path: string): void {
    this.current = path;
  }

  /**
   * The engine is done with a file: forget it unless a fact still alive or the type checker may use
   * its nodes. Files read on behalf of others go when the facts that read them go (sweep).
   */
  release(path: string): void {
    if (this.current === path) this.current = undefined;
    this.checked.add(path);
    if (!this.keptForRun(path) && !this.holds.isHeld(path)) this.drop(path);
    // Like a collector: a sweep each time the trees held doubled since the last one kept, so its
    // cost (one pass over the held trees and their facts) stays proportional to the loads.
    if (this.files.size >= 2 * this.keptBySweep) this.sweep();
  }

  private keptBySweep = 1;

  /** Shared, in the checker's program, or not a target (a --staged run's project, a worker's other files: the next reader would parse it again). */
  private keptForRun(path: string): boolean {
    return this.shared.has(path) || this.programFiles.has(path) || !this.targetSet.has(path);
  }

  private drop(path: string): void {
    if (!this.files.has(path)) return;
    this.files.delete(path);
    if (this.readForOthers.has(path)) this.releasedHeld.add(path);
    for (const key of this.memoKeysByPath.get(path) ?? []) {
      this.memos.delete(key);
      this.holds.drop(key);
    }
    this.memoKeysByPath.delete(path);
  }

  /**
   * Releases the checked targets no live fact can reach: the roots are the trees kept for the run,
   * the current file and the targets not checked yet (their facts wait for their own check), and a
   * tree is reached through the facts of a reached file (what their values may hold). Facts of two
   * released files that read each other (a router and its handlers' file) hold each other in a
   * cycle that counting holders alone never frees.
   */
  private sweep(): void {
    const reached = new Set<string>();
    const work: string[] = [];
    for (const [path, facts] of this.files) {
      if (facts && (this.keptForRun(path) || !this.checked.has(path) || path === this.current)) work.push(path);
    }
    while (work.length > 0) {
      const path = work.pop()!;
      if (reached.has(path)) continue;
      reached.add(path);
      for (const key of this.memoKeysByPath.get(path) ?? []) for (const held of this.memos.get(key)?.holds ?? []) if (!reached.has(held)) work.push(held);
    }
    for (const path of [...this.files.keys()]) if (!reached.has(path)) this.drop(path);
    this.keptBySweep = Math.max(1, this.files.size);
  }

  /**
   * A tree was read (loaded, or reached through a memo's value): every memo being computed that is
   * not the file's own may keep its nodes. Read outside any file's check, it is kept for the run.
   */
  private holdTree(path: string): void {
    if (this.shared.has(path)) return;
    for (let i = 0; i < this.memoStack.length; i++) if (!this.memoStack[i]!.endsWith(`:${path}`)) this.holdStack[i]!.add(path);
    if (path === this.current) return;
    if (this.current === undefined) this.shared.add(path);
    else this.readForOthers.add(path);
  }

  /** What a memo read is held by whoever reads the memo: the trees it holds, and its own file's. */
  private holdMemo(key: string, memo: Memo): void {
    for (const path of memo.holds) this.holdTree(path);
    const owner = this.ownerOf(key);
    if (owner !== undefined) this.holdTree(owner);
  }

  /** The file a per-file memo belongs to (its key ends with `:<path>`); undefined for project-wide ones. */
  private ownerOf(key: string): string | undefined {
    const cut = key.lastIndexOf(':/');
    return cut < 0 ? undefined : key.slice(cut + 1);
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
      if (this.releasedHeld.has(absPath)) this.shared.add(absPath);
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
      // Read on behalf of another file, or inside a fact that is not this file's own: kept while
      // what read it lives (a project-wide scan: for the run).
      this.holdTree(absPath);
    }
    return facts ?? undefined;
  }

  /** How many times this run parsed a file in full (a file released and read again counts again): for tests and measurements. */
  get filesParsed(): number {
    return this.parseCount;
  }

  private parseCount = 0;

  /** The keys of the memos this run holds now: for tests and measurements (a released file's must be gone). */
  memoKeys(): string[] {
    return [...this.memos.keys()];
  }

  /** How many parsed files this run holds once it released what no live fact reaches: for tests and measurements. */
  treesHeld(): number {
    this.sweep();
    let n = 0;
    for (const f of this.files.values()) if (f) n += 1;
    return n;
  }

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
   * read is remembered, and counted as read by every later caller too. A fact of one file has a key
   * that ENDS with `:<its absolute path>` (anything else, a function's position, goes before the
   * path): it is dropped when that file is released, with the tree its value may hold. A key with
   * anything after the path is never dropped, and keeps its nodes' trees for the whole run.
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
      this.holdMemo(key, hit);
      return hit.value as T;
    }
    const read = new Set<string>();
    const holds = new Set<string>();
    this.recorders.push(read);
    this.memoStack.push(key);
    this.holdStack.push(holds);
    let value: T;
    try {
      value = compute();
    } finally {
      this.recorders.pop();
      this.memoStack.pop();
      this.holdStack.pop();
    }
    const deps = this.compact(read);
    const path = lasting ? undefined : this.ownerOf(key);
    // A project-wide memo's trees are kept for the run (below): a reader need not hold them too. A
    // lasting memo is plain data by contract: it holds no tree.
    const memo: Memo = { value, deps, holds: path !== undefined ? holds : NO_HOLDS };
    this.memos.set(key, memo);
    if (path !== undefined) {
      let keys = this.memoKeysByPath.get(path);
      if (!keys) this.memoKeysByPath.set(path, (keys = []));
      keys.push(key);
      for (const held of holds) this.holds.add(key, held);
    } else if (!lasting) {
      // A project-wide memo is never dropped: what it holds stays for the run.
      for (const held of holds) this.shared.add(held);
    }
    for (const dep of deps) this.record(dep);
    this.holdMemo(key, memo);
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
