import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { ts } from 'ts-morph';
import type { FileFacts } from './file-facts.js';
import { resolveRelativeModule } from './module-resolution.js';
import { parseFile } from './parse-file.js';
import type { SubjectSettings } from './subjects.js';
import { createTypeChecker } from './type-checker.js';

/** Files larger than this are not read for cross-file lookups (the same bound as linting). */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * What checks may know beyond one file: other files of the project (parsed once, on demand), import
 * resolution, memoized derived facts, and the type checker, created lazily and at most once.
 */
export class ProjectFacts {
  readonly root: string;
  readonly subjects: SubjectSettings;
  private readonly files = new Map<string, FileFacts | null>();
  private readonly linted: FileFacts[];
  private readonly memos = new Map<string, unknown>();
  private checker: ts.TypeChecker | undefined;
  private checkerCount = 0;
  /** Files read on behalf of the file being checked (for cache keys). */
  private currentDependencies: Set<string> | undefined;

  constructor(root: string, subjects: SubjectSettings, linted: FileFacts[]) {
    this.root = root;
    this.subjects = subjects;
    this.linted = linted;
    for (const file of linted) this.files.set(file.path, file);
  }

  lintedFiles(): readonly FileFacts[] {
    return this.linted;
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
    if (facts) this.currentDependencies?.add(absPath);
    return facts ?? undefined;
  }

  /** The project file an import specifier in `from` names, parsed; undefined for packages. */
  importedFile(from: FileFacts, specifier: string): FileFacts | undefined {
    const target = resolveRelativeModule(from.path, specifier);
    return target === undefined ? undefined : this.load(target);
  }

  /** Memoizes a derived fact for the whole run (keys are namespaced by the caller). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** The type checker over the project's own sources (external imports stay `any`). Created once. */
  typeChecker(): ts.TypeChecker {
    if (!this.checker) {
      this.checkerCount += 1;
      this.checker = createTypeChecker(
        this.linted.map((f) => f.path),
        (path) => this.load(path)?.sourceFile,
      );
    }
    return this.checker;
  }

  /** How many checkers this run created: 0 when no rule needed types, never more than 1. */
  get typeCheckersCreated(): number {
    return this.checkerCount;
  }

  /** Runs `fn` recording every other file it reads; returns those files. */
  trackDependencies(fn: () => void): Set<string> {
    const previous = this.currentDependencies;
    const deps = new Set<string>();
    this.currentDependencies = deps;
    try {
      fn();
    } finally {
      this.currentDependencies = previous;
    }
    return deps;
  }
}
