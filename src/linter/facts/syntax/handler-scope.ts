import { ts } from 'ts-morph';
import { calleeOf } from './callee.js';
import { matchesAnyCallPattern } from './call-patterns.js';
import type { FileFacts } from '../project/file-facts.js';
import { propertyNameText, unwrap } from './fold.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { resolveIdentifier } from './symbols.js';
import { functionName, functionOfDeclaration } from './ast-utils.js';

/**
 * What a function runs while it runs: its own body and nested callbacks, plus the functions of the
 * same file it calls (`helper()`, `this.helper()` on its own class or object), transitively. Work
 * handed to a dispatcher (`backgroundTasks.add(fn)`, `setImmediate(fn)`, `queue.add(…, fn)`) runs
 * later, so its callbacks are not walked, and neither are the functions called only from them.
 */
export interface ScopeNode {
  node: ts.Node;
  /** The same-file function the node is in when it is not the start function: its name. */
  via?: string;
}

const MAX_HELPERS = 32;

/** The class or object literal a function is a member of: where `this.helper()` is looked up. */
function ownerOf(fn: ts.Node): ts.ClassLikeDeclaration | ts.ObjectLiteralExpression | undefined {
  for (let n: ts.Node | undefined = fn.parent; n; n = n.parent) {
    if (ts.isClassLike(n) || ts.isObjectLiteralExpression(n)) return n;
    if (ts.isFunctionDeclaration(n)) return undefined;
  }
  return undefined;
}

function memberFunction(owner: ts.ClassLikeDeclaration | ts.ObjectLiteralExpression, name: string): ts.FunctionLikeDeclaration | undefined {
  const members: readonly ts.Node[] = ts.isObjectLiteralExpression(owner) ? owner.properties : owner.members;
  for (const m of members) {
    const n = (m as { name?: ts.PropertyName }).name;
    if (n && propertyNameText(n) === name) return functionOfDeclaration(m);
  }
  return undefined;
}

/** The same-file function a call calls, if any. */
export function sameFileCallee(project: ProjectFacts, file: FileFacts, call: ts.CallExpression, from: ts.Node): ts.FunctionLikeDeclaration | undefined {
  const e = unwrap(call.expression);
  if (ts.isIdentifier(e)) {
    const resolved = resolveIdentifier(project, file, e);
    return resolved?.kind === 'declaration' && resolved.file === file ? functionOfDeclaration(resolved.node) : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = ownerOf(from);
    return owner ? memberFunction(owner, e.name.text) : undefined;
  }
  return undefined;
}

/** Is `fn` a callback handed to a dispatcher call (deferred work)? */
function isDispatched(project: ProjectFacts, file: FileFacts, fn: ts.Node, dispatchers: readonly string[]): boolean {
  let arg: ts.Node = fn;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(arg as ts.Expression)) return false;
  const callee = calleeOf(project, file, call);
  return callee !== undefined && matchesAnyCallPattern(callee, dispatchers);
}

/**
 * Visits every node `start` runs (see above), in source order per function; `visit` gets the node,
 * the name of the helper it is in (undefined in `start`) and that function. Each helper is walked once.
 */
export function walkScope(
  project: ProjectFacts,
  file: FileFacts,
  start: ts.FunctionLikeDeclaration,
  dispatchers: readonly string[],
  /** `fn`: the function being walked (`start` or a helper) — nested callbacks are inside it. */
  visit: (node: ts.Node, via: string | undefined, fn: ts.FunctionLikeDeclaration) => void,
): void {
  walkScopeUntil(project, file, start, dispatchers, (node, via, fn) => {
    visit(node, via, fn);
    return false;
  });
}

/** Does any node `start` runs (walkScope's nodes, in its order) satisfy `predicate`? Stops at the first. */
export function someInScope(
  project: ProjectFacts,
  file: FileFacts,
  start: ts.FunctionLikeDeclaration,
  dispatchers: readonly string[],
  predicate: (node: ts.Node) => boolean,
): boolean {
  return walkScopeUntil(project, file, start, dispatchers, predicate);
}

/** walkScope that stops when `visit` returns true; returns whether it did. */
function walkScopeUntil(
  project: ProjectFacts,
  file: FileFacts,
  start: ts.FunctionLikeDeclaration,
  dispatchers: readonly string[],
  visit: (node: ts.Node, via: string | undefined, fn: ts.FunctionLikeDeclaration) => boolean,
): boolean {
  const seen = new Set<ts.Node>([start]);
  const queue: { fn: ts.FunctionLikeDeclaration; via?: string }[] = [{ fn: start }];
  for (let i = 0; i < queue.length && i < MAX_HELPERS; i++) {
    const { fn, via } = queue[i]!;
    const walk = (node: ts.Node): boolean => {
      if (ts.isFunctionLike(node) && node !== fn && isDispatched(project, file, node, dispatchers)) return false;
      if (visit(node, via, fn)) return true;
      if (ts.isCallExpression(node)) {
        const helper = sameFileCallee(project, file, node, fn);
        if (helper && !seen.has(helper)) {
          seen.add(helper);
          queue.push({ fn: helper, via: functionName(helper) ?? 'function' });
        }
      }
      return ts.forEachChild(node, walk) === true;
    };
    if (fn.body && walk(fn.body)) return true;
  }
  return false;
}
