import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import { foldConstant, unwrap } from '../syntax/fold.js';
import { nextRoutePath, remixRoutePath } from './file-route-paths.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { followHandler } from './route-handler-refs.js';
import type { RouteHandler } from './route-handler.js';
import { resolveIdentifier } from '../syntax/symbols.js';
import { someNode } from '../syntax/ast-utils.js';

/**
 * Route handlers that a module IS by its place and its exports, with no registration call:
 *
 * - Next.js App Router: the exported `GET|POST|PUT|PATCH|DELETE` of a `route.ts` under `app/`
 *   (`export async function POST(request)`, `export const POST = async (req) => …`, a wrapped
 *   `export const POST = withAuth(async (req) => …)`, `export { handler as POST }`). A `page.tsx`,
 *   a `layout.tsx` or any other module exporting `GET` is not a route.
 * - Remix: the `action` export of a route module under `app/routes/`. An action answers every
 *   method but GET, so it is a POST route (trigger detection); one that branches on
 *   `request.method === "DELETE"` (or `switch (request.method)` with that case) is a DELETE route
 *   as well, for BG-023.
 *
 * An export destructured from a route builder's call (`const { action } = createActionApiRoute(opts,
 * async ({ body }) => …)`) is that call's last function argument.
 *
 * The registration (what findings point at) is the exported name: `POST` in `export async function
 * POST`, `action` in `export const action = …`.
 */
export function moduleRoutesOf(project: ProjectFacts, file: FileFacts): RouteHandler[] {
  const next = nextRoutePath(file.relativePath);
  const remix = next === undefined ? remixRoutePath(file.relativePath) : undefined;
  if (next === undefined && remix === undefined) return [];
  const methods = new Set(project.subjects.routeHandler.methods.map((m) => m.toLowerCase()));
  const routes: RouteHandler[] = [];
  for (const { name, node, value } of exportedFunctions(project, file)) {
    const ref = ts.isFunctionDeclaration(value) ? { kind: 'function' as const, fn: value, file } : followHandler(project, file, value);
    if (ref.kind !== 'function') continue;
    const base: Omit<RouteHandler, 'method'> = { file, path: next ?? remix!, registration: node, handler: ref.fn, handlerName: name };
    if (ref.file !== file) base.handlerFile = ref.file;
    if (next !== undefined && name === name.toUpperCase() && methods.has(name.toLowerCase())) {
      routes.push({ ...base, method: name.toLowerCase() });
    } else if (remix !== undefined && name === 'action') {
      routes.push({ ...base, method: 'post' });
      if (branchesOnMethod(project, ref.file, ref.fn, 'delete')) routes.push({ ...base, method: 'delete' });
    }
  }
  return routes;
}

interface ExportedValue {
  /** The exported name. */
  name: string;
  /** The node that names it in the export: the function's or variable's name, the specifier. */
  node: ts.Node;
  /** What it exports: the function, the variable's initializer, or the local name re-exported. */
  value: ts.Expression | ts.FunctionDeclaration;
}

function isExported(s: ts.Statement): boolean {
  return ts.canHaveModifiers(s) && (ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

function exportedFunctions(project: ProjectFacts, file: FileFacts): ExportedValue[] {
  const out: ExportedValue[] = [];
  for (const s of file.sourceFile.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body && isExported(s)) {
      out.push({ name: s.name.text, node: s.name, value: s });
    } else if (ts.isVariableStatement(s) && isExported(s)) {
      for (const d of s.declarationList.declarations) {
        if (!d.initializer) continue;
        if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, node: d.name, value: d.initializer });
        // `export const { action, loader } = createActionApiRoute(options, handler)`
        else if (ts.isObjectBindingPattern(d.name)) {
          for (const e of d.name.elements) if (ts.isIdentifier(e.name)) out.push({ name: e.name.text, node: e.name, value: d.initializer });
        }
      }
    } else if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      // `export { handler as GET, handler as POST }` (NextAuth's idiom).
      for (const spec of s.exportClause.elements) {
        const local = spec.propertyName ?? spec.name;
        if (!ts.isIdentifier(local)) continue;
        out.push({ name: spec.name.text, node: spec.name, value: builderCall(project, file, local) ?? local });
      }
    }
  }
  return out;
}

/**
 * `const { action } = createActionApiRoute(options, handler); export { action }` (trigger.dev's
 * route builders): the call the exported name is destructured from. Its last function argument is
 * the handler, as for wrappers (`followHandler`).
 */
function builderCall(project: ProjectFacts, file: FileFacts, local: ts.Identifier): ts.Expression | undefined {
  const resolved = resolveIdentifier(project, file, local);
  if (resolved?.kind !== 'declaration' || resolved.file !== file || !ts.isBindingElement(resolved.node)) return undefined;
  const pattern = resolved.node.parent;
  const decl = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  return ts.isCallExpression(unwrap(decl.initializer)) ? decl.initializer : undefined;
}

const EQUALITY: readonly ts.SyntaxKind[] = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];

/**
 * Does `fn` branch on the request's method being `method`: `request.method === "DELETE"` (either
 * side, `!==` too, through `.toUpperCase()`), or a `switch (request.method)` with a `case "DELETE"`?
 */
function branchesOnMethod(project: ProjectFacts, file: FileFacts, fn: ts.FunctionLikeDeclaration, method: string): boolean {
  const isMethodRead = (e: ts.Expression): boolean => {
    let x = unwrap(e);
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && /^to(Upper|Lower)Case$/.test(x.expression.name.text)) {
      x = unwrap(x.expression.expression);
    }
    return ts.isPropertyAccessExpression(x) && x.name.text === 'method';
  };
  const names = (e: ts.Expression): boolean => {
    const v = foldConstant(project, file, e);
    return typeof v === 'string' && v.toLowerCase() === method;
  };
  const comparesMethod = (n: ts.Node): boolean => {
    if (ts.isBinaryExpression(n) && EQUALITY.includes(n.operatorToken.kind)) {
      return (isMethodRead(n.left) && names(n.right)) || (isMethodRead(n.right) && names(n.left));
    }
    if (ts.isSwitchStatement(n) && isMethodRead(n.expression)) {
      return n.caseBlock.clauses.some((c) => ts.isCaseClause(c) && names(c.expression));
    }
    return false;
  };
  return fn.body !== undefined && someNode(fn.body, comparesMethod);
}
