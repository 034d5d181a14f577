import { ts } from 'ts-morph';
import { defineCheck, type CheckContext } from './check.js';
import { calleeOf } from '../facts/syntax/callee.js';
import { matchesAnyCallPattern } from '../facts/syntax/call-patterns.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import { foldConstant, propertyNameText, unwrap } from '../facts/syntax/fold.js';
import { walkScope } from '../facts/syntax/handler-scope.js';
import { routeLabel } from './route-labels.js';
import { routeHandlersOf } from '../facts/http/routes.js';
import type { RouteHandler } from '../facts/http/route-handler.js';
import { resolveIdentifier } from '../facts/syntax/symbols.js';
import { webResponseOf } from '../facts/http/web-responses.js';
import type { SubjectSettings as PrefilterSubjects } from '../facts/project/subjects.js';
import { routeNeedles } from '../engine/prefilter-vocabulary.js';

interface Options {
  /** The confirmation header (matched case-insensitively). */
  header: string;
  /** Exported names of constants that hold the header's name (imported from a package, so not foldable). */
  headerConstants: string[];
  /** A POST whose last path segment is one of these is an RPC-style delete. */
  deleteSegments: string[];
  /** Helpers that do the whole check (the bundled runtime's). */
  helpers: string[];
  /** A call whose name starts or ends with one of these deletes (`repo.delete`, `findByIdAndRemove`). */
  deleteVerbs: string[];
  /** Methods that read a header: `req.get(h)`, `req.header(h)`, `request.headers.get(h)`, `c.req.header(h)`. */
  headerGetters: string[];
}

type Ctx = CheckContext<Options, typeof messages>;

/** Findings, by message id; `route` is the route's label, `header` the header's name. */
const messages = {
  headerNotRead: (d: { route: string; header: string }) => `${d.route} deletes without checking the "${d.header}" header against the resource's name`,
  headerNotCompared: (d: { route: string; header: string }) => `${d.route} reads the "${d.header}" header but never compares it with the resource's name`,
  headerComparedLate: (d: { route: string; header: string }) => `${d.route} checks the "${d.header}" header only after deleting`,
};
const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);
const MAX_ALIAS_DEPTH = 4;

function lastSegment(path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1] ?? '';
  if (last.startsWith(':') || last.startsWith('{')) return '';
  return (last.split(/[.:]/).pop() ?? '').toLowerCase();
}

function isDeleteRoute(route: RouteHandler, options: Options): boolean {
  if (route.method === 'delete') return true;
  return route.method === 'post' && route.path !== undefined && options.deleteSegments.includes(lastSegment(route.path));
}

/** Does an argument name the header: `'x-resource-name'` in any case, a const holding it, `RESOURCE_NAME_HEADER`? */
function namesHeader(ctx: Ctx, file: FileFacts, arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const v = foldConstant(ctx.project, file, arg);
  if (typeof v === 'string') return v.toLowerCase() === ctx.options.header.toLowerCase();
  const e = unwrap(arg);
  if (ts.isIdentifier(e)) {
    const r = resolveIdentifier(ctx.project, file, e);
    return r?.kind === 'external' && ctx.options.headerConstants.includes(r.name);
  }
  return false;
}

/** The header read a node is: `h.headers['x-resource-name']`, `req.get('X-Resource-Name')`, … */
function headerRead(ctx: Ctx, file: FileFacts, node: ts.Node): ts.Node | undefined {
  if (ts.isElementAccessExpression(node) && namesHeader(ctx, file, node.argumentExpression)) return node;
  if (ts.isCallExpression(node)) {
    const c = unwrap(node.expression);
    if (ts.isPropertyAccessExpression(c) && ctx.options.headerGetters.includes(c.name.text) && namesHeader(ctx, file, node.arguments[0])) return node;
  }
  // `const { 'x-resource-name': confirm } = req.headers`
  if (ts.isBindingElement(node) && node.propertyName && ts.isObjectBindingPattern(node.parent)) {
    const key = node.propertyName;
    const named = ts.isComputedPropertyName(key) ? namesHeader(ctx, file, key.expression) : propertyNameText(key)?.toLowerCase() === ctx.options.header.toLowerCase();
    if (named && ts.isIdentifier(node.name)) return node.name;
  }
  return undefined;
}

/** NestJS: `@Headers('x-resource-name') name: string`. */
function headerParameters(ctx: Ctx, file: FileFacts, fn: ts.FunctionLikeDeclaration): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  for (const p of fn.parameters) {
    for (const d of ts.canHaveDecorators(p) ? ts.getDecorators(p) ?? [] : []) {
      const e = d.expression;
      if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Headers' && namesHeader(ctx, file, e.arguments[0]) && ts.isIdentifier(p.name)) {
        out.push(p.name);
      }
    }
  }
  return out;
}

/**
 * Where the value read at `node` is compared (or handed to a function that may compare it): the
 * position of the comparison, or undefined. Follows `const name = read` (and `?? ''`, `.trim()`).
 */
function comparedAt(node: ts.Node, depth = 0): number | undefined {
  let n: ts.Node = node;
  for (;;) {
    const p = n.parent;
    if (!p) return undefined;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isAwaitExpression(p) ||
        (ts.isPropertyAccessExpression(p) && p.expression === n) || (ts.isCallExpression(p) && p.expression === n) ||
        (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken))) {
      n = p;
      continue;
    }
    if (ts.isBinaryExpression(p) && COMPARISONS.has(p.operatorToken.kind)) return p.getStart();
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) return p.getStart();
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) return usesCompared(p.name, depth);
    if (ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p)) {
      // `{ confirm }` handed to a call: the callee may compare it.
      const obj = p.parent;
      if (ts.isObjectLiteralExpression(obj) && obj.parent && ts.isCallExpression(obj.parent)) return obj.parent.getStart();
    }
    return undefined;
  }
}

/** The first comparison of a variable bound to the header's value, among its uses in its function. */
function usesCompared(name: ts.Identifier, depth: number): number | undefined {
  if (depth >= MAX_ALIAS_DEPTH) return undefined;
  let scope: ts.Node = name;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let first: number | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      const at = comparedAt(n, depth + 1);
      if (at !== undefined && (first === undefined || at < first)) first = at;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return first;
}

function isDeleteCall(name: string, verbs: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return verbs.some((v) => lower.startsWith(v) || lower.endsWith(v));
}

/**
 * Where a finding about a registration points: the call, or, when the call hangs off a chain that
 * starts elsewhere (`new Hono().get(…).delete('/:id', h)`), its method name: the chain's start is
 * another statement's business and may be many lines up.
 */
function reportNode(registration: ts.Node): ts.Node {
  if (!ts.isCallExpression(registration) || !ts.isPropertyAccessExpression(registration.expression)) return registration;
  const receiver = unwrap(registration.expression.expression);
  return ts.isCallExpression(receiver) || ts.isNewExpression(receiver) ? registration.expression.name : registration;
}

function isErrorStatus(ctx: Ctx, file: FileFacts, e: ts.Expression | undefined): boolean {
  const v = e ? foldConstant(ctx.project, file, e) : undefined;
  return typeof v === 'number' && v >= 400;
}

/** `res.status(405)`, `reply.code(405)`, `c.json(body, 405)`, `c.text('no', 405)`. */
function errorStatusCall(ctx: Ctx, file: FileFacts, call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const name = call.expression.name.text;
  if (name === 'status' || name === 'code' || name === 'sendStatus') return isErrorStatus(ctx, file, call.arguments[0]);
  if (name === 'json' || name === 'text') return isErrorStatus(ctx, file, call.arguments[1]);
  return false;
}

/** `ctx.status = 405` (Koa). */
function isErrorStatusAssignment(ctx: Ctx, file: FileFacts, b: ts.BinaryExpression): boolean {
  if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const left = unwrap(b.left);
  return ts.isPropertyAccessExpression(left) && left.name.text === 'status' && isErrorStatus(ctx, file, b.right);
}

function checkRoute(ctx: Ctx, route: RouteHandler): void {
  const handler = route.handler!;
  const file = route.handlerFile ?? route.file;
  const label = routeLabel(route);
  let helper = false;
  let read = false;
  let compared: number | undefined;
  let firstDelete: number | undefined;
  let deletes = false;
  let refuses = false;
  const consider = (at: number | undefined) => {
    if (at !== undefined && (compared === undefined || at < compared)) compared = at;
  };
  for (const p of headerParameters(ctx, file, handler)) {
    read = true;
    consider(usesCompared(p, 0));
  }
  walkScope(ctx.project, file, handler, [], (node, _via, fn) => {
    if (ts.isCallExpression(node)) {
      const callee = calleeOf(ctx.project, file, node);
      if (callee && matchesAnyCallPattern(callee, ctx.options.helpers)) helper = true;
      else if (callee && isDeleteCall(callee.name, ctx.options.deleteVerbs)) {
        deletes = true;
        if (fn === handler && firstDelete === undefined) firstDelete = node.getStart();
      }
      if (fn === handler && errorStatusCall(ctx, file, node)) refuses = true;
    }
    // `NextResponse.json(body, { status: 405 })`, `new Response(null, { status: 405 })`, Remix `json(o, 405)`.
    if (fn === handler && (ts.isCallExpression(node) || ts.isNewExpression(node))) {
      const web = webResponseOf(ctx.project, file, node);
      if (web?.status !== undefined && web.status >= 400) refuses = true;
    }
    if (fn === handler && ts.isBinaryExpression(node) && isErrorStatusAssignment(ctx, file, node)) refuses = true;
    const r = headerRead(ctx, file, node);
    if (r) {
      read = true;
      const at = ts.isIdentifier(r) && ts.isBindingElement(r.parent) ? usesCompared(r, 0) : comparedAt(r);
      // A comparison in a helper counts wherever it is; order is only judged inside the handler.
      consider(at === undefined ? undefined : fn === handler ? at : -1);
    }
  });
  // A DELETE that only refuses (`ctx.status = 405`, "use POST") and calls nothing that deletes has
  // nothing to confirm (Outline's MCP route).
  if (helper || (!deletes && refuses)) return;
  const at = reportNode(route.registration);
  const data = { route: label, header: ctx.options.header };
  if (!read) ctx.report(at, 'headerNotRead', data);
  else if (compared === undefined) ctx.report(at, 'headerNotCompared', data);
  else if (firstDelete !== undefined && compared > firstDelete) ctx.report(at, 'headerComparedLate', data);
}

/** BG-023: a delete route confirms the resource's name from the X-RESOURCE-NAME header before deleting. */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'safe-delete',
    messages,
    description: 'DELETE routes (and RPC-style delete POSTs) compare the X-RESOURCE-NAME header with the resource\'s name before deleting.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        header: { type: 'string', minLength: 1, default: 'X-RESOURCE-NAME', description: 'The confirmation header (any case).' },
        headerConstants: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['RESOURCE_NAME_HEADER'], description: 'Imported constants that hold the header name.' },
        deleteSegments: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['delete', 'destroy', 'remove'], description: 'Last path segments that make a POST a delete (lower case).' },
        helpers: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['safeDelete', 'checkResourceName', 'assertResourceName'], description: 'Calls that perform the whole confirmation.' },
        deleteVerbs: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['delete', 'destroy', 'remove'], description: 'A call named with one of these (prefix or suffix, any case) deletes.' },
        headerGetters: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['get', 'header', 'getHeader'], description: 'Methods that read a request header by name.' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    for (const route of routeHandlersOf(ctx.project, ctx.file)) {
      if (route.handler && isDeleteRoute(route, ctx.options)) checkRoute(ctx, route);
    }
  },
});

/** Text prefilter (engine/prefilter.ts): its findings are on routes the file registers. */
export const prefilter = (_options: unknown, subjects: PrefilterSubjects) => routeNeedles(subjects);
