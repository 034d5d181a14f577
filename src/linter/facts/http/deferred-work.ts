import { ts } from 'ts-morph';
import { calleeOf } from '../syntax/callee.js';
import { matchesAnyCallPattern } from '../syntax/call-patterns.js';
import type { FileFacts } from '../project/file-facts.js';
import { propertyNameText, unwrap } from '../syntax/fold.js';
import { sameFileCallee } from '../syntax/handler-scope.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { resolveIdentifier, resolveMember } from '../syntax/symbols.js';
import { functionOfDeclaration } from '../syntax/ast-utils.js';

/**
 * Work an entry point (route handler, task) starts and does not wait for (BG-033 (2), BG-035):
 *
 * - `deferrer`: a call that runs its function argument later: `setImmediate(cb)`, `setTimeout(cb, ms)`,
 *   `process.nextTick(cb)`, `queueMicrotask(cb)`, `backgroundTasks.add(cb, …args)` (vocabulary);
 * - `event`: `res.on('finish', cb)` / `once('close', cb)`;
 * - `void`: `void f()`;
 * - `unawaited`: a call statement whose promise nobody holds: `f();` where `f` is known to be async.
 *
 * A callee is known async from syntax: an `async` function or one declared to return a `Promise`,
 * found by name in the same file or through imports (resolveIdentifier), `this.method()`, a method of
 * an object or class the receiver resolves to, or an async IIFE. With `typeAware`, a method call on a
 * typed receiver that syntax cannot follow (`this.mailer.sendAll()`) asks the type checker.
 *
 * The work is `observed` when its rejection has a path: a `.catch(…)` (or `.then(ok, onError)`) in
 * its chain, a function that wraps every `await` of its body in a try/catch, or a call to the
 * runtime's `enqueue` (observedCalls), which records failures itself.
 */
export interface DeferVocabulary {
  /** Call patterns that run their function argument later. */
  deferrers: string[];
  /** `res.on(event, cb)`: methods and event names whose callback runs after the response. */
  eventMethods: string[];
  events: string[];
  /** Call patterns whose promise needs no observer: the runtime's `enqueue`. */
  observedCalls: string[];
  typeAware: boolean;
}

export type DeferredKind = 'deferrer' | 'event' | 'void' | 'unawaited';

export interface DeferredWork {
  kind: DeferredKind;
  /** The deferring call (`setImmediate(…)`), or the call whose promise is dropped (`f()` in `void f()`). */
  call: ts.CallExpression;
  /** The functions that run later, inline or followed (a referenced function may be in another file). */
  callbacks: { fn: ts.FunctionLikeDeclaration; inline: boolean }[];
  /** The values handed to the later work: the deferrer's other arguments, the dropped call's arguments. */
  args: ts.Expression[];
  /** The later work returns a promise. */
  async: boolean;
  observed: boolean;
}

export function deferredWorkIn(project: ProjectFacts, file: FileFacts, fn: ts.FunctionLikeDeclaration, vocab: DeferVocabulary): DeferredWork[] {
  const key = `deferred:${fn.pos}:${JSON.stringify(vocab)}:${file.path}`;
  return project.memo(key, () => new DeferredFinder(project, file, vocab).find(fn));
}

function isAsyncFunction(fn: ts.FunctionLikeDeclaration): boolean {
  if ((ts.getModifiers(fn as ts.HasModifiers) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return true;
  const t = fn.type;
  return t !== undefined && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'Promise';
}

/** The calls of a chain, innermost first: `f()`, `f().then(a)`, `f().then(a).catch(b)`. */
function chainOf(call: ts.CallExpression): { root: ts.CallExpression; links: ts.CallExpression[] } {
  const links: ts.CallExpression[] = [];
  let current = call;
  for (;;) {
    links.unshift(current);
    const callee = unwrap(current.expression);
    if (!ts.isPropertyAccessExpression(callee)) break;
    const owner = unwrap(callee.expression);
    if (!ts.isCallExpression(owner) || !['then', 'catch', 'finally'].includes(callee.name.text)) break;
    current = owner;
  }
  return { root: links[0]!, links };
}

function chainHasRejectionPath(links: readonly ts.CallExpression[]): boolean {
  return links.some((c) => {
    const callee = unwrap(c.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    return callee.name.text === 'catch' || (callee.name.text === 'then' && c.arguments.length >= 2);
  });
}

function isPromiseChain(links: readonly ts.CallExpression[]): boolean {
  return links.length > 1;
}

class DeferredFinder {
  constructor(
    private readonly project: ProjectFacts,
    private readonly file: FileFacts,
    private readonly vocab: DeferVocabulary,
  ) {}

  find(fn: ts.FunctionLikeDeclaration): DeferredWork[] {
    const out: DeferredWork[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const d = this.deferrer(node);
        if (d) out.push(d);
      } else if (ts.isVoidExpression(node)) {
        const e = unwrap(node.expression);
        if (ts.isCallExpression(e)) out.push(this.dropped(e, 'void', fn));
      } else if (ts.isExpressionStatement(node)) {
        const e = unwrap(node.expression);
        if (ts.isCallExpression(e) && !this.deferrer(e)) {
          const d = this.dropped(e, 'unawaited', fn);
          if (d.async) out.push(d);
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    return out.sort((a, b) => a.call.pos - b.call.pos);
  }

  private deferrer(call: ts.CallExpression): DeferredWork | undefined {
    const callee = calleeOf(this.project, this.file, call);
    if (!callee) return undefined;
    let kind: DeferredKind | undefined;
    let fnArgs: readonly ts.Expression[] = call.arguments;
    if (matchesAnyCallPattern(callee, this.vocab.deferrers)) kind = 'deferrer';
    else {
      const e = unwrap(call.expression);
      const first = call.arguments[0] && unwrap(call.arguments[0]);
      if (ts.isPropertyAccessExpression(e) && this.vocab.eventMethods.includes(e.name.text) && first && ts.isStringLiteralLike(first) && this.vocab.events.includes(first.text)) {
        kind = 'event';
        fnArgs = call.arguments.slice(1);
      }
    }
    if (!kind) return undefined;
    const callbacks: DeferredWork['callbacks'] = [];
    const args: ts.Expression[] = [];
    for (const arg of fnArgs) {
      const e = unwrap(arg);
      if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) callbacks.push({ fn: e, inline: true });
      else {
        const target = ts.isIdentifier(e) ? this.referencedFunction(e) : undefined;
        if (target) callbacks.push({ fn: target, inline: false });
        else args.push(arg);
      }
    }
    if (callbacks.length === 0) return undefined;
    const async = callbacks.some((c) => this.returnsPromise(c.fn));
    const observed = callbacks.every((c) => !this.returnsPromise(c.fn) || this.handlesOwnErrors(c.fn));
    return { kind, call, callbacks, args, async, observed };
  }

  /** `void f()` / `f();`: the dropped promise of a call (chain). */
  private dropped(call: ts.CallExpression, kind: 'void' | 'unawaited', from: ts.Node): DeferredWork {
    const { root, links } = chainOf(call);
    const callbacks: DeferredWork['callbacks'] = [];
    const target = this.calledFunction(root, from);
    const rootCallee = unwrap(root.expression);
    if (ts.isArrowFunction(rootCallee) || ts.isFunctionExpression(rootCallee)) callbacks.push({ fn: rootCallee, inline: true });
    const knownAsync = (target !== undefined && isAsyncFunction(target)) || isPromiseChain(links) || (target === undefined && this.checkerSaysPromise(root));
    const callee = calleeOf(this.project, this.file, root);
    const observed =
      chainHasRejectionPath(links) ||
      (callee !== undefined && matchesAnyCallPattern(callee, this.vocab.observedCalls)) ||
      (target !== undefined && isAsyncFunction(target) && this.handlesOwnErrors(target));
    return { kind, call: links[links.length - 1]!, callbacks, args: [...root.arguments], async: kind === 'void' || knownAsync, observed };
  }

  private referencedFunction(id: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
    const resolved = resolveIdentifier(this.project, this.file, id);
    return resolved?.kind === 'declaration' ? functionOfDeclaration(resolved.node) : undefined;
  }

  /** The function a call calls, when syntax can follow it. */
  private calledFunction(call: ts.CallExpression, from: ts.Node): ts.FunctionLikeDeclaration | undefined {
    const e = unwrap(call.expression);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
    if (ts.isIdentifier(e)) return this.referencedFunction(e);
    if (!ts.isPropertyAccessExpression(e)) return undefined;
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return sameFileCallee(this.project, this.file, call, from);
    const owner = unwrap(e.expression);
    if (!ts.isIdentifier(owner)) return undefined;
    const resolved = resolveIdentifier(this.project, this.file, owner);
    if (resolved?.kind === 'namespace') {
      const member = resolveMember(this.project, resolved, e.name.text);
      return member?.kind === 'declaration' ? functionOfDeclaration(member.node) : undefined;
    }
    if (resolved?.kind !== 'declaration') return undefined;
    // An object literal, a class (statics) or `new Class()` the receiver is bound to.
    let holder: ts.Node | undefined = resolved.node;
    if (ts.isVariableDeclaration(holder) && holder.initializer) {
      const init = unwrap(holder.initializer);
      if (ts.isObjectLiteralExpression(init)) holder = init;
      else if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
        const cls = resolveIdentifier(this.project, resolved.file, init.expression);
        holder = cls?.kind === 'declaration' ? cls.node : undefined;
      }
    }
    if (!holder) return undefined;
    const members: readonly ts.Node[] = ts.isObjectLiteralExpression(holder) ? holder.properties : ts.isClassLike(holder) ? holder.members : [];
    for (const m of members) {
      const n = (m as { name?: ts.PropertyName }).name;
      if (n && propertyNameText(n) === e.name.text) return functionOfDeclaration(m);
    }
    return undefined;
  }

  /** Only with typeAware, only for a method call on a typed receiver in a TypeScript file. */
  private checkerSaysPromise(call: ts.CallExpression): boolean {
    if (!this.vocab.typeAware || this.file.isJavaScript) return false;
    const e = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(e)) return false;
    const owner = unwrap(e.expression);
    const rooted = owner.kind === ts.SyntaxKind.ThisKeyword ||
      (ts.isPropertyAccessExpression(owner) && owner.expression.kind === ts.SyntaxKind.ThisKeyword) ||
      (ts.isIdentifier(owner) && resolveIdentifier(this.project, this.file, owner)?.kind === 'declaration');
    if (!rooted) return false;
    const checker = this.project.typeChecker(this.file.path);
    const signature = checker.getResolvedSignature(call);
    const type = signature ? checker.getReturnTypeOfSignature(signature) : undefined;
    return type?.getSymbol()?.getName() === 'Promise';
  }

  private returnsPromise(fn: ts.FunctionLikeDeclaration): boolean {
    if (isAsyncFunction(fn)) return true;
    const body = fn.body;
    if (!body || ts.isBlock(body)) return false;
    const e = unwrap(body as ts.Expression);
    if (!ts.isCallExpression(e)) return false;
    const { root, links } = chainOf(e);
    const target = this.calledFunction(root, fn);
    return isPromiseChain(links) || (target !== undefined && isAsyncFunction(target));
  }

  /**
   * The function handles its own rejections: an expression body whose chain has `.catch`, or a call
   * to a function that does; a block body with a try/catch around every `await` (and at least one).
   */
  private handlesOwnErrors(fn: ts.FunctionLikeDeclaration, depth = 0): boolean {
    const body = fn.body;
    if (!body) return false;
    if (!ts.isBlock(body)) {
      const e = unwrap(body as ts.Expression);
      if (!ts.isCallExpression(e)) return true;
      const { root, links } = chainOf(e);
      if (chainHasRejectionPath(links)) return true;
      const callee = calleeOf(this.project, this.file, root);
      if (callee && matchesAnyCallPattern(callee, this.vocab.observedCalls)) return true;
      const target = this.calledFunction(root, fn);
      return target !== undefined && depth < 3 && isAsyncFunction(target) && this.handlesOwnErrors(target, depth + 1);
    }
    let tries = 0;
    let uncaught = false;
    const visit = (n: ts.Node, guarded: boolean): void => {
      if (uncaught || (ts.isFunctionLike(n) && n !== fn)) return;
      if (ts.isTryStatement(n)) {
        if (n.catchClause) tries += 1;
        visit(n.tryBlock, guarded || n.catchClause !== undefined);
        if (n.catchClause) visit(n.catchClause, guarded);
        if (n.finallyBlock) visit(n.finallyBlock, guarded);
        return;
      }
      if ((ts.isAwaitExpression(n) || ts.isThrowStatement(n)) && !guarded) {
        uncaught = true;
        return;
      }
      ts.forEachChild(n, (c) => visit(c, guarded));
    };
    visit(body, false);
    return tries > 0 && !uncaught;
  }
}
