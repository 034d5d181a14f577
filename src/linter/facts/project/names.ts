import { minimatch } from 'minimatch';

/** `started_at`, `startedAt` and `StartedAt` are one field: compare names without case or underscores. */
export function normalizeFieldName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** Writes a snake_case field name the way a model that uses camelCase would: `started_at` → `startedAt`. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A configured (snake_case) field name as a model or task that spells its fields in camelCase would write it. */
export function spelled(name: string, camelCase: boolean): string {
  return camelCase ? toCamelCase(name) : name;
}

const globCache = new Map<string, (path: string) => boolean>();

/** Does a project-relative POSIX path match any of the globs? Globs are compiled once per run. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  for (const glob of globs) {
    let matcher = globCache.get(glob);
    if (!matcher) {
      // One regular expression per glob: minimatch's own match() splits every path into segments,
      // which dominates scans over thousands of paths. A glob without `/` matches the base name.
      const base = !glob.includes('/');
      const re = new minimatch.Minimatch(glob, { dot: true }).makeRe();
      if (re) matcher = base ? (path) => re.test(path.slice(path.lastIndexOf('/') + 1)) : (path) => re.test(path);
      else matcher = () => false;
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
