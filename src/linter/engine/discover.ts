import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { SOURCE_EXTENSIONS } from '../facts/parse-file.js';
import { matchesAnyGlob } from '../facts/names.js';

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths given on the command line that name nothing: the run cannot be trusted (exit 2). */
  missing: string[];
}

const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

function isSource(path: string): boolean {
  const lower = path.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !lower.endsWith('.d.ts');
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Expands the paths of a run (files, folders, globs) into the source files to lint. Ignore globs are
 * relative to the project root. Symbolic links are followed (the walker detects folder loops) and a
 * file reached through several links is linted once, under its first path. A named file that is a
 * link loop is kept, so that reading it reports the loop.
 */
export async function discoverFiles(input: { cwd: string; root: string; paths: string[]; ignore: string[] }): Promise<Discovery> {
  const found = new Set<string>();
  const realPaths = new Set<string>();
  const missing: string[] = [];
  const add = (file: string): void => {
    let real = file;
    try {
      real = realpathSync(file);
    } catch {
      /* a broken or looping link: keep it under its own name, reading it reports why */
    }
    if (realPaths.has(real)) return;
    realPaths.add(real);
    found.add(file);
  };
  const walkIgnore = input.ignore.filter((g) => g.startsWith('**/'));
  const keep = (abs: string): boolean => {
    const rel = toPosix(relative(input.root, abs));
    return isSource(abs) && !matchesAnyGlob(rel, input.ignore);
  };
  for (const path of input.paths.length > 0 ? input.paths : ['.']) {
    const abs = isAbsolute(path) ? path : resolve(input.cwd, path);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    const isLink = !stat && (() => {
      try {
        return lstatSync(abs).isSymbolicLink();
      } catch {
        return false;
      }
    })();
    if (stat?.isFile() || isLink) {
      if (keep(abs)) add(abs);
      continue;
    }
    const pattern = stat?.isDirectory() ? SOURCE_GLOB : toPosix(path);
    if (!stat && !isDynamicPattern(pattern)) {
      missing.push(path);
      continue;
    }
    const matches = await glob(pattern, {
      cwd: stat ? abs : input.cwd,
      absolute: true,
      dot: false,
      followSymbolicLinks: true,
      ignore: walkIgnore,
      onlyFiles: true,
    });
    if (matches.length === 0 && !stat) missing.push(path);
    for (const m of matches) {
      const file = resolve(m);
      if (keep(file)) add(file);
    }
  }
  return { files: [...found].sort(), missing };
}
