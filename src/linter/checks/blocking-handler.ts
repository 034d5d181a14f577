import { ts } from 'ts-morph';
import { defineCheck, type CheckContext } from './check.js';
import { calleeOf, type Callee } from '../facts/syntax/callee.js';
import { matchesAnyCallPattern } from '../facts/syntax/call-patterns.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import { unwrap } from '../facts/syntax/fold.js';
import { someNode } from '../facts/syntax/ast-utils.js';
import { walkScope } from '../facts/syntax/handler-scope.js';
import { routeLabel } from './route-labels.js';
import { routeHandlersDeclaredIn } from '../facts/http/routes.js';
import type { RouteHandler } from '../facts/http/route-handler.js';
import { resolveIdentifier } from '../facts/syntax/symbols.js';
import type { Needles } from '../engine/prefilter-needles.js';

interface Options {
  /** Calls that block the event loop: `child_process.execSync`, `Atomics.wait`. */
  blockingCalls: string[];
  /** Functions that sleep when awaited; a function whose body returns one of these (or a `new Promise` around `setTimeout`) sleeps too. */
  sleepFunctions: string[];
  /** Calls that wait for a queued job's result. */
  waitCalls: string[];
  /** Name prefixes of long-running work (`importCsv`, `runScanAll`, `execute_import`); the bare prefix is not. */
  longRunningPrefixes: string[];
  /** Calls whose function arguments are deferred work (not walked). */
  dispatchers: string[];
}

type Ctx = CheckContext<Options, typeof messages>;

/** Where a finding is: the handler of `route`, or `via`, a function it calls. */
interface Place {
  route: string;
  via?: string;
}
const where = (d: Place) => (d.via !== undefined ? `in "${d.via}", called by the handler of ${d.route}` : `in the handler of ${d.route}`);
/** Findings, by message id; `call` is the call as written (with what it resolves to, when that differs). */
const messages = {
  sleep: (d: Place & { awaited: string }) => `await ${d.awaited} holds the request open ${where(d)}`,
  blockingCall: (d: Place & { call: string }) => `${d.call} blocks the event loop ${where(d)}`,
  waitCall: (d: Place & { call: string }) => `${d.call} waits for a queued job's result ${where(d)}`,
  longRunning: (d: Place & { how: 'await' | 'return'; callee: string }) =>
    `${d.how === 'await' ? 'awaiting' : 'returning'} ${d.callee}() runs long-running work instead of dispatching it ${where(d)}`,
};
const MAX_TEXT = 40;
const MAX_WRAPPER_DEPTH = 3;

function shortText(node: ts.Node, file: FileFacts): string {
  const text = node.getText(file.sourceFile).replace(/\s+/g, ' ');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** `sh()` or `sh() (child_process.execSync)` when it was renamed on import. */
function calledAs(callee: Callee): string {
  const written = `${callee.text}()`;
  if (callee.text === callee.name || callee.text.endsWith(`.${callee.name}`)) return written;
  return `${written} (${callee.module ? `${callee.module}.` : ''}${callee.name})`;
}

/** `new Promise(r => setTimeout(r, ms))`: a promise whose executor calls `setTimeout`. */
function isPromiseAroundTimer(e: ts.Expression): boolean {
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'Promise') return false;
  const executor = e.arguments?.[0];
  if (!executor) return false;
  return someNode(executor, (n) => {
    if (!ts.isCallExpression(n)) return false;
    const c = unwrap(n.expression);
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : undefined;
    return name === 'setTimeout';
  });
}

/** Does awaiting `expr` sleep? A sleep call, a promise around `setTimeout`, or a function that returns one. */
function isSleep(ctx: Ctx, file: FileFacts, expr: ts.Expression, depth = 0): boolean {
  const e = unwrap(expr);
  if (isPromiseAroundTimer(e)) return true;
  if (!ts.isCallExpression(e)) return false;
  const callee = calleeOf(ctx.project, file, e);
  if (callee && matchesAnyCallPattern(callee, ctx.options.sleepFunctions)) return true;
  return depth < MAX_WRAPPER_DEPTH && wrapsSleep(ctx, file, e, depth + 1);
}

/** Is `name` bound by an import of this file? (Checked on the syntax, without loading the module.) */
function isImported(file: FileFacts, name: string): boolean {
  return file.index.imports.some((d) => {
    const clause = d.importClause;
    if (!clause) return false;
    if (clause.name?.text === name) return true;
    const b = clause.namedBindings;
    if (!b) return false;
    return ts.isNamespaceImport(b) ? b.name.text === name : b.elements.some((el) => el.name.text === name);
  });
}

/**
 * `const wait = (ms) => new Promise(r => setTimeout(r, ms))`: a local helper that returns a sleep.
 * Only helpers of the same file (rules.md: "a local helper"), so judging an `await` never parses
 * another module.
 */
function wrapsSleep(ctx: Ctx, file: FileFacts, call: ts.CallExpression, depth: number): boolean {
  const e = unwrap(call.expression);
  if (!ts.isIdentifier(e) || isImported(file, e.text)) return false;
  const resolved = resolveIdentifier(ctx.project, file, e);
  if (resolved?.kind !== 'declaration' || resolved.file !== file) return false;
  let fn: ts.Node | undefined = resolved.node;
  if (ts.isVariableDeclaration(fn)) fn = fn.initializer && unwrap(fn.initializer);
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.body) return false;
  if (!ts.isBlock(fn.body)) return isSleep(ctx, resolved.file, fn.body, depth);
  return fn.body.statements.some((s) => {
    if (ts.isReturnStatement(s) && s.expression) return isSleep(ctx, resolved.file, s.expression, depth);
    // A helper that awaits a sleep among other work is walked itself and reported there, at the sleep.
    return false;
  });
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** The `await` or `return` (in the walked function itself, not a nested callback) whose value `call` is (through parentheses), if any. */
function awaitedOrReturned(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): 'await' | 'return' | undefined {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isAwaitExpression(p)) return 'await';
  if (ts.isReturnStatement(p)) return enclosingFunction(p) === fn ? 'return' : undefined;
  // `async () => importCsv(file)`: a concise body is returned — by the handler or a helper it calls.
  if (ts.isArrowFunction(p) && p.body === n && p === fn) return 'return';
  return undefined;
}

function isLongRunningName(name: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => name.length > p.length && name.startsWith(p) && /[A-Z0-9_]/.test(name[p.length]!));
}

/** Anything in the file that would be reported if it ran in a handler: a superset of the findings. */
function mayBlock(ctx: Ctx): boolean {
  const file = ctx.file;
  if (!mentionsBlockingNames(ctx)) return false;
  for (const call of file.index.calls) {
    const callee = calleeOf(ctx.project, file, call);
    if (callee && (matchesAnyCallPattern(callee, ctx.options.blockingCalls) || matchesAnyCallPattern(callee, ctx.options.waitCalls) ||
        isLongRunningName(callee.name, ctx.options.longRunningPrefixes))) return true;
    if (isAwaited(call) && isSleep(ctx, file, call)) return true;
  }
  return file.index.news.some((n) => isAwaited(n) && isPromiseAroundTimer(n));
}

const namePatterns = new Map<string, RegExp | undefined>();

/**
 * A text prefilter: the names a finding needs (`execSync`, `sleep`, `setTimeout`, `importCsv(`, …)
 * appear in the file. Aliases are caught by their import's text.
 * Undefined (no prefilter) when a pattern has a `*`.
 */
function mentionsBlockingNames(ctx: Ctx): boolean {
  const re = blockingNamesPattern(ctx.options);
  // The raw text: a superset (a name in a comment only costs the precise pass), and no blanking pass.
  return re === undefined || re.test(ctx.file.text);
}

/** The gate's regex, built once per option set; undefined when a pattern has a `*`. */
function blockingNamesPattern(o: Options): RegExp | undefined {
  const key = JSON.stringify([o.blockingCalls, o.waitCalls, o.sleepFunctions, o.longRunningPrefixes]);
  if (!namePatterns.has(key)) {
    const patterns = [...o.blockingCalls, ...o.waitCalls, ...o.sleepFunctions];
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const names = [...patterns.map((p) => p.slice(p.lastIndexOf('.') + 1)), 'setTimeout'].map(escape);
    const prefixes = o.longRunningPrefixes.map(escape);
    namePatterns.set(
      key,
      patterns.some((p) => p.includes('*')) ? undefined : new RegExp(`\\b(?:${names.join('|')})\\b|\\b(?:${prefixes.join('|')})[A-Z0-9_]\\w*\\s*\\(`),
    );
  }
  return namePatterns.get(key);
}

function isAwaited(node: ts.Node): boolean {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return ts.isAwaitExpression(n.parent);
}

function checkRoute(ctx: Ctx, route: RouteHandler, reported: Set<ts.Node>): void {
  const handler = route.handler!;
  const file = ctx.file;
  const label = routeLabel(route);
  const report = <K extends keyof typeof messages>(node: ts.Node, id: K, data: Omit<Parameters<(typeof messages)[K]>[0], keyof Place>, via: string | undefined) => {
    if (reported.has(node)) return;
    reported.add(node);
    ctx.report(node, id, { ...data, route: label, ...(via ? { via } : {}) } as Parameters<(typeof messages)[K]>[0]);
  };
  walkScope(ctx.project, file, handler, ctx.options.dispatchers, (node, via, fn) => {
    if (ts.isAwaitExpression(node)) {
      if (isSleep(ctx, file, node.expression)) report(node, 'sleep', { awaited: shortText(unwrap(node.expression), file) }, via);
      return;
    }
    if (!ts.isCallExpression(node)) return;
    const callee = calleeOf(ctx.project, file, node);
    if (!callee) return;
    if (matchesAnyCallPattern(callee, ctx.options.blockingCalls)) {
      report(node, 'blockingCall', { call: calledAs(callee) }, via);
    } else if (matchesAnyCallPattern(callee, ctx.options.waitCalls)) {
      report(node, 'waitCall', { call: calledAs(callee) }, via);
    } else if (isLongRunningName(callee.name, ctx.options.longRunningPrefixes)) {
      const how = awaitedOrReturned(node, fn);
      if (how) {
        report(node, 'longRunning', { how, callee: callee.text }, via);
      }
    }
  });
}

/** BG-021: no blocking work in route handlers or the same-file functions they call. */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'blocking-handler',
    messages,
    description: 'Route handlers (and the same-file functions they call) do not block: no sync child processes, sleeps, waits on job results, or long-running work done inline.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        blockingCalls: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['child_process.execSync', 'child_process.execFileSync', 'child_process.spawnSync', 'Atomics.wait'], description: 'Calls that block the event loop (`module.name`, `name`, or `*` patterns).' },
        sleepFunctions: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['sleep', 'delay', 'timers/promises.setTimeout'], description: 'Functions that sleep when awaited.' },
        waitCalls: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['waitUntilFinished', 'scheduleAndWait'], description: "Calls that wait for a queued job's result." },
        longRunningPrefixes: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['import', 'export', 'runScan', 'execute'], description: 'Name prefixes of long-running work; the name must go on with another word.' },
        dispatchers: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['enqueue', '*queue.add', 'backgroundTasks.add', 'addTask', 'boss.send', 'setImmediate', 'setTimeout', 'process.nextTick', 'queueMicrotask'], description: 'Calls that defer the function they are given (its body is not the handler’s).' },
      },
    },
    needsTypes: false,
  },
  check(ctx) {
    // Most files hold nothing that could block: they never look for the routes that use them.
    if (!mayBlock(ctx)) return;
    const reported = new Set<ts.Node>();
    for (const route of routeHandlersDeclaredIn(ctx.project, ctx.file)) checkRoute(ctx, route, reported);
  },
});

/** Text prefilter (engine/prefilter.ts): the same names mayBlock's gate looks for; none without a fixed name (a `*` pattern). */
export const prefilter = (o: Options): Needles => {
  const gate = blockingNamesPattern(o);
  return gate === undefined ? 'always' : { words: [], patterns: [gate] };
};
