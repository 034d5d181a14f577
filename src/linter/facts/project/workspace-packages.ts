import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { parse as parseYaml } from 'yaml';

/** A workspace package: its name and folder, and its package.json (for `exports`/`types`/`main`). */
export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8'));
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** True when `path` is a file (false for a folder, a missing path, or one that cannot be stat'ed). */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The workspace globs declared in `dir`: package.json `workspaces` (npm/yarn) or pnpm-workspace.yaml. */
function workspaceGlobs(dir: string): string[] | undefined {
  const manifest = readJson(join(dir, 'package.json'));
  const ws = manifest?.workspaces;
  if (Array.isArray(ws)) return ws.filter((w): w is string => typeof w === 'string');
  if (ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages)) {
    return ((ws as { packages: unknown[] }).packages).filter((w): w is string => typeof w === 'string');
  }
  const pnpm = join(dir, 'pnpm-workspace.yaml');
  if (isFile(pnpm)) {
    try {
      const doc = parseYaml(readFileSync(pnpm, 'utf8')) as { packages?: unknown } | null;
      if (Array.isArray(doc?.packages)) return doc.packages.filter((w): w is string => typeof w === 'string');
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Where a workspace is declared: the folder, its package globs, and every folder looked at on the way up. */
export interface WorkspaceDeclaration {
  /** The declaring folder, undefined when none up to the filesystem root declares workspaces. */
  dir?: string;
  /** Globs of the packages' manifests, relative to `dir`, and what they exclude. */
  include: string[];
  ignore: string[];
  /** The folders whose package.json / pnpm-workspace.yaml were read, nearest first. */
  visited: string[];
}

/** The nearest folder upward from `root` that declares workspaces, with its globs. */
export function findWorkspaceDeclaration(root: string): WorkspaceDeclaration {
  const visited: string[] = [];
  let dir = resolve(root);
  for (;;) {
    visited.push(dir);
    const globs = workspaceGlobs(dir);
    if (globs) {
      const include = globs.filter((g) => !g.startsWith('!')).map((g) => `${g.replace(/\/+$/, '')}/package.json`);
      const ignore = ['**/node_modules/**', ...globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1))];
      return { dir, include, ignore, visited };
    }
    const parent = dirname(dir);
    if (parent === dir) return { include: [], ignore: [], visited };
    dir = parent;
  }
}

/** The manifests a workspace declaration names (absolute paths). */
export function workspaceManifests(declaration: WorkspaceDeclaration): string[] {
  if (declaration.dir === undefined) return [];
  return globSync(declaration.include, { cwd: declaration.dir, absolute: true, ignore: declaration.ignore });
}

/**
 * The packages of the workspace `root` belongs to: the nearest folder upward that declares
 * workspaces. Found from the declarations on disk, so it works without node_modules (a fresh clone,
 * CI before install).
 */
export function findWorkspacePackages(root: string): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  for (const file of workspaceManifests(findWorkspaceDeclaration(root))) {
    const manifest = readJson(file);
    if (typeof manifest?.name === 'string') packages.set(manifest.name, { name: manifest.name, dir: dirname(file), manifest });
  }
  return packages;
}

/** The path an `exports` entry gives for `subpath` ('.' or './x'), preferring types, then import/default. */
function exportTarget(exportsField: unknown, subpath: string): string | undefined {
  if (typeof exportsField === 'string') return subpath === '.' ? exportsField : undefined;
  if (!exportsField || typeof exportsField !== 'object') return undefined;
  const map = exportsField as Record<string, unknown>;
  const isSubpathMap = Object.keys(map).some((k) => k.startsWith('.'));
  const entry = isSubpathMap ? map[subpath] : subpath === '.' ? map : undefined;
  return conditionTarget(entry);
}

function conditionTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) return entry.map(conditionTarget).find((t) => t !== undefined);
  if (!entry || typeof entry !== 'object') return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const c of ['types', 'source', 'import', 'node', 'default', 'require']) {
    const t = conditionTarget(conditions[c]);
    if (t !== undefined) return t;
  }
  return undefined;
}

/**
 * The package's own sources for an entry the manifest names: the entry itself when it is source,
 * else the same path with a build folder (dist/, lib/, build/, out/) read as src/ and the emitted
 * extension as the source one.
 */
function sourceOf(dir: string, target: string, resolveFile: (stem: string) => string | undefined): string | undefined {
  const abs = resolve(dir, target);
  const stem = abs.replace(/\.d\.(m|c)?ts$/, '').replace(/\.(m|c)?(j|t)sx?$/, '');
  const direct = resolveFile(abs.endsWith('.d.ts') ? stem : abs);
  if (direct !== undefined && !direct.endsWith('.d.ts')) return direct;
  const rel = stem.slice(resolve(dir).length + 1);
  const asSource = rel.replace(/^(dist|lib|build|out|esm|cjs)(\/(esm|cjs|src))?\//, 'src/');
  return resolveFile(join(dir, asSource)) ?? resolveFile(join(dir, 'src', rel.replace(/^(dist|lib|build|out)\//, '')));
}

/**
 * Resolves `@acme/shared` or `@acme/shared/models` to that workspace package's own source file:
 * `exports`, `types`, `main` mapped back to source, else src/index.ts. `resolveFile` tries the
 * source extensions and index files of a path without one.
 */
export function resolveWorkspaceImport(
  packages: ReadonlyMap<string, WorkspacePackage>,
  specifier: string,
  resolveFile: (stemOrFile: string) => string | undefined,
): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const pkg = packages.get(parts.slice(0, nameLength).join('/'));
  if (!pkg) return undefined;
  const rest = parts.slice(nameLength).join('/');
  const subpath = rest === '' ? '.' : `./${rest}`;
  const candidates: string[] = [];
  const exported = exportTarget(pkg.manifest.exports, subpath);
  if (exported !== undefined) candidates.push(exported);
  if (subpath === '.') {
    for (const field of ['types', 'typings', 'source', 'module', 'main']) {
      const v = pkg.manifest[field];
      if (typeof v === 'string') candidates.push(v);
    }
    candidates.push('src/index', 'index');
  } else {
    candidates.push(`src/${rest}`, rest);
  }
  for (const c of candidates) {
    const found = sourceOf(pkg.dir, c, resolveFile);
    if (found !== undefined) return found;
  }
  return undefined;
}
