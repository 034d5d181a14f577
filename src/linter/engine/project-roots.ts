import { statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CONFIG_NAMES } from '../config/config-names.js';

/** What marks a folder as a project's root when no `.bg-lint.yaml` is found above a file. */
export const ROOT_MARKERS = ['tsconfig.json', 'package.json', '.git'] as const;

/** Where one linted file belongs: its root (what globs are relative to) and the config that holds for it. */
export interface FileProject {
  root: string;
  configFile?: string;
}

/** Whether anything is at `path` (a link is followed): ProjectRoots' lookup. */
export function pathExists(path: string): boolean {
  try {
    // No exception for a missing path: most folders hold no marker, and a thrown ENOENT costs
    // more than the stat itself (a run asks for every folder of the project).
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The nearest folder holding every path: what SARIF and the baseline are relative to with several roots. */
export function commonFolder(paths: readonly string[]): string {
  let common = paths[0]!;
  for (const p of paths.slice(1)) while (!isInside(common, p)) common = dirname(common);
  return common;
}

/** True when `path` is `dir` or inside it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * Finds each file's project from the file itself, never from the working directory: the nearest
 * `.bg-lint.yaml` upward (a monorepo package's own config holds for its files), else the nearest
 * folder holding a tsconfig.json, package.json or .git. Answers are kept per folder, so a run over
 * thousands of files asks the file system about each folder once.
 */
export class ProjectRoots {
  private readonly configOf = new Map<string, string | null>();
  private readonly markerOf = new Map<string, string | null>();

  /** `probes` is told every lookup and its answer (the fully cached run's record: tree-record.ts). */
  constructor(private readonly probes?: Map<string, boolean>) {}

  private exists(path: string): boolean {
    const found = pathExists(path);
    this.probes?.set(path, found);
    return found;
  }

  /** The nearest config file from `dir` upward. */
  configFor(dir: string): string | undefined {
    return this.upward(dir, this.configOf, (d) => {
      for (const name of CONFIG_NAMES) if (this.exists(join(d, name))) return join(d, name);
      return undefined;
    });
  }

  /** The nearest folder holding a root marker, from `dir` upward. */
  markerRootFor(dir: string): string | undefined {
    return this.upward(dir, this.markerOf, (d) => (ROOT_MARKERS.some((m) => this.exists(join(d, m))) ? d : undefined));
  }

  private upward(dir: string, memo: Map<string, string | null>, here: (d: string) => string | undefined): string | undefined {
    const visited: string[] = [];
    let d = dir;
    let found: string | null | undefined;
    for (;;) {
      found = memo.get(d);
      if (found !== undefined) break;
      visited.push(d);
      const hit = here(d);
      if (hit !== undefined) {
        found = hit;
        break;
      }
      const parent = dirname(d);
      if (parent === d) {
        found = null;
        break;
      }
      d = parent;
    }
    for (const v of visited) memo.set(v, found);
    return found ?? undefined;
  }

  /**
   * The project of one file. `forcedConfig` (-c) is the config for every file; its folder is the root
   * of the files inside it. `fallbackRoot` is the root when nothing marks one (the named folder).
   */
  projectOf(file: string, fallbackRoot: string, forcedConfig?: string): FileProject {
    const dir = dirname(file);
    if (forcedConfig !== undefined) {
      const configDir = dirname(forcedConfig);
      const root = isInside(configDir, file) ? configDir : this.markerRootFor(dir) ?? fallbackRoot;
      return { root, configFile: forcedConfig };
    }
    const config = this.configFor(dir);
    if (config !== undefined) return { root: dirname(config), configFile: config };
    return { root: this.markerRootFor(dir) ?? fallbackRoot };
  }
}

/** `path` relative to `root` with forward slashes: what globs see (never `..` for a file of that root). */
export function rootRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
