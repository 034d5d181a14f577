import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { ts } from 'ts-morph';
import { matchesAnyGlob } from './wildcard.js';

/**
 * A project-wide scan as a cache dependency. A result that read a scan depends on the scan's
 * *answer* (which files it found, and their code), not on every file of the project: an edit that
 * does not change what the scan finds re-checks nothing else. The engine re-runs the query on the
 * current texts to validate a cached result (engine/dependency-state.ts).
 */
export type ScanQuery =
  | { kind: 'matching'; globs: readonly string[]; needles: readonly string[] }
  | { kind: 'importers'; target: string; needles?: readonly string[] };

/** A prefix no path has: tells a scan dependency from a file dependency in the cache. */
const SCAN_PREFIX = '\u0000scan:';

export function scanDependency(query: ScanQuery): string {
  return SCAN_PREFIX + JSON.stringify(query);
}

/** Whether a recorded dependency is a scan (else it is a file's path). */
export function isScanDep(dep: string): boolean {
  return dep.startsWith(SCAN_PREFIX);
}

export function scanQueryOf(dep: string): ScanQuery | undefined {
  return dep.startsWith(SCAN_PREFIX) ? (JSON.parse(dep.slice(SCAN_PREFIX.length)) as ScanQuery) : undefined;
}

/** The paths whose project-relative path matches a glob or whose text contains a needle. */
export function pathsMatching(
  paths: readonly string[],
  relativePathOf: (path: string) => string,
  textOf: (path: string) => string | undefined,
  filter: { globs?: readonly string[]; needles?: readonly string[] },
): string[] {
  const globs = filter.globs ?? [];
  const needles = filter.needles ?? [];
  return paths.filter((path) => {
    if (globs.length > 0 && matchesAnyGlob(relativePathOf(path), globs)) return true;
    return needles.length > 0 && containsAny(textOf(path), needles);
  });
}

/**
 * Which files import each file, from each file's resolved imports (`importsOf`, which a lint
 * session's snapshot keeps between passes for unchanged texts). Importers are listed in `paths` order.
 */
export function importIndex(
  paths: readonly string[],
  textOf: (path: string) => string | undefined,
  importsOf: (path: string, text: string) => readonly string[],
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const path of new Set(paths)) {
    const text = textOf(path);
    if (text === undefined) continue;
    for (const target of importsOf(path, text)) {
      let list = map.get(target);
      if (!list) map.set(target, (list = []));
      // Each path once, its imports together: a repeat can only be the last entry
      // (a scan of the whole list made a module imported by thousands of files quadratic).
      if (list[list.length - 1] !== path) list.push(path);
    }
  }
  return map;
}

/**
 * The project files one file imports: `ts.preProcessFile` scans tokens without parsing (an import
 * written in a comment or a string does not count), `resolveModule` resolves as the compiler does.
 */
export function resolvedImports(path: string, text: string, resolveModule: (fromFile: string, specifier: string) => string | undefined): string[] {
  return resolveSpecifiers(path, importSpecifiers(text), resolveModule);
}

/** The module specifiers a text imports, in order: a function of the text alone (the result cache keeps it by content hash). */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The project files `specifiers`, imported from `path`, resolve to (packages and unresolved ones left out). */
export function resolveSpecifiers(path: string, specifiers: readonly string[], resolveModule: (fromFile: string, specifier: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const specifier of specifiers) {
    const target = resolveModule(path, specifier);
    if (target !== undefined) out.push(target);
  }
  return out;
}

/**
 * A run's reverse-import indexes, one per needle set, each built on first use. An `importers` scan
 * with needles finds only importers whose text holds one of them, so only those files are scanned
 * and resolved (on outline one file in six holds a route call): the other files' imports can never
 * be the answer. Without needles every file is.
 */
export class ImportIndexes {
  private readonly byNeedles = new Map<string, Map<string, string[]>>();

  constructor(
    private readonly paths: readonly string[],
    private readonly textOf: (path: string) => string | undefined,
    private readonly importsOf: (path: string, text: string) => readonly string[],
  ) {}

  /** The files that import `target` and whose text holds one of `needles` (any file without needles), in `paths` order. */
  importersOf(target: string, needles: readonly string[] | undefined): readonly string[] {
    // No needles (every file) apart from any list of them.
    const key = needles === undefined ? 'all' : `some:${JSON.stringify(needles)}`;
    let index = this.byNeedles.get(key);
    if (!index) {
      const candidates = needles ? this.paths.filter((p) => containsAny(this.textOf(p), needles)) : this.paths;
      this.byNeedles.set(key, (index = importIndex(candidates, this.textOf, this.importsOf)));
    }
    return index.get(target) ?? [];
  }
}

/** Does the text hold one of the needles? (An unreadable file holds none.) */
export function containsAny(text: string | undefined, needles: readonly string[]): boolean {
  return text !== undefined && needles.some((n) => text.includes(n));
}

/**
 * A path as globs see it. A file outside the root (a workspace package's sources, imported from
 * here) drops the leading `..` segments: globs never see `..`, and a models/ folder still matches.
 */
export function globRelativePath(root: string, absPath: string): string {
  return relative(root, absPath).split(sep).filter((s, i, all) => s !== '..' || all.slice(0, i).some((p) => p !== '..')).join('/');
}

/** A file's text, read at most once per run (null in `texts`: unreadable); undefined when it cannot be read. */
export function readTextOnce(texts: Map<string, string | null>, path: string): string | undefined {
  let text = texts.get(path);
  if (text === undefined) {
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = null;
    }
    texts.set(path, text);
  }
  return text ?? undefined;
}
