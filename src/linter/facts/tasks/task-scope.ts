import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { sameFileCallee } from '../syntax/handler-scope.js';
import { functionName } from '../syntax/ast-utils.js';

/**
 * What a task runs, for its flow summary: the task function itself and the functions of the same
 * file it calls (`helper()`, `this.helper()`), down to a bounded depth, each with the chain of calls
 * that reaches it. A write or a log inside a helper is placed, for the task, where the task calls the
 * helper: a `markFailed(job, err)` called from the task's `catch` is a failure write of that catch.
 */
export interface ScopeFunction {
  fn: ts.FunctionLikeDeclaration;
  /** The calls from the task down to this function, outermost first; empty for the task itself. */
  callSites: ts.CallExpression[];
  /** The function each of `callSites` is in (parallel to it). */
  callers: ts.FunctionLikeDeclaration[];
  /** The helper's name, for messages; undefined for the task. */
  via?: string;
}

/** Bound on the calls followed for one task (a helper called from several places is followed from each). */
const MAX_CALLS = 64;

/**
 * The task and the same-file functions it calls, breadth first, to `depth` levels of calls. A helper
 * called from two places appears twice, once per call chain (`setStatus(id, 'running')` in the task
 * and `setStatus(id, 'failed')` in a helper of its catch are two writes); a function is not followed
 * into itself (recursion).
 */
export function taskScopeOf(project: ProjectFacts, file: FileFacts, task: ts.FunctionLikeDeclaration, depth: number): ScopeFunction[] {
  const out: ScopeFunction[] = [{ fn: task, callSites: [], callers: [] }];
  for (let i = 0; i < out.length && out.length < MAX_CALLS; i++) {
    const current = out[i]!;
    if (current.callSites.length >= depth) continue;
    const chain = new Set<ts.Node>([...current.callers, current.fn]);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && out.length < MAX_CALLS) {
        const helper = sameFileCallee(project, file, node, current.fn);
        // A function declared inside the one being walked is walked with it already.
        if (helper && helper.body && !chain.has(helper) && !contains(current.fn, helper)) {
          out.push({
            fn: helper,
            callSites: [...current.callSites, node],
            callers: [...current.callers, current.fn],
            via: functionName(helper) ?? 'function',
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    if (current.fn.body) visit(current.fn.body);
  }
  return out;
}

export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** A rejection handler: a `catch` clause, or the callback of `.catch(cb)` / the second of `.then(ok, cb)`. */
export type Handler = ts.CatchClause | ts.FunctionLikeDeclaration;

/** Where a node runs relative to the try statements around it. */
export type Region =
  | { kind: 'body' }
  | { kind: 'catch'; handler: Handler; /** The call in the handler that leads to the node, when it is in a helper. */ viaCall?: ts.CallExpression }
  | { kind: 'finally'; tryStatement: ts.TryStatement };

/** `.catch(cb)` / `.then(ok, cb)`: is `fn` the rejection callback of a promise chain? */
export function isRejectionCallback(fn: ts.Node): fn is ts.FunctionLikeDeclaration {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  let arg: ts.Node = fn;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  return (method === 'catch' && call.arguments[0] === arg) || (method === 'then' && call.arguments[1] === arg);
}

/** The innermost catch / finally around `node` inside `root` (exclusive), or body. */
export function localRegion(node: ts.Node, root: ts.Node): Region {
  let child = node;
  for (let parent = node.parent; parent && child !== root; child = parent, parent = parent.parent) {
    if (ts.isCatchClause(parent)) return { kind: 'catch', handler: parent };
    if (ts.isTryStatement(parent) && parent.finallyBlock === child) return { kind: 'finally', tryStatement: parent };
    if (isRejectionCallback(child) && child !== root) return { kind: 'catch', handler: child };
  }
  return { kind: 'body' };
}

/** The region of a node of `scope.fn` as the task sees it (through the calls that reach a helper). */
export function regionInTask(node: ts.Node, scope: ScopeFunction): Region {
  let region = localRegion(node, scope.fn);
  for (let i = scope.callSites.length - 1; i >= 0 && region.kind === 'body'; i--) {
    region = localRegion(scope.callSites[i]!, scope.callers[i]!);
    if (region.kind === 'catch') region = { ...region, viaCall: scope.callSites[i]! };
  }
  return region;
}

/** The node in the task's own code that runs `node`: the node, or the task's call of the helper. */
export function anchorInTask(node: ts.Node, scope: ScopeFunction): ts.Node {
  return scope.callSites[0] ?? node;
}
