import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import { foldConstant, unwrap } from '../syntax/fold.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { webResponseOf } from './web-responses.js';

/**
 * The responses a route handler produces, found on its syntax:
 *
 * - `res.json(o)`, `res.send(o)`, `res.status(n).json(o)`, `res.sendStatus(n)` (Express),
 *   `reply.send(o)`, `reply.code(n).send(o)` (Fastify), `c.json(o)`, `c.json(o, n)` (Hono),
 *   where `res`/`reply`/`c` is one of the handler's parameters;
 * - `ctx.body = o` (Koa), `ctx` a parameter;
 * - `return o` in the handler itself (NestJS, Fastify, Hono send what the handler returns); a
 *   returned response call is the call, not a second response;
 * - a returned Fetch API response (Next.js route handlers, Remix actions): `NextResponse.json(o,
 *   { status })`, `Response.json(o)`, `new Response(JSON.stringify(o), init)`, Remix `json(o)` /
 *   `data(o)`, and redirects, which are 3xx with no body (see web-responses.ts).
 *
 * `x.json()` with no argument reads a request's body (`await request.json()`, `c.req.json()`); it
 * is not a response.
 *
 * Responses in nested callbacks (`.then(job => res.json(…))`) and branches count. A response is an
 * error when its status folds to >= 400, or it is inside a `catch` clause or a `.catch(…)` callback
 * of the handler. A status that cannot be folded is `undefined` (neither success nor error is assumed).
 */
export interface HandlerResponse {
  /** The response call, the `ctx.body = o` assignment, or the `return` statement. */
  node: ts.Node;
  form: 'call' | 'body' | 'return';
  /** What is sent: `o`; absent for `res.sendStatus(n)` and `res.send()`. */
  body?: ts.Expression;
  /** The status, when written and foldable; 200 when not written (the frameworks' default). */
  status: number | undefined;
  isError: boolean;
}

const SEND_METHODS = new Set(['json', 'send', 'sendStatus']);
const STATUS_METHODS = new Set(['status', 'code']);

function parameterNames(fn: ts.FunctionLikeDeclaration): Set<string> {
  const names = new Set<string>();
  for (const p of fn.parameters) if (ts.isIdentifier(p.name)) names.add(p.name.text);
  return names;
}

/** True when `node` sits (within `fn`) in a `catch` clause or a `.catch(cb)` / `.then(_, cb)` callback. */
function inErrorPath(node: ts.Node, fn: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n && n !== fn; n = n.parent) {
    if (ts.isCatchClause(n)) return true;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent)) {
      const callee = n.parent.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'catch') return true;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' && n.parent.arguments[1] === n) return true;
    }
  }
  return false;
}

/** The root identifier of a member chain: `res` in `res.status(201).json`. */
function chainRoot(e: ts.Expression): ts.Identifier | undefined {
  let x = unwrap(e);
  for (;;) {
    if (ts.isIdentifier(x)) return x;
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = unwrap(x.expression);
    else if (ts.isCallExpression(x)) x = unwrap(x.expression);
    else return undefined;
  }
}

function foldStatus(project: ProjectFacts, file: FileFacts, e: ts.Expression | undefined): number | undefined {
  if (!e) return undefined;
  const v = foldConstant(project, file, e);
  return typeof v === 'number' ? v : undefined;
}

/** `res.status(202).json(o)` → the status written in the chain before the send; 200 when none. */
function chainStatus(project: ProjectFacts, file: FileFacts, callee: ts.PropertyAccessExpression): number | undefined {
  for (let x = unwrap(callee.expression); ts.isCallExpression(x); ) {
    const c = unwrap(x.expression);
    if (!ts.isPropertyAccessExpression(c)) break;
    if (STATUS_METHODS.has(c.name.text)) return foldStatus(project, file, x.arguments[0]);
    x = unwrap(c.expression);
  }
  return 200;
}

function responseCall(project: ProjectFacts, file: FileFacts, call: ts.CallExpression, params: Set<string>): Omit<HandlerResponse, 'isError'> | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !SEND_METHODS.has(callee.name.text)) return undefined;
  if (callee.name.text === 'json' && call.arguments.length === 0) return undefined;
  const root = chainRoot(callee.expression);
  if (!root || !params.has(root.text)) return undefined;
  if (callee.name.text === 'sendStatus') return { node: call, form: 'call', status: foldStatus(project, file, call.arguments[0]) };
  const body = call.arguments[0];
  // Hono: `c.json(o, 202)`.
  const status = call.arguments.length >= 2 ? foldStatus(project, file, call.arguments[1]) : chainStatus(project, file, callee);
  return { node: call, form: 'call', status, ...(body ? { body } : {}) };
}

/** Every response `fn` produces (memoized per function). */
export function responsesOf(project: ProjectFacts, file: FileFacts, fn: ts.FunctionLikeDeclaration): HandlerResponse[] {
  return project.memo(`responses:${fn.pos}:${fn.end}:${file.path}`, () => {
    const params = parameterNames(fn);
    const found: HandlerResponse[] = [];
    const add = (r: Omit<HandlerResponse, 'isError'>) => {
      const isError = (r.status !== undefined && r.status >= 400) || inErrorPath(r.node, fn);
      found.push({ ...r, isError });
    };
    const visit = (node: ts.Node, own: boolean): void => {
      if (ts.isCallExpression(node)) {
        const r = responseCall(project, file, node, params);
        if (r) add(r);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = unwrap(node.left);
        if (ts.isPropertyAccessExpression(left) && left.name.text === 'body' && ts.isIdentifier(left.expression) && params.has(left.expression.text)) {
          add({ node, form: 'body', body: node.right, status: 200 });
        }
      } else if (own && ts.isReturnStatement(node) && node.expression) {
        const web = webResponseOf(project, file, node.expression);
        if (web) add({ node: node.expression, form: 'call', ...web });
        else if (!isResponseExpression(project, file, node.expression, params)) {
          add({ node, form: 'return', body: node.expression, status: 200 });
        }
      }
      const nested = ts.isFunctionLike(node);
      ts.forEachChild(node, (child) => visit(child, own && !nested));
    };
    const body = fn.body;
    if (!body) return found;
    const web = ts.isBlock(body) ? undefined : webResponseOf(project, file, body);
    if (ts.isBlock(body)) ts.forEachChild(body, (child) => visit(child, true));
    else if (web) {
      // `export const POST = async () => NextResponse.json({ job_id })`.
      add({ node: body, form: 'call', ...web });
      visit(body, false);
    } else if (isResponseExpression(project, file, body, params)) visit(body, true);
    else {
      // `async (request) => ({ job_id })`: the arrow's expression is what it returns.
      add({ node: body, form: 'return', body, status: 200 });
      visit(body, false);
    }
    return found;
  });
}

/** A response call (maybe awaited), or `ctx.body = o`: returning it does not send a second response. */
function isResponseExpression(project: ProjectFacts, file: FileFacts, e: ts.Expression, params: Set<string>): boolean {
  let x = unwrap(e);
  while (ts.isAwaitExpression(x)) x = unwrap(x.expression);
  if (ts.isCallExpression(x)) {
    if (responseCall(project, file, x, params)) return true;
    // `return next()`, `return reply.redirect(…)`: calls on a handler parameter are not a body.
    const root = chainRoot(x.expression);
    return root !== undefined && params.has(root.text);
  }
  if (ts.isVoidExpression(x)) return true;
  return ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
