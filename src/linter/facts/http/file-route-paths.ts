/**
 * Route paths that file-system routers derive from where a module lives, not from a registration
 * call: Next.js App Router `route.ts` files and Remix route modules. Both read the project-relative
 * path, so the same file has the same path from any working directory.
 */

const SOURCE_FILE = /\.(?:ts|tsx|js|jsx)$/;

/**
 * Next.js App Router: `app/api/(admin)/tasks/[id]/trigger/route.ts` → `/api/tasks/[id]/trigger`.
 * The `app/` folder is the first one named so (also `src/app/`, or a monorepo package's); route
 * groups `(x)` and parallel-route slots `@x` are dropped, an intercepting marker `(.)x` is stripped,
 * dynamic segments `[id]`, `[...slug]` are kept as written. A folder that starts with `_` is private
 * in Next.js (nothing under it is routed): undefined, as for any file that is not `route.*` under `app/`.
 */
export function nextRoutePath(relativePath: string): string | undefined {
  const parts = relativePath.split('/');
  const file = parts.pop()!;
  if (!/^route\.(?:ts|tsx|js|jsx)$/.test(file)) return undefined;
  const app = parts.indexOf('app');
  if (app < 0 || parts.includes('node_modules')) return undefined;
  const kept: string[] = [];
  for (const segment of parts.slice(app + 1)) {
    if (segment.startsWith('_')) return undefined;
    if (/^\([^)]*\)$/.test(segment) || segment.startsWith('@')) continue;
    kept.push(segment.replace(/^\(\.{1,3}\)/, ''));
  }
  return `/${kept.join('/')}`;
}

/**
 * Remix route modules under `app/routes/`, flat-routes convention (v2): the file name's
 * `.`-separated parts are the path's segments — `api.v1.tasks.$taskId.trigger.ts` →
 * `/api/v1/tasks/$taskId/trigger`; a folder route `app/routes/api.tasks.$id/route.tsx` takes the
 * folder's name. `_index` and `index` (the last part) name the parent's index route and add nothing;
 * a part that starts with `_` is a pathless layout (dropped), a trailing `_` opts out of nesting
 * (`tasks_.$id` → `/tasks/$id`), `[.]`-style brackets escape (`sitemap[.]xml` → `/sitemap.xml`),
 * optional parts `($lang)` lose their parentheses. Deeper folders are Remix v1's nested routes:
 * every folder is a segment (`app/routes/api/tasks/$id.ts` → `/api/tasks/$id`).
 */
export function remixRoutePath(relativePath: string): string | undefined {
  const parts = relativePath.split('/');
  let at = -1;
  for (let i = 0; i + 1 < parts.length; i++) if (parts[i] === 'app' && parts[i + 1] === 'routes') { at = i; break; }
  if (at < 0 || parts.includes('node_modules')) return undefined;
  const below = parts.slice(at + 2);
  const file = below.pop()!;
  if (!SOURCE_FILE.test(file) || /\.d\.ts$/.test(file)) return undefined;
  const stem = file.replace(SOURCE_FILE, '');
  // v2 folder route: the folder's name is the route; its `route.tsx` the module.
  const names = below.length === 1 && stem === 'route' ? [below[0]!] : [...below, stem];
  const segments = names.flatMap(flatRouteParts);
  const last = segments[segments.length - 1];
  if (last === 'index' && segments.length > 0) segments.pop();
  const kept = segments
    .filter((s) => s !== '_index' && !(s.startsWith('_') && !s.startsWith('[')))
    .map((s) => s.replace(/_$/, '').replace(/^\((.*)\)$/, '$1').replace(/\[([^\]]*)\]/g, '$1'))
    .filter((s) => s !== '');
  return `/${kept.join('/')}`;
}

/** `api.v1.sitemap[.]xml` → `api`, `v1`, `sitemap[.]xml`: dots inside brackets do not split. */
function flatRouteParts(name: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of name) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.filter((s) => s !== '');
}
