import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ConfigProblem } from './problems.js';

/** A rule file or folder someone named (extends, --rules, the bundled pack), and where they named it. */
export interface RuleSourceRequest {
  path: string;
  /** Where the request was written, for "cannot read" problems. */
  origin: { file: string; line: number; column: number };
  /** File names to skip in this folder (the bundled folder's subjects.yaml). */
  skip?: readonly string[];
}

export const RULE_EXTENSIONS = ['.yaml', '.yml'];

/**
 * Expands requests into rule files (a folder's `.yaml`/`.yml` files, sorted, not recursive),
 * each file once even if named twice (by real path), in request order.
 */
export function expandRuleSources(requests: readonly RuleSourceRequest[]): { files: string[]; problems: ConfigProblem[] } {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  const add = (file: string) => {
    const real = safeRealpath(file);
    if (!seen.has(real)) {
      seen.add(real);
      files.push(file);
    }
  };
  for (const req of requests) {
    const problem = (message: string) => problems.push({ ...req.origin, message });
    let isDir: boolean;
    try {
      isDir = statSync(req.path).isDirectory();
    } catch {
      problem(`rule file or folder not found: ${req.path}`);
      continue;
    }
    if (!isDir) {
      if (RULE_EXTENSIONS.includes(extname(req.path))) add(req.path);
      else problem(`not a rule file (expected .yaml or .yml): ${req.path}`);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(req.path).sort();
    } catch (e) {
      problem(`cannot read rule folder ${req.path}: ${(e as Error).message}`);
      continue;
    }
    for (const name of names) {
      if (!RULE_EXTENSIONS.includes(extname(name)) || req.skip?.includes(basename(name))) continue;
      const file = join(req.path, name);
      if (isFile(file)) add(file);
    }
  }
  return { files, problems };
}

export function readText(file: string): { text: string } | { problem: ConfigProblem } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { problem: { file, line: 1, column: 1, message: `cannot read rule file: ${(e as Error).message}` } };
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
