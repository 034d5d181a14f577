import { minimatch } from 'minimatch';

/** `started_at`, `startedAt` and `StartedAt` are one field: compare names without case or underscores. */
export function normalizeFieldName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** Writes a snake_case field name the way a model that uses camelCase would: `started_at` → `startedAt`. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const globCache = new Map<string, (path: string) => boolean>();

/** Does a project-relative POSIX path match any of the globs? Globs are compiled once per run. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  for (const glob of globs) {
    let matcher = globCache.get(glob);
    if (!matcher) {
      const compiled = new minimatch.Minimatch(glob, { dot: true, matchBase: !glob.includes('/') });
      matcher = (path) => compiled.match(path);
      globCache.set(glob, matcher);
    }
    if (matcher(relativePath)) return true;
  }
  return false;
}

/** Matches `names` entries that are exact names or `*` globs (`*JobStatus`). */
export function matchesNameList(name: string, names: readonly string[]): boolean {
  return names.some((pattern) => (pattern.includes('*') ? minimatch(name, pattern) : pattern === name));
}
