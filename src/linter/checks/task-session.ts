import { ts } from 'ts-morph';
import { defineCheck, type CheckContext } from './check.js';
import { deferredWorkIn, type DeferVocabulary } from '../facts/http/deferred-work.js';
import { unwrap } from '../facts/syntax/fold.js';
import { findNode, someNode } from '../facts/syntax/ast-utils.js';
import { chainReceiver } from '../facts/records/record-calls.js';
import { routeHandlersDeclaredIn } from '../facts/http/routes.js';
import {
  bindingOf, isSessionSource, sessionFactoryOf, sessionParameterKind, sessionRoot, sessionText, typeName,
  type SessionVocabulary,
} from '../facts/tasks/sessions.js';
import type { TaskFunction } from '../facts/tasks/task-function.js';
import { taskFunctionsOf } from '../facts/tasks/task-functions.js';
import { localRegion, taskScopeOf } from '../facts/tasks/task-scope.js';
import { deferSchema, deferVocabulary, sessionSchema } from './task-vocabulary.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { unionNeedles } from '../engine/prefilter-needles.js';
import { routeHandlerNeedles, taskNeedles } from '../engine/prefilter-vocabulary.js';

interface Options extends SessionVocabulary, DeferVocabulary {
  /** Properties of a request that hold its session: `req.db`, `req.em`, `c.get('db')`. */
  requestProperties: string[];
  /** Decorators of a NestJS handler parameter that inject the request: `@Req()`. */
  requestDecorators: string[];
  /** Method decorators that give a task its own context (MikroORM `@CreateRequestContext()`). */
  contextDecorators: string[];
  /** Levels of same-file calls whose session use counts as the task's. */
  helperDepth: number;
}

type Ctx = CheckContext<Options, typeof messages>;

/** Why a session a task works through is not its own, as the finding words it. */
const NOT_OWN = {
  classMember: 'a session held by the class, not opened by the task',
  sharedDeclaration: 'a shared session declared outside the task',
  notOpened: 'a session it did not open',
  sharedExternal: 'a shared session it did not open',
} as const;
type NotOwnReason = keyof typeof NOT_OWN;

/** Findings, by message id. */
const messages = {
  requestParameter: (d: { task: string; name: string }) => `task "${d.task}" takes the request "${d.name}" as a parameter: its session ends with the response`,
  sessionParameter: (d: { task: string; name: string; type?: string }) =>
    `task "${d.task}" takes the session "${d.name}"${d.type ? ` (${d.type})` : ''} as a parameter: a task opens its own, the caller's is closed or rolled back without it`,
  capturedSession: (d: { session: string }) => `deferred work captures the request's session "${d.session}": it is closed or reused when the response is sent`,
  notOwnSession: (d: { task: string; session: string; why: NotOwnReason }) =>
    `task "${d.task}" works through "${d.session}", ${NOT_OWN[d.why]}: open its own session inside the task`,
  notReleased: (d: { task: string; name: string; call: string }) => `task "${d.task}" does not release "${d.name}" (from ${d.call}) in finally: it leaks a connection when the task fails`,
};

function decoratorNames(node: ts.Node): string[] {
  const out: string[] = [];
  for (const d of ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : []) {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    if (ts.isIdentifier(e)) out.push(e.text);
    else if (ts.isPropertyAccessExpression(e)) out.push(e.name.text);
  }
  return out;
}

// ---- (1) a task takes no session or request parameter -------------------------------------------

function checkParameters(ctx: Ctx, task: TaskFunction): void {
  for (const param of task.fn.parameters) {
    const kind = sessionParameterKind(param, ctx.options);
    if (kind) {
      const name = param.name.getText(ctx.file.sourceFile);
      const type = typeName(param.type);
      if (kind === 'request') ctx.report(param, 'requestParameter', { task: task.name, name });
      else ctx.report(param, 'sessionParameter', { task: task.name, name, ...(type ? { type } : {}) });
    } else if (ts.isObjectBindingPattern(param.name)) {
      for (const el of param.name.elements) {
        if (ts.isIdentifier(el.name) && ctx.options.sessionNames.includes(el.name.text)) {
          ctx.report(el, 'sessionParameter', { task: task.name, name: el.name.text });
        }
      }
    }
  }
}

// ---- (2) deferred work in a route handler does not capture the request's session ----------------

interface RequestScope {
  /** Names of the request parameter(s): `req`, `request`, `c`, `ctx`. */
  requests: Set<string>;
  /** Names bound to the request's session: `const em = req.em`, a session-typed handler parameter. */
  bound: Set<string>;
}

function requestScopeOf(ctx: Ctx, handler: ts.FunctionLikeDeclaration, decorated: boolean): RequestScope {
  const o = ctx.options;
  const requests = new Set<string>();
  const bound = new Set<string>();
  handler.parameters.forEach((p, i) => {
    if (!ts.isIdentifier(p.name)) return;
    const type = typeName(p.type);
    const isRequest = (type !== undefined && o.requestTypes.includes(type)) ||
      (decorated ? decoratorNames(p).some((d) => o.requestDecorators.includes(d)) : i === 0);
    if (isRequest) requests.add(p.name.text);
    else if (type !== undefined && o.sessionTypes.includes(type)) bound.add(p.name.text);
  });
  const scope = { requests, bound };
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const init = unwrap(n.initializer);
      if (ts.isIdentifier(n.name) && requestSession(ctx, init, scope)) bound.add(n.name.text);
      else if (ts.isObjectBindingPattern(n.name) && ts.isIdentifier(init) && requests.has(init.text)) {
        for (const el of n.name.elements) {
          const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
          if (key !== undefined && o.requestProperties.includes(key) && ts.isIdentifier(el.name)) bound.add(el.name.text);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  if (handler.body) visit(handler.body);
  return scope;
}

/** `req.db`, `ctx.state.em`, `c.get('db')`, or a name bound to one: the request's session expression. */
function requestSession(ctx: Ctx, expr: ts.Expression, scope: RequestScope): boolean {
  let e = unwrap(expr);
  while (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isIdentifier(e)) return scope.bound.has(e.text);
  let last: string | undefined;
  if (ts.isPropertyAccessExpression(e)) last = e.name.text;
  else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get' && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
    last = e.arguments[0].text;
    e = e.expression;
  } else return false;
  if (!ctx.options.requestProperties.includes(last)) return false;
  let root: ts.Expression = e;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = unwrap(root.expression);
  return ts.isIdentifier(root) && scope.requests.has(root.text);
}

/** The first request-session expression in a node (not a nested one of a matched expression). */
function capturedSession(ctx: Ctx, node: ts.Node, scope: RequestScope): ts.Expression | undefined {
  return findNode(node, (n): n is ts.Expression => ts.isExpression(n) && !(ts.isIdentifier(n) && isNameOnly(n)) && requestSession(ctx, n, scope));
}

/** An identifier that names a property or key, not a value. */
function isNameOnly(id: ts.Identifier): boolean {
  const p = id.parent;
  return (ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id) || ts.isParameter(p) || ts.isVariableDeclaration(p) || ts.isBindingElement(p);
}

function checkDeferredCaptures(ctx: Ctx): void {
  const seen = new Set<ts.Node>();
  const vocab = deferVocabulary(pickDefer(ctx.options), ctx.project.subjects.taskFunction.backgroundAdders);
  for (const route of routeHandlersDeclaredIn(ctx.project, ctx.file)) {
    const handler = route.handler;
    if (!handler || seen.has(handler)) continue;
    seen.add(handler);
    const scope = requestScopeOf(ctx, handler, route.registration === handler);
    if (scope.requests.size === 0 && scope.bound.size === 0) continue;
    for (const work of deferredWorkIn(ctx.project, ctx.file, handler, vocab)) {
      for (const cb of work.callbacks) {
        if (!cb.inline) continue;
        const captured = capturedSession(ctx, cb.fn, scope);
        if (captured) ctx.report(cb.fn, 'capturedSession', { session: captured.getText(ctx.file.sourceFile) });
      }
      for (const arg of work.args) {
        const captured = capturedSession(ctx, arg, scope);
        if (captured) ctx.report(arg, 'capturedSession', { session: captured.getText(ctx.file.sourceFile) });
      }
    }
  }
}

function pickDefer(o: Options): DeferVocabulary {
  return { deferrers: o.deferrers, eventMethods: o.eventMethods, events: o.events, observedCalls: o.observedCalls, typeAware: o.typeAware };
}

// ---- (3) a task gets its session from a factory, inside itself, and releases it -----------------

function checkOwnSession(ctx: Ctx, task: TaskFunction): void {
  const o = ctx.options;
  if (ts.isMethodDeclaration(task.fn) && decoratorNames(task.fn).some((d) => o.contextDecorators.includes(d))) return;
  const scope = taskScopeOf(ctx.project, ctx.file, task.fn, o.helperDepth);
  const judged = new Set<string>();
  for (const sf of scope) {
    const visit = (n: ts.Node): void => {
      // `this.em.fork()`, `this.dataSource.createQueryRunner()`: opening a session is not working through one.
      if (ts.isCallExpression(n) && !sessionFactoryOf(ctx.project, ctx.file, n, o)) {
        const receiver = chainReceiver(n);
        const root = receiver ? sessionRoot(receiver) : undefined;
        if (root) reportSession(ctx, task, sf.fn, root, judged);
      }
      ts.forEachChild(n, visit);
    };
    if (sf.fn.body) visit(sf.fn.body);
  }
}

/**
 * What judging one session root of a task decided. `unknown`: not (yet) known to be a session, so a
 * later use of the same text is judged again; every other verdict settles that text for the task.
 */
type SessionVerdict =
  | { kind: 'unknown' }
  | { kind: 'own' }
  | { kind: 'notOwn'; why: NotOwnReason }
  | { kind: 'notReleased'; name: string; call: string; release: string };

/** Judges each session root of a task once, and reports what the verdict says. */
function reportSession(ctx: Ctx, task: TaskFunction, fn: ts.FunctionLikeDeclaration, root: ts.Expression, judged: Set<string>): void {
  const session = sessionText(root, ctx.file.sourceFile);
  if (judged.has(session)) return;
  const verdict = judgeSession(ctx, fn, root);
  if (verdict.kind === 'unknown') return;
  judged.add(session);
  if (verdict.kind === 'notOwn') ctx.report(task.nameNode, 'notOwnSession', { task: task.name, session, why: verdict.why });
  else if (verdict.kind === 'notReleased') {
    const { name, call, release } = verdict;
    ctx.report(task.nameNode, 'notReleased', { task: task.name, name, call }, {
      help: `Call ${name}.${release}() in a finally block, or declare it with \`await using\`.`,
    });
  }
}

/** Where the session `root` (used in `fn`, a function of the task's scope) comes from, and whether that is the task's own. */
function judgeSession(ctx: Ctx, fn: ts.FunctionLikeDeclaration, root: ts.Expression): SessionVerdict {
  const o = ctx.options;
  const binding = bindingOf(ctx.project, ctx.file, root, fn);
  const name = ts.isIdentifier(root) ? root.text : ts.isPropertyAccessExpression(root) ? root.name.text : '';
  const named = o.sessionNames.includes(name);
  const unknown = { kind: 'unknown' } as const;
  const notOwn = (why: NotOwnReason) => ({ kind: 'notOwn', why }) as const;
  switch (binding.kind) {
    case 'parameter':
      // The task's own parameter is (1); a helper's comes from the task; a factory callback's is its own.
      return { kind: 'own' };
    case 'member':
      return named || memberTypedAsSession(fn, binding.name, o) ? notOwn('classMember') : unknown;
    case 'variable': {
      const decl = binding.node;
      const typed = o.sessionTypes.includes(typeName(decl.type) ?? '');
      if (!binding.local) {
        // Module-level or imported: one session shared by every run, whatever opened it.
        return named || typed || sessionFactoryOf(ctx.project, ctx.file, decl.initializer, o) ? notOwn('sharedDeclaration') : unknown;
      }
      const factory = sessionFactoryOf(ctx.project, ctx.file, decl.initializer, o);
      if (factory) {
        if (factory.release.length === 0 || released(ctx, decl, name, factory.release)) return { kind: 'own' };
        return { kind: 'notReleased', name, call: `${factory.call.expression.getText(ctx.file.sourceFile)}()`, release: factory.release[0]! };
      }
      if (!named && !typed) return unknown;
      if (isSessionSource(decl.initializer, o, ctx.file.sourceFile)) return { kind: 'own' };
      const init = decl.initializer ? unwrap(decl.initializer) : undefined;
      // `const em = this.em` / `= req.em`: a session the task did not open. A call is taken as opening one.
      return init && !ts.isCallExpression(init) && !ts.isAwaitExpression(init) ? notOwn('notOpened') : { kind: 'own' };
    }
    case 'external':
      return named ? notOwn('sharedExternal') : unknown;
    default:
      return unknown;
  }
}

function memberTypedAsSession(fn: ts.Node, member: string, o: Options): boolean {
  let cls: ts.Node | undefined = fn.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return false;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name.getText() === member) return o.sessionTypes.includes(typeName(m.type) ?? '');
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.isIdentifier(p.name) && p.name.text === member) return o.sessionTypes.includes(typeName(p.type) ?? '');
    }
  }
  return false;
}

/** `await using qr = …`, or `qr.release()` in a finally block of the function that opened it. */
function released(ctx: Ctx, decl: ts.VariableDeclaration, name: string, methods: readonly string[]): boolean {
  if (decl.parent.flags & ts.NodeFlags.Using) return true;
  let owner: ts.Node | undefined = decl.parent;
  while (owner && !ts.isFunctionLike(owner) && !ts.isSourceFile(owner)) owner = owner.parent;
  if (!owner) return false;
  return someNode(owner, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !methods.includes(n.expression.name.text)) return false;
    const receiver = unwrap(n.expression.expression);
    return ts.isIdentifier(receiver) && receiver.text === name && localRegion(n, owner!).kind === 'finally';
  });
}

/**
 * BG-033: tasks use their own database session. (1) A task entry point takes no session or request
 * parameter; (2) work a route handler defers does not capture the request's session; (3) a task that
 * works through a session gets it inside itself from a session factory and releases what must be
 * released. Applies to every entry point, job record or not.
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'task-session',
    messages,
    description: 'Tasks open their own database session: no session parameter, no captured request session, released in finally.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requestProperties: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['db', 'em', 'manager', 'trx', 'tx', 'queryRunner', 'dbSession', 'knex'], description: "Properties of a request that hold its session (`req.db`, `req.em`, `c.get('db')`)." },
        requestDecorators: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['Req', 'Request'], description: 'Parameter decorators that inject the request into a NestJS handler.' },
        contextDecorators: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['CreateRequestContext', 'UseRequestContext', 'EnsureRequestContext', 'Transactional'], description: 'Method decorators that give a task its own session context.' },
        helperDepth: { type: 'integer', minimum: 0, maximum: 5, default: 2, description: 'Levels of same-file calls whose session use counts as the task\'s.' },
        ...sessionSchema,
        ...deferSchema,
      },
    },
    needsTypes: (o) => o.typeAware,
  },
  check(ctx) {
    for (const task of taskFunctionsOf(ctx.project, ctx.file)) {
      checkParameters(ctx, task);
      checkOwnSession(ctx, task);
    }
    checkDeferredCaptures(ctx);
  },
});

/** Text prefilter (engine/prefilter.ts): tasks, and the deferred work of route handlers declared in the file. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => unionNeedles(taskNeedles(subjects), routeHandlerNeedles(subjects));
