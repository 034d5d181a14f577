import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { ProjectRoots } from './project-roots.js';

/** The result cache file of a root: `--cache-location` (a file, or a folder for `cache.json`), else under the root's node_modules. */
export function cacheFile(root: string, location: string | undefined, cwd: string, several: boolean): string {
  if (location === undefined) return join(root, 'node_modules/.cache/bg-lint/cache.json');
  const abs = resolve(cwd, location);
  const isDir = location.endsWith('/') || (existsSync(abs) && statSync(abs).isDirectory());
  const file = isDir ? join(abs, 'cache.json') : abs;
  // Several roots share one --cache-location: one file per root, so that no root's entries evict another's.
  if (!several) return file;
  const { createHash } = process.getBuiltinModule('node:crypto');
  const tag = createHash('sha256').update(root).digest('hex').slice(0, 8);
  const ext = extname(file);
  return `${file.slice(0, file.length - ext.length)}-${tag}${ext}`;
}

/**
 * The root the run record sits under (default location): the project of the first named path
 * (of a file in it, for a folder), found without walking, so the record is read before discovery.
 */
export function anchorRoot(roots: ProjectRoots, cwd: string, first: string | undefined, forcedConfig: string | undefined): string {
  const abs = resolve(cwd, first ?? '.');
  let stat;
  try {
    stat = statSync(abs, { throwIfNoEntry: false });
  } catch {
    stat = undefined; // a link loop: as a glob or missing path
  }
  const probe = stat?.isDirectory() ? join(abs, '_') : stat?.isFile() ? abs : join(cwd, '_');
  return resolve(roots.projectOf(probe, dirname(probe), forcedConfig).root);
}
