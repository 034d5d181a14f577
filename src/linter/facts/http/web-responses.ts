import { ts } from 'ts-morph';
import { calleeOf } from '../syntax/callee.js';
import type { FileFacts } from '../project/file-facts.js';
import { foldConstant, propertyNameText, unwrap } from '../syntax/fold.js';
import type { ProjectFacts } from '../project/project-facts.js';

/**
 * A Fetch API response as Next.js route handlers and Remix actions return it:
 *
 * - `NextResponse.json(o, init?)`, `Response.json(o, init?)`;
 * - `new Response(JSON.stringify(o), init?)`, `new NextResponse(…)` (a non-JSON body is what it is);
 * - Remix / React Router `json(o, init?)` and `data(o, init?)`, imported from `@remix-run/*`,
 *   `react-router` or `@vercel/remix`;
 * - redirects: `redirect(url, init?)` (Remix, React Router, `next/navigation`), `redirectDocument`,
 *   `replace`, `NextResponse.redirect(url, status?)`, `Response.redirect(url, status?)`: a 3xx with no
 *   body (302 unless written; 307 for `NextResponse.redirect`, as those APIs default).
 *
 * `init` is a status number or `{ status }`; its status folds to a number, is 200 when not written,
 * undefined when written but not foldable.
 */
export interface WebResponse {
  body?: ts.Expression;
  status: number | undefined;
}

const REMIX_MODULE = /^(@remix-run\/|react-router|@vercel\/remix)/;
const REDIRECTS = new Set(['redirect', 'redirectDocument', 'replace']);

export function webResponseOf(project: ProjectFacts, file: FileFacts, expr: ts.Expression): WebResponse | undefined {
  let e = unwrap(expr);
  while (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isNewExpression(e)) {
    const ctor = unwrap(e.expression);
    if (!ts.isIdentifier(ctor) || (ctor.text !== 'Response' && ctor.text !== 'NextResponse')) return undefined;
    const [first, init] = e.arguments ?? [];
    return withStatus(project, file, bodyOfConstructor(first), init, 200);
  }
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  const [first, second] = e.arguments;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ['Response', 'NextResponse'].includes(callee.expression.text)) {
    const method = callee.name.text;
    if (method === 'json') return withStatus(project, file, first, second, 200);
    if (method === 'redirect') return withStatus(project, file, undefined, second, callee.expression.text === 'NextResponse' ? 307 : 302);
    return undefined;
  }
  if (!ts.isIdentifier(callee)) return undefined;
  const c = calleeOf(project, file, e);
  const fromRouter = c?.module !== undefined && (REMIX_MODULE.test(c.module) || c.module === 'next/navigation');
  if (!c || !fromRouter) return undefined;
  if ((c.name === 'json' || c.name === 'data') && REMIX_MODULE.test(c.module!)) return withStatus(project, file, first, second, 200);
  if (REDIRECTS.has(c.name)) return withStatus(project, file, undefined, second, 302);
  return undefined;
}

/** `JSON.stringify(o)` → o; `null`/nothing → no body; anything else is the body as written. */
function bodyOfConstructor(first: ts.Expression | undefined): ts.Expression | undefined {
  if (!first) return undefined;
  const e = unwrap(first);
  if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) return undefined;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
      e.expression.expression.text === 'JSON' && e.expression.name.text === 'stringify' && e.arguments[0]) {
    return e.arguments[0];
  }
  return first;
}

function withStatus(project: ProjectFacts, file: FileFacts, body: ts.Expression | undefined, init: ts.Expression | undefined, fallback: number): WebResponse {
  return { ...(body ? { body } : {}), status: statusOf(project, file, init, fallback) };
}

function statusOf(project: ProjectFacts, file: FileFacts, init: ts.Expression | undefined, fallback: number): number | undefined {
  if (!init) return fallback;
  const e = unwrap(init);
  if (ts.isObjectLiteralExpression(e)) {
    let status: number | undefined = fallback;
    for (const prop of e.properties) {
      // `{ ...init }`: the status may be in it.
      if (ts.isSpreadAssignment(prop)) status = undefined;
      else if (prop.name && propertyNameText(prop.name) === 'status') {
        const v = ts.isPropertyAssignment(prop) ? foldConstant(project, file, prop.initializer) : ts.isShorthandPropertyAssignment(prop) ? foldConstant(project, file, prop.name) : undefined;
        status = typeof v === 'number' ? v : undefined;
      }
    }
    return status;
  }
  const v = foldConstant(project, file, e);
  return typeof v === 'number' ? v : undefined;
}
