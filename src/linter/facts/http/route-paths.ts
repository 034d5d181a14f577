import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { foldConstant, unwrap } from '../syntax/fold.js';

/**
 * Route paths: what a registration's path argument says, folded through constants, and how a
 * prefix and a path join. A template with parts that cannot be folded keeps them as `*`.
 */

/** The path a route argument holds: a folded string, or a template whose unknown parts become `*`. */
export function routePathText(project: ProjectFacts, file: FileFacts, arg: ts.Expression): string | undefined {
  const folded = foldConstant(project, file, arg);
  if (typeof folded === 'string') return folded;
  const e = unwrap(arg);
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const v = foldConstant(project, file, span.expression);
      out += (v === undefined ? '*' : String(v)) + span.literal.text;
    }
    return out;
  }
  return undefined;
}

/** A route path as Express/Fastify/Hono/Koa take it: a string that starts with `/`. */
export function pathLikeArgument(project: ProjectFacts, file: FileFacts, arg: ts.Expression | undefined): string | undefined {
  if (!arg) return undefined;
  const text = routePathText(project, file, arg);
  return text !== undefined && text.startsWith('/') ? text : undefined;
}

/**
 * An RPC-style path, written without a leading slash: `collections.export`, `imports.delete`,
 * `jobs:run` (Outline, Koa-router RPC APIs). Words joined by `.` or `:` only (a single word, a URL
 * or a cache key with spaces is not one), and only taken from a receiver named like a router.
 */
export function rpcPathArgument(project: ProjectFacts, file: FileFacts, arg: ts.Expression | undefined): string | undefined {
  if (!arg) return undefined;
  const text = routePathText(project, file, arg);
  return text !== undefined && /^[A-Za-z][\w-]*(?:[.:][\w-]+)+$/.test(text) ? text : undefined;
}

/** `/api` + `imports/` → `/api/imports`; NestJS writes both parts without slashes. */
export function joinRoutePath(...parts: (string | undefined)[]): string {
  const joined = parts
    .filter((p): p is string => p !== undefined && p !== '')
    .join('/')
    .replace(/\/{2,}/g, '/');
  const withRoot = joined.startsWith('/') ? joined : `/${joined}`;
  return withRoot.length > 1 && withRoot.endsWith('/') ? withRoot.slice(0, -1) : withRoot;
}

/**
 * Same-file mount prefixes: `app.use('/api', router)` (Express, Koa), `app.route('/api', sub)` and
 * `app.basePath('/api')` (Hono), `new Router({ prefix: '/api' })` (Koa-router), `app.register(plugin,
 * { prefix: '/api' })` is not followed (the plugin is a function, usually in another file). Mounts in
 * another file (a router exported and mounted in `app.ts`) are not seen: the path is the one the
 * file registers. Keyed by the receiver's name (`router`), mapped to its full prefix.
 */
export function mountPrefixesOf(project: ProjectFacts, file: FileFacts): ReadonlyMap<string, string> {
  return project.memo(`route-mounts:${file.path}`, () => {
    /** receiver name → [prefix, parent receiver name] */
    const mounts = new Map<string, [string, string | undefined]>();
    for (const call of file.index.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) continue;
      const method = callee.name.text;
      if (method !== 'use' && method !== 'route') continue;
      const [first, ...rest] = call.arguments;
      const prefix = pathLikeArgument(project, file, first);
      if (prefix === undefined || rest.length === 0) continue;
      const parent = ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
      for (const arg of rest) {
        const child = unwrap(arg);
        // `app.use('/api', router)` and `app.use('/api', router.routes())` (Koa-router).
        const name = ts.isIdentifier(child)
          ? child.text
          : ts.isCallExpression(child) && ts.isPropertyAccessExpression(child.expression) && ts.isIdentifier(child.expression.expression)
            ? child.expression.expression.text
            : undefined;
        if (name !== undefined && name !== parent && !mounts.has(name)) mounts.set(name, [prefix, parent]);
      }
    }
    for (const decl of file.index.variables) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      const own = constructorPrefix(project, file, decl.initializer);
      if (own === undefined) continue;
      const mounted = mounts.get(decl.name.text);
      // The constructor's prefix applies under wherever the router is mounted.
      mounts.set(decl.name.text, mounted ? [joinRoutePath(mounted[0], own), mounted[1]] : [own, undefined]);
    }
    const full = new Map<string, string>();
    const resolve = (name: string, depth: number): string => {
      const known = full.get(name);
      if (known !== undefined) return known;
      const m = mounts.get(name);
      if (!m || depth > 8) return '';
      const parent = m[1] !== undefined ? resolve(m[1], depth + 1) : '';
      const path = joinRoutePath(parent, m[0]);
      full.set(name, path);
      return path;
    };
    for (const name of mounts.keys()) resolve(name, 0);
    return full;
  });
}

/** `new Router({ prefix: '/api' })` (Koa-router) or `new Hono().basePath('/api')`. */
function constructorPrefix(project: ProjectFacts, file: FileFacts, init: ts.Expression): string | undefined {
  const e = unwrap(init);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'basePath') {
    return pathLikeArgument(project, file, e.arguments[0]);
  }
  if (ts.isNewExpression(e) && e.arguments?.length === 1) {
    const options = unwrap(e.arguments[0]!);
    if (!ts.isObjectLiteralExpression(options)) return undefined;
    for (const prop of options.properties) {
      if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name) && prop.name.text === 'prefix') {
        return pathLikeArgument(project, file, prop.initializer);
      }
    }
  }
  return undefined;
}
