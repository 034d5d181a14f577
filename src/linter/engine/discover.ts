import { accessSync, constants, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { SOURCE_EXTENSIONS } from '../facts/project/source-extensions.js';
import { isInside } from './project-roots.js';
import type { TreeLog } from './tree-record.js';

/** One source file found, with the named path it came from. */
export interface FoundFile {
  path: string;
  /** Index into the run's named paths. */
  named: number;
  /** The root to use when no marker names one: the cwd when the named folder is inside it, else the named folder. */
  fallbackRoot: string;
}

export interface Discovery {
  /** Sorted by path, without duplicates. */
  files: FoundFile[];
  /** The named paths, as given ('.' when none was). */
  named: string[];
  /** Paths given on the command line that name nothing: the run cannot be trusted (exit 2). */
  missing: string[];
  /** Named paths that exist but cannot be read (a folder without permission): exit 2 too. */
  unreadable: string[];
  /** Named paths that hold no source file at all (an empty folder, only links to folders). */
  empty: string[];
  /** Named paths that are symbolic link loops: kept (reading them reports the loop), and said. */
  loops: string[];
}

/** Never walked into: third-party code, and a folder link's target is reached by its own path if linted. */
const PRUNED = new Set(['node_modules']);

function isSource(path: string): boolean {
  const lower = path.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !lower.endsWith('.d.ts');
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Source files under a folder. Links to folders are not followed (README: what they point at is
 * linted under its own path, and a link loop cannot trap the walk); links to files are. Hidden
 * folders and node_modules are not entered. Other ignores (dist/, build/, …) are left to the
 * caller, which matches them relative to each file's root, so a project that sits inside a folder
 * named build/ is still found. `plain` gets the files reached through no link below `dir`.
 */
function walk(dir: string, out: string[], unreadable: string[], plain: Set<string>, log: TreeLog | undefined): void {
  let entries;
  log?.beforeListing(dir);
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    log?.listed(dir, undefined);
    unreadable.push(dir);
    return;
  }
  log?.listed(dir, entries);
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (!PRUNED.has(e.name)) walk(abs, out, unreadable, plain, log);
    } else if (e.isFile()) {
      if (isSource(abs)) {
        out.push(abs);
        plain.add(abs);
      }
    } else if (e.isSymbolicLink() && isSource(abs)) {
      log?.followedLink(abs);
      try {
        if (statSync(abs).isFile()) out.push(abs);
      } catch {
        /* a broken or looping link inside a folder: nothing to lint there */
      }
    }
  }
}

function statOrError(abs: string): { stat?: ReturnType<typeof statSync>; code?: string } {
  try {
    return { stat: statSync(abs) };
  } catch (e) {
    return { code: (e as NodeJS.ErrnoException).code ?? 'UNKNOWN' };
  }
}

function isReadable(abs: string): boolean {
  try {
    accessSync(abs, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function realpathOrUndefined(abs: string): string | undefined {
  try {
    return realpathSync(abs);
  } catch {
    return undefined;
  }
}

/** What a named path is, as discovery tells it apart: a (readable) file, a folder, something else, or why it cannot be stat'ed. */
export function namedKind(abs: string): string {
  const { stat, code } = statOrError(abs);
  if (!stat) return code!;
  if (stat.isFile()) return isReadable(abs) ? 'file' : 'unreadable file';
  return stat.isDirectory() ? 'folder' : 'other';
}

export function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Expands the paths of a run (files, folders, globs) into source files. A file reached through
 * several links is found once, under its first path. A named file that is a link loop is kept, so
 * that reading it reports the loop. Nothing here depends on a project: the caller groups the files
 * by root and applies each root's ignore globs. `log` (the fully cached run's record) is told what
 * the answer was computed from.
 */
export async function discoverFiles(input: { cwd: string; paths: string[]; log?: TreeLog }): Promise<Discovery> {
  const named = input.paths.length > 0 ? input.paths : ['.'];
  input.log?.begin();
  const found = new Map<string, FoundFile>();
  const realPaths = new Set<string>();
  const missing: string[] = [];
  const unreadable: string[] = [];
  const empty: string[] = [];
  const loops: string[] = [];
  // `real`: the file's real path when known without asking the file system for it.
  const add = (file: string, index: number, fallbackRoot: string, known?: string): void => {
    let real = known ?? file;
    if (known === undefined) {
      try {
        real = realpathSync(file);
      } catch {
        /* a broken or looping link: keep it under its own name, reading it reports why */
      }
    }
    if (realPaths.has(real) || found.has(file)) return;
    realPaths.add(real);
    found.set(file, { path: file, named: index, fallbackRoot });
  };
  // With no marker above a file, the root is the outermost of the cwd and the named folder that
  // holds it: the same folder whether the run starts above the project, inside it, or beside it.
  const fallbackFor = (dir: string): string => (isInside(input.cwd, dir) ? input.cwd : dir);
  for (const [index, path] of named.entries()) {
    const abs = isAbsolute(path) ? resolve(path) : resolve(input.cwd, path);
    const { stat, code } = statOrError(abs);
    input.log?.namedPath(abs);
    if (code === 'ELOOP') loops.push(path);
    if (stat?.isFile() || (!stat && isLink(abs))) {
      if (stat && !isReadable(abs)) unreadable.push(path);
      else if (isSource(abs)) add(abs, index, fallbackFor(dirname(abs)));
      else empty.push(path);
      continue;
    }
    if (stat?.isDirectory()) {
      const files: string[] = [];
      const cannotRead: string[] = [];
      const plain = new Set<string>();
      walk(abs, files, cannotRead, plain, input.log);
      if (cannotRead.includes(abs)) {
        unreadable.push(path);
        continue;
      }
      if (files.length === 0) empty.push(path);
      // A file the walk reached through no link has the folder's real path plus its own relative
      // path: one realpath for the folder instead of one per file (each an lstat per path segment).
      const realDir = realpathOrUndefined(abs);
      for (const f of files.sort()) add(f, index, fallbackFor(abs), realDir !== undefined && plain.has(f) ? realDir + f.slice(abs.length) : undefined);
      continue;
    }
    // Loaded for a glob only: the fully cached run, which names folders, must not pay for it.
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (!isDynamicPattern(toPosix(path))) {
      missing.push(path);
      continue;
    }
    input.log?.glob();
    const matches = await glob(toPosix(path), { cwd: input.cwd, absolute: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'], onlyFiles: true });
    const sources = matches.map((m) => resolve(m)).filter(isSource);
    if (matches.length === 0) missing.push(path);
    else if (sources.length === 0) empty.push(path);
    for (const f of sources.sort()) add(f, index, fallbackFor(dirname(f)));
  }
  return { files: [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), named, missing, unreadable, empty, loops };
}
