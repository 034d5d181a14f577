import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** ESM TypeScript imports name the emitted file: `./base.js` is `./base.ts` on disk. */
const EMITTED_TO_SOURCE: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.jsx': ['.tsx', '.jsx'],
};

type IsFile = (path: string) => boolean;

function statIsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * A resolver for one run: resolving every import of a large project asks about the same few
 * candidates again and again (`./base.ts`, `./base.tsx`, …), so stat results are kept for the run
 * (files do not appear mid-run; a new run starts afresh).
 */
export function createModuleResolver(): (fromFile: string, specifier: string) => string | undefined {
  const known = new Map<string, boolean>();
  const isFile: IsFile = (path) => {
    let v = known.get(path);
    if (v === undefined) known.set(path, (v = statIsFile(path)));
    return v;
  };
  return (fromFile, specifier) => resolveWith(isFile, fromFile, specifier);
}

/**
 * Resolves a relative import to a file of the project, the way TypeScript's bundler/NodeNext
 * resolution finds sources. Bare specifiers (packages) are never resolved: the bundled rules need the
 * project's own declarations only, and resolving into node_modules is what makes type-aware linting slow.
 */
function resolveWith(isFile: IsFile, fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') {
    return undefined;
  }
  const base = resolve(dirname(fromFile), specifier);
  for (const [emitted, sources] of Object.entries(EMITTED_TO_SOURCE)) {
    if (base.endsWith(emitted)) {
      const stem = base.slice(0, -emitted.length);
      for (const ext of sources) if (isFile(stem + ext)) return stem + ext;
    }
  }
  if (EXTENSIONS.some((ext) => base.endsWith(ext)) && isFile(base)) return base;
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  if (existsSync(base)) {
    for (const ext of EXTENSIONS) if (isFile(resolve(base, 'index' + ext))) return resolve(base, 'index' + ext);
  }
  return undefined;
}
