import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { ts } from 'ts-morph';
import type { FileFacts } from './file-facts.js';
import { resolveRelativeModule } from './module-resolution.js';
import { matchesAnyGlob } from './names.js';
import { parseFile } from './parse-file.js';
import type { SubjectSettings } from './subjects.js';
import { createTypeChecker } from './type-checker.js';

/** Files larger than this are not read for cross-file lookups (the same bound as linting). */
const MAX_BYTES = 5 * 1024 * 1024;

/** A dependency on every file of the project (a project-wide scan): keyed on the whole file set. */
export const ALL_FILES = '*';

interface Memo {
  value: unknown;
  deps: Set<string>;
}

/**
 * What checks may know beyond one file: the project's other files (parsed once, on demand), import
 * resolution, memoized derived facts, and the type checker, created lazily and at most once.
 *
 * It also records what each check read, for the result cache: every file loaded, and every memoized
 * fact's own reads, are added to the files the current file depends on; a project-wide scan
 * (`projectFiles()`) depends on ALL_FILES.
 */
export class ProjectFacts {
  readonly root: string;
  readonly subjects: SubjectSettings;
  private readonly files = new Map<string, FileFacts | null>();
  /** The files being checked in this run, parsed. */
  private readonly targets: FileFacts[];
  /** Every source file of the project (the linted set, or the whole project for --staged runs). */
  private readonly projectPaths: readonly string[];
  private readonly memos = new Map<string, Memo>();
  private checker: ts.TypeChecker | undefined;
  private checkerCount = 0;
  /** Open dependency recorders, innermost last. */
  private readonly recorders: Set<string>[] = [];

  constructor(root: string, subjects: SubjectSettings, targets: FileFacts[], projectPaths?: readonly string[]) {
    this.root = root;
    this.subjects = subjects;
    this.targets = targets;
    for (const file of targets) this.files.set(file.path, file);
    this.projectPaths = projectPaths ?? targets.map((f) => f.path);
  }

  private record(dep: string): void {
    for (const r of this.recorders) r.add(dep);
  }

  /** Every source file of the project, parsed on demand: for project-wide scans (registries, implementers). */
  lintedFiles(): readonly FileFacts[] {
    this.record(ALL_FILES);
    return this.memo('project:files', () => {
      const out: FileFacts[] = [];
      for (const path of this.projectPaths) {
        const f = this.load(path);
        if (f) out.push(f);
      }
      return out;
    });
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
    this.record(ALL_FILES);
    const globs = filter.globs ?? [];
    const needles = filter.needles ?? [];
    return this.memo(`project:matching:${globs.join('\0')}\u0001${needles.join('\0')}`, () => {
      const out: FileFacts[] = [];
      for (const path of this.projectPaths) {
        let hit = globs.length > 0 && matchesAnyGlob(this.relativePath(path), globs);
        if (!hit && needles.length > 0) {
          const text = this.textOf(path);
          hit = text !== undefined && needles.some((n) => text.includes(n));
        }
        if (hit) {
          const f = this.load(path);
          if (f) out.push(f);
        }
      }
      return out;
    });
  }

  /**
   * The project files that import `absPath` (relative imports, `require`, dynamic `import()`),
   * parsed. The reverse-import index is built once per run from the files' text with a regex, so
   * answering does not parse the project.
   */
  importersOf(absPath: string): readonly FileFacts[] {
    this.record(ALL_FILES);
    const index = this.memo('project:importers', () => {
      const map = new Map<string, string[]>();
      const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"\n]*|\.{1,2})['"]/g;
      for (const path of this.projectPaths) {
        const text = this.textOf(path);
        if (text === undefined) continue;
        for (const m of text.matchAll(specifier)) {
          const target = resolveRelativeModule(path, m[1]!);
          if (target === undefined) continue;
          let list = map.get(target);
          if (!list) map.set(target, (list = []));
          if (!list.includes(path)) list.push(path);
        }
      }
      return map;
    });
    return this.memo(`project:importers-of:${absPath}`, () =>
      (index.get(absPath) ?? []).flatMap((p) => {
        const f = this.load(p);
        return f ? [f] : [];
      }),
    );
  }

  /** A project file's text without parsing it (parsed files keep theirs). */
  private textOf(path: string): string | undefined {
    const parsed = this.files.get(path);
    if (parsed !== undefined) return parsed?.text;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The files checked in this run. */
  checkedFiles(): readonly FileFacts[] {
    return this.targets;
  }

  relativePath(absPath: string): string {
    return relative(this.root, absPath).split(sep).join('/');
  }

  /** Any file of the project, parsed once; undefined when it cannot be read. */
  load(absPath: string): FileFacts | undefined {
    let facts = this.files.get(absPath);
    if (facts === undefined) {
      facts = null;
      try {
        const buffer = readFileSync(absPath);
        if (buffer.length <= MAX_BYTES) facts = parseFile(absPath, this.relativePath(absPath), buffer.toString('utf8'));
      } catch {
        facts = null;
      }
      this.files.set(absPath, facts);
    }
    if (facts) this.record(absPath);
    return facts ?? undefined;
  }

  /** The project file an import specifier in `from` names, parsed; undefined for packages. */
  importedFile(from: FileFacts, specifier: string): FileFacts | undefined {
    const target = resolveRelativeModule(from.path, specifier);
    return target === undefined ? undefined : this.load(target);
  }

  /**
   * Memoizes a derived fact for the whole run (keys are namespaced by the caller). What computing it
   * read is remembered, and counted as read by every later caller too.
   */
  memo<T>(key: string, compute: () => T): T {
    const hit = this.memos.get(key);
    if (hit) {
      for (const dep of hit.deps) this.record(dep);
      return hit.value as T;
    }
    const read = new Set<string>();
    this.recorders.push(read);
    let value: T;
    try {
      value = compute();
    } finally {
      this.recorders.pop();
    }
    const deps = this.compact(read);
    this.memos.set(key, { value, deps });
    for (const dep of deps) this.record(dep);
    return value;
  }

  /**
   * The type checker over the project's own sources (external imports stay `any`). Created once,
   * rooted at the checked files: the files they import are pulled in, the rest of the project is not parsed.
   */
  typeChecker(): ts.TypeChecker {
    if (!this.checker) {
      this.checkerCount += 1;
      const recorders = this.recorders.splice(0);
      try {
        this.checker = createTypeChecker(
          this.targets.map((f) => f.path),
          (path) => this.load(path)?.sourceFile,
        );
      } finally {
        this.recorders.push(...recorders);
      }
    }
    return this.checker;
  }

  /** How many checkers this run created: 0 when no rule needed types, never more than 1. */
  get typeCheckersCreated(): number {
    return this.checkerCount;
  }

  /**
   * A project-wide scan reads every file; ALL_FILES (keyed on the whole project's digest) already
   * stands for the project's own files, so only files outside it are kept. That keeps a memo hit
   * cheap: it re-records a handful of entries, not thousands of paths.
   */
  private compact(deps: Set<string>): Set<string> {
    if (!deps.has(ALL_FILES) || deps.size < 2) return deps;
    const inProject = (this.projectSet ??= new Set(this.projectPaths));
    const out = new Set<string>([ALL_FILES]);
    for (const dep of deps) if (!inProject.has(dep)) out.add(dep);
    return out;
  }

  private projectSet: Set<string> | undefined;

  /** Runs `fn` and returns every file it read (ALL_FILES for a project-wide scan). */
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
