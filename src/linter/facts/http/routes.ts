import { ts } from 'ts-morph';
import { calleeOf } from '../syntax/callee.js';
import type { FileFacts } from '../project/file-facts.js';
import { foldConstant, propertyNameText, unwrap } from '../syntax/fold.js';
import type { ProjectFacts } from '../project/project-facts.js';
import type { SubjectSettings } from '../project/subjects.js';
import { moduleRoutesOf } from './module-routes.js';
import { followHandler, type HandlerRef } from './route-handler-refs.js';
import { joinRoutePath, mountPrefixesOf, pathLikeArgument, routePathText, rpcPathArgument } from './route-paths.js';
import type { RouteHandler } from './route-handler.js';

/**
 * The route handlers registered in a file (rules.md "route handler"), memoized per file:
 *
 * - `X.get|post|put|patch|delete(path, ...middleware, handler)` (Express apps and routers, Fastify,
 *   Hono, Koa-router; Koa-router's named form `router.post('name', '/path', fn)` too; an RPC path
 *   without a slash, `router.post('collections.export', fn)`, from a receiver named like a router), and
 *   `X.route('/path').post(fn).get(fn)` (Express). The path must be path-like (a string, const or
 *   template that starts with `/`) and the LAST argument a function: inline, or a reference that is
 *   followed (function declaration, `const` function, also imported; `controller.create` on an object
 *   literal, a class or `new Class()`; `.bind(…)`; `asyncHandler(fn)` wrappers). A reference that
 *   cannot be followed (a package export, a parameter) counts only when the receiver is named like a
 *   router (`app`, `router`, `server`, `fastify`, `hono`, `…Router`, `…App`): `axios.post('/x', data)`,
 *   `api.post('/x', body)`, `map.get(key)` and `cache.delete(k)` are never routes.
 * - Fastify `X.route({ method, url, handler })` (`method` may be a list).
 * - NestJS: a method decorated `@Get|@Post|…(path?)` in a class decorated `@Controller(prefix?)`
 *   (also `@Controller({ path })`); decorators are matched through import aliases.
 * - Next.js App Router `route.ts` exports and Remix route modules' `action` (see module-routes.ts).
 *
 * The path joins same-file mount prefixes (see mountPrefixesOf) and the controller prefix; a router
 * mounted from another file keeps the path it registers. Method names and decorators come from
 * `subjects.routeHandler`.
 */
export function routeHandlersOf(project: ProjectFacts, file: FileFacts): RouteHandler[] {
  return project.memo(`routes:${file.path}`, () => {
    const routes: RouteHandler[] = [];
    const settings = project.subjects.routeHandler;
    const methods = new Set(settings.methods.map((m) => m.toLowerCase()));
    for (const call of file.index.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) continue;
      const name = callee.name.text;
      if (methods.has(name)) {
        const route = methodCallRoute(project, file, call, callee, name);
        if (route) routes.push(route);
      } else if (name === 'route' && call.arguments.length === 1) {
        routes.push(...fastifyRoutes(project, file, call, methods));
      }
    }
    if (file.index.decorators.length > 0) routes.push(...nestRoutes(project, file));
    routes.push(...moduleRoutesOf(project, file));
    // Source order; `.route('/x').get(a).post(b)` lists `get` first (the index holds the outer call first).
    return routes.sort((a, b) => sourceOrder(a.registration) - sourceOrder(b.registration));
  });
}

/**
 * Every route whose handler function is declared in `file`: the ones `file` registers itself, and,
 * when `file` exports anything, the ones other files register with a handler imported from it
 * (`router.post('/x', importsController.create)`). Finding those reads only the project files
 * that import this file, and parses (again) only the ones whose routes use its handlers; callers
 * should still first make sure the file has something to report (BG-021 does), so most files
 * never pay for it.
 */
export function routeHandlersDeclaredIn(project: ProjectFacts, file: FileFacts): RouteHandler[] {
  const own = routeHandlersOf(project, file).filter((r) => r.handler !== undefined && r.handlerFile === undefined);
  // Kept past this file's release: a later file's question below reads it instead of parsing this one again.
  handlerFilesOf(project, file.path, file);
  if (!exportsAnything(file)) return own;
  // A file that registers a handler declared here imports this file: only those files are read,
  // not every file with a `.get(`; and of those, only the ones whose routes use a handler declared
  // here are parsed (again).
  const elsewhere = project.memo(`routes:declared-in:${file.path}`, () => {
    const out: RouteHandler[] = [];
    for (const path of registeringImporters(project, file.path)) {
      const f = project.load(path);
      if (!f) continue;
      for (const route of routeHandlersOf(project, f)) {
        if (route.handler && route.handlerFile?.path === file.path) out.push(route);
      }
    }
    return out;
  });
  return [...own, ...elsewhere];
}

/** Each run's route vocabulary → the needles below, built once: the prefilter asks for every exporting file. */
const importerNeedlesOf = new WeakMap<SubjectSettings['routeHandler'], string[]>();

/** The needles a file that registers routes holds (a call `.post(`, `.route(`, a decorator `@Post`): only such importers are read. */
function routeImporterNeedles(project: ProjectFacts): string[] {
  const r = project.subjects.routeHandler;
  let needles = importerNeedlesOf.get(r);
  if (!needles) importerNeedlesOf.set(r, (needles = [...r.methods.map((m) => `.${m}(`), '.route(', ...Object.keys(r.methodDecorators).map((d) => `@${d}`)]));
  return needles;
}

/**
 * The other files that register a route whose handler is declared in `path`: its importers holding
 * a route needle whose routes name `path` as a handler file (handlerFilesOf, plain data once known).
 * Exactly the files routeHandlersDeclaredIn reads routes from besides `path` itself, so the
 * prefilter asks this too: an exported helper that no route registers is skipped, not checked
 * because a file with a `map.get(k)` imports it.
 */
export function registeringImporters(project: ProjectFacts, path: string): string[] {
  return project.importerPathsOf(path, routeImporterNeedles(project)).filter((p) => p !== path && handlerFilesOf(project, p).includes(path));
}

/**
 * The files holding the handler functions `path`'s routes register from elsewhere (`handlerFile`),
 * as paths: a lasting memo, plain data, so it outlives the file's tree. Parses the file only when
 * no earlier question (its own check, as a rule, asks routeHandlersDeclaredIn first) answered it;
 * `parsed` is the file when the caller holds it (its own check: no load, so it is not kept shared).
 */
function handlerFilesOf(project: ProjectFacts, path: string, parsed?: FileFacts): readonly string[] {
  return project.lastingMemo(`routes:handler-files:${path}`, () => {
    const f = parsed ?? project.load(path);
    return f ? [...new Set(routeHandlersOf(project, f).flatMap((r) => (r.handler && r.handlerFile ? [r.handlerFile.path] : [])))] : [];
  });
}

function exportsAnything(file: FileFacts): boolean {
  for (const s of file.sourceFile.statements) {
    if (ts.isExportAssignment(s) || ts.isExportDeclaration(s)) return true;
    if (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  }
  return file.isJavaScript && /\b(module\.)?exports\b/.test(file.text);
}

function sourceOrder(node: ts.Node): number {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) ? node.expression.name.pos : node.pos;
}

const ROUTER_NAME = /^(app|router|routes|server|fastify|hono|koa)$|(Router|App|Routes|Server)$/;

/** The name a receiver is known by: `router` for `router`, `this.router`, `deps.router`. */
function receiverName(e: ts.Expression): string | undefined {
  const r = unwrap(e);
  if (ts.isIdentifier(r)) return r.text;
  if (ts.isPropertyAccessExpression(r) && ts.isIdentifier(r.name)) return r.name.text;
  return undefined;
}

function toRoute(
  file: FileFacts,
  method: string,
  path: string | undefined,
  registration: ts.Node,
  ref: HandlerRef,
): RouteHandler {
  const route: RouteHandler = { file, method, path, registration };
  if (ref.kind === 'function') {
    route.handler = ref.fn;
    if (ref.file !== file) route.handlerFile = ref.file;
  }
  if (ref.kind !== 'value' && ref.name !== undefined) route.handlerName = ref.name;
  return route;
}

function methodCallRoute(
  project: ProjectFacts,
  file: FileFacts,
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  method: string,
): RouteHandler | undefined {
  const args = call.arguments;
  if (args.length === 0) return undefined;
  const chained = routeChainPath(project, file, callee.expression);
  let path: string | undefined;
  let handlerArgs: readonly ts.Expression[];
  if (chained !== undefined) {
    path = chained.path;
    handlerArgs = args;
    if (path === undefined) return undefined;
  } else {
    // A path and a handler at least: `map.get(key)` and `cache.delete(k)` stop here, unfolded.
    if (args.length < 2) return undefined;
    let pathIndex = 0;
    path = pathLikeArgument(project, file, args[0]);
    if (path === undefined && args.length >= 3 && typeof foldConstant(project, file, args[0]!) === 'string') {
      path = pathLikeArgument(project, file, args[1]);
      pathIndex = 1;
    }
    // RPC paths need no slash (`router.post("collections.export", auth(), fn)`): from a router only.
    if (path === undefined && ROUTER_NAME.test(receiverName(callee.expression) ?? '')) {
      path = rpcPathArgument(project, file, args[0]);
      pathIndex = 0;
    }
    if (path === undefined) return undefined;
    handlerArgs = args.slice(pathIndex + 1);
  }
  if (handlerArgs.length === 0) return undefined;
  const ref = followHandler(project, file, handlerArgs[handlerArgs.length - 1]!);
  if (ref.kind === 'value') return undefined;
  const receiver = chained?.receiver ?? callee.expression;
  const name = receiverName(receiver);
  if (ref.kind === 'unresolved' && (name === undefined || !ROUTER_NAME.test(name))) return undefined;
  const prefix = ts.isIdentifier(unwrap(receiver)) && name !== undefined ? mountPrefixesOf(project, file).get(name) : undefined;
  return toRoute(file, method, joinRoutePath(prefix, path), call, ref);
}

/**
 * `router.route('/x').post(fn)` and `.route('/x').get(a).post(b)`: walks the chain back to the
 * `.route(path)` call. Undefined when `receiver` is not such a chain.
 */
function routeChainPath(
  project: ProjectFacts,
  file: FileFacts,
  receiver: ts.Expression,
): { path: string | undefined; receiver: ts.Expression } | undefined {
  let e = unwrap(receiver);
  const all = new Set(project.subjects.routeHandler.methods.map((m) => m.toLowerCase()));
  for (let depth = 0; depth < 10 && ts.isCallExpression(e); depth++) {
    const c = e.expression;
    if (!ts.isPropertyAccessExpression(c) || !ts.isIdentifier(c.name)) return undefined;
    if (c.name.text === 'route' && e.arguments.length === 1) {
      return { path: pathLikeArgument(project, file, e.arguments[0]), receiver: c.expression };
    }
    if (!all.has(c.name.text)) return undefined;
    e = unwrap(c.expression);
  }
  return undefined;
}

/** Fastify `app.route({ method: 'POST', url: '/x', handler })`. */
function fastifyRoutes(project: ProjectFacts, file: FileFacts, call: ts.CallExpression, methods: ReadonlySet<string>): RouteHandler[] {
  const options = unwrap(call.arguments[0]!);
  if (!ts.isObjectLiteralExpression(options)) return [];
  let methodNode: ts.Expression | undefined;
  let urlNode: ts.Expression | undefined;
  let ref: HandlerRef | undefined;
  for (const prop of options.properties) {
    const key = prop.name ? propertyNameText(prop.name) : undefined;
    if (key === 'method' && ts.isPropertyAssignment(prop)) methodNode = prop.initializer;
    else if ((key === 'url' || key === 'path') && ts.isPropertyAssignment(prop)) urlNode = prop.initializer;
    else if (key === 'handler') {
      if (ts.isMethodDeclaration(prop)) ref = { kind: 'function', fn: prop, file, name: 'handler' };
      else if (ts.isPropertyAssignment(prop)) ref = followHandler(project, file, prop.initializer);
      else if (ts.isShorthandPropertyAssignment(prop)) ref = followHandler(project, file, prop.name);
    }
  }
  if (!methodNode || !urlNode || !ref || ref.kind === 'value') return [];
  const path = pathLikeArgument(project, file, urlNode);
  if (path === undefined) return [];
  const m = unwrap(methodNode);
  const names = ts.isArrayLiteralExpression(m) ? m.elements.map((x) => foldConstant(project, file, x)) : [foldConstant(project, file, m)];
  const prefix = ts.isPropertyAccessExpression(call.expression) && ts.isIdentifier(call.expression.expression)
    ? mountPrefixesOf(project, file).get(call.expression.expression.text)
    : undefined;
  return names
    .filter((n): n is string => typeof n === 'string' && methods.has(n.toLowerCase()))
    .map((n) => toRoute(file, n.toLowerCase(), joinRoutePath(prefix, path), call, ref));
}

/** The name a decorator is called by, seen through import aliases: `Post` for `@Post()` and `@P()`. */
function decoratorName(project: ProjectFacts, file: FileFacts, d: ts.Decorator): { name: string; call?: ts.CallExpression } | undefined {
  const e = d.expression;
  if (ts.isCallExpression(e)) {
    const callee = calleeOf(project, file, e);
    return callee ? { name: callee.name, call: e } : undefined;
  }
  if (ts.isIdentifier(e)) return { name: e.text };
  return undefined;
}

/** `@Controller('imports')`, `@Controller({ path: 'imports' })`, `@Controller(['a', 'b'])` (the first). */
function controllerPrefix(project: ProjectFacts, file: FileFacts, call: ts.CallExpression | undefined): string | undefined {
  const arg = call?.arguments[0];
  if (!arg) return undefined;
  const e = unwrap(arg);
  if (ts.isObjectLiteralExpression(e)) {
    for (const prop of e.properties) {
      if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === 'path') return nestPath(project, file, prop.initializer);
    }
    return undefined;
  }
  return nestPath(project, file, e);
}

function nestPath(project: ProjectFacts, file: FileFacts, arg: ts.Expression): string | undefined {
  const e = unwrap(arg);
  if (ts.isArrayLiteralExpression(e)) return e.elements[0] ? routePathText(project, file, e.elements[0]) : undefined;
  return routePathText(project, file, e);
}

function nestRoutes(project: ProjectFacts, file: FileFacts): RouteHandler[] {
  const settings = project.subjects.routeHandler;
  const routes: RouteHandler[] = [];
  for (const cls of file.index.classes) {
    const decorators = ts.canHaveDecorators(cls) ? ts.getDecorators(cls) ?? [] : [];
    let controller: { name: string; call?: ts.CallExpression } | undefined;
    for (const d of decorators) {
      const n = decoratorName(project, file, d);
      if (n && settings.controllerDecorators.includes(n.name)) controller = n;
    }
    if (!controller) continue;
    const prefix = controllerPrefix(project, file, controller.call);
    for (const member of cls.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      for (const d of ts.getDecorators(member) ?? []) {
        const n = decoratorName(project, file, d);
        const method = n ? settings.methodDecorators[n.name] : undefined;
        if (!n || method === undefined) continue;
        const arg = n.call?.arguments[0];
        const path = arg ? nestPath(project, file, arg) : undefined;
        const name = member.name && propertyNameText(member.name);
        routes.push({
          file,
          method: method.toLowerCase(),
          path: arg && path === undefined ? undefined : joinRoutePath(prefix, path),
          registration: member,
          handler: member,
          ...(name !== undefined ? { handlerName: name } : {}),
        });
      }
    }
  }
  return routes;
}
