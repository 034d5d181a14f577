import { ts } from 'ts-morph';
import { calleeOf } from '../syntax/callee.js';
import { matchesAnyCallPattern } from '../syntax/call-patterns.js';
import type { FileFacts } from '../project/file-facts.js';
import { foldConstant, propertyNameText, unwrap } from '../syntax/fold.js';
import { jobModelNamePattern } from '../records/job-models.js';
import { normalizeFieldName } from '../project/names.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { methodName, chainReceiver } from '../records/record-calls.js';
import { isJobModelDeclaration } from '../records/record-origin.js';
import { recordWritesOf } from '../records/record-writes.js';
import { sessionRoot } from './sessions.js';
import type { FieldWrite } from '../records/field-write.js';
import type { TaskFunction } from './task-function.js';
import { resolveIdentifier } from '../syntax/symbols.js';
import { findNode, mentionsIdentifier, someNode } from '../syntax/ast-utils.js';
import { taskFunctionsOf } from './task-functions.js';
import {
  anchorInTask, contains, isRejectionCallback, localRegion, regionInTask, taskScopeOf,
  type Handler, type Region, type ScopeFunction,
} from './task-scope.js';

/**
 * The flow summary of a task function (memoized per task and vocabulary): what BG-030..BG-036 judge.
 *
 * - `writes`: every write of a job record's field (record-writes.ts, `isWrite`) that the task runs,
 *   in the task's own body and in the same-file functions it calls (task-scope.ts, `helperDepth`
 *   levels of calls), each with its region (outside `catch`, inside a `catch` — also a `.catch(cb)` —
 *   or in `finally`), its order in the task (a helper's writes sit at the task's call of the helper),
 *   the session it goes through, and whether its value comes from the caught error.
 * - `handlers`: each `catch` (and `.catch(cb)`) the task runs: its caught variable, whether it is
 *   empty, only logs, logs an error, rethrows, and the writes it makes (its own and its helpers').
 * - `logs`: every logging call (error or info level, by the vocabulary's call patterns) with its region.
 * - `touchesJobRecord`: a job record's status is written or read, a field of a record typed as a job
 *   model is, or a job model is named (another key of an untyped object alone never counts).
 *
 * A value written in a helper through one of its parameters (`setStatus(id, 'running')` →
 * `repo.update(id, { status })`) is folded from the task's argument; likewise the session a helper
 * writes through when it is a parameter (`markFailed(trx, …)` goes through the task's `trx`).
 */
export interface FlowVocabulary {
  /** Call patterns of error-level logging: `*logger.error`, `console.error`, `ctx.logError`. */
  errorLoggers: string[];
  /** Call patterns of info-level logging: `*logger.info`, `console.log`, `ctx.logInfo`. */
  infoLoggers: string[];
  /** Methods that persist an entity changed in memory (`job.status = 'failed'; await em.flush()`). */
  persistMethods: string[];
  /** Levels of same-file calls whose writes count as the task's (0: the task's own body only). */
  helperDepth: number;
}

export type RegionKind = Region['kind'];

export interface FlowWrite {
  write: FieldWrite;
  /** Normalized field name (`status`, `startedat`). */
  field: string;
  /** The value folded (also through a helper's parameter); undefined when it cannot be known. */
  value: string | undefined;
  region: RegionKind;
  /** The catch it is in, when region is `catch`. */
  handler?: Handler;
  /** The node in the task's own code that runs it: the write's call or assignment, or the task's call of the helper. */
  anchor: ts.Node;
  /** Position of `anchor` in the task: source order. */
  order: number;
  /** The helper it is in, if any. */
  via?: string;
  /** What it goes through (`trx`, `this.em`, `qr`), mapped to the task's own expression through helper parameters. */
  session?: ts.Expression;
  /** Its value uses the caught error (the catch variable or a variable derived from it). */
  fromCaughtError: boolean;
}

export interface FlowLog {
  call: ts.CallExpression;
  level: 'error' | 'info';
  region: RegionKind;
  handler?: Handler;
  order: number;
  /** The string parts of its arguments, for telling a start message from a completion message. */
  text: string;
}

export interface FlowHandler {
  node: Handler;
  /** The `try` block (or the promise chain) whose failure it handles. */
  guarded: ts.Node | undefined;
  /** The caught error's name and the names of variables derived from it in the handler. */
  caughtNames: string[];
  empty: boolean;
  /** Its statements only log (and maybe return). */
  logOnly: boolean;
  /** An error-level log runs in it (also in a helper it calls). */
  logsError: boolean;
  rethrows: boolean;
  writes: FlowWrite[];
  /** In the task's own code (not in a helper). */
  own: boolean;
  /**
   * The first key this catch writes from the caught error that is not a lifecycle field
   * (`failureReason: err.message`, `job.errorMsg = String(e)`): what it keeps instead of error_message.
   */
  errorKey?: string;
}

export interface TaskFlow {
  task: TaskFunction;
  scope: ScopeFunction[];
  writes: FlowWrite[];
  handlers: FlowHandler[];
  logs: FlowLog[];
  touchesJobRecord: boolean;
  /**
   * The task spells record fields in camelCase (`startedAt`): its messages name the fields so.
   * Read from the lifecycle keys the task itself writes or reads; snake_case when it names none.
   */
  camelCase: boolean;
}

export function taskFlowOf(project: ProjectFacts, task: TaskFunction, vocab: FlowVocabulary): TaskFlow {
  const key = `task-flow:${task.fn.pos}:${JSON.stringify(vocab)}:${task.file.path}`;
  return project.memo(key, () => new FlowBuilder(project, task, vocab).build());
}

function namePattern(project: ProjectFacts): RegExp {
  return project.memo('task-flow:model-name', () => jobModelNamePattern(project.subjects.jobModel));
}

/** The string parts of a log call's arguments: `'Import %s started'`, `` `import ${id} done` ``. */
function logText(call: ts.CallExpression): string {
  const parts: string[] = [];
  for (const arg of call.arguments) {
    const e = unwrap(arg);
    if (ts.isStringLiteralLike(e)) parts.push(e.text);
    else if (ts.isTemplateExpression(e)) parts.push(e.head.text + e.templateSpans.map((s) => s.literal.text).join(''));
  }
  return parts.join(' ');
}

function handlerBody(h: Handler): ts.Node | undefined {
  return ts.isCatchClause(h) ? h.block : h.body;
}

function handlerStatements(h: Handler): readonly ts.Node[] {
  const body = handlerBody(h);
  if (!body) return [];
  return ts.isBlock(body) ? body.statements : [body];
}

function caughtVariable(h: Handler): string | undefined {
  const decl = ts.isCatchClause(h) ? h.variableDeclaration : h.parameters[0];
  return decl && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
}

/**
 * The caught error's name and the names of variables derived from it in the handler, in source
 * order: `const message = err instanceof Error ? err.message : String(err)` adds `message`, and a
 * variable derived from `message` after it is added too. Empty when the error is not named.
 */
function namesOfCaughtError(h: Handler): string[] {
  const variable = caughtVariable(h);
  if (!variable) return [];
  const names = [variable];
  const body = handlerBody(h);
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && mentionsIdentifier(n.initializer, names)) names.push(n.name.text);
    ts.forEachChild(n, visit);
  };
  if (body) visit(body);
  return names;
}

/** `catch (e) {}`, `.catch(() => {})`, `.catch(() => undefined)`, `.catch(() => null)`: a handler that does nothing (an arrow that only names a value counts). */
function isEmptyHandler(body: ts.Node | undefined, statements: readonly ts.Node[]): boolean {
  if (body !== undefined && ts.isBlock(body)) return body.statements.length === 0;
  return statements.every((s) => ts.isIdentifier(s) || s.kind === ts.SyntaxKind.NullKeyword);
}

/** `return`, `return null`, `return false`, `return 'skipped'`, `break`, `continue`, `;`: leaving without doing anything. */
function isQuietExit(s: ts.Node): boolean {
  if (ts.isBreakStatement(s) || ts.isContinueStatement(s) || ts.isEmptyStatement(s)) return true;
  if (!ts.isReturnStatement(s)) return false;
  const e = s.expression;
  return !e || ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.TrueKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}

/** What a handler guards: a catch clause's `try` block, or the promise `.catch(cb)` / `.then(ok, cb)` is called on. */
function guardedBy(h: Handler): ts.Node | undefined {
  if (ts.isCatchClause(h)) return h.parent.tryBlock;
  // A rejection callback (isRejectionCallback): the argument of a `promise.catch(…)` / `promise.then(…)` call.
  let arg: ts.Node = h;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent as ts.CallExpression;
  return (call.expression as ts.PropertyAccessExpression).expression;
}

/** Counts how a task spells the lifecycle keys it names (`started_at` vs `startedAt`) as property names. */
class FieldSpelling {
  private readonly fields: Set<string>;
  private camel = 0;
  private snake = 0;

  constructor(project: ProjectFacts) {
    this.fields = new Set((project.subjects.jobModel.recordFields ?? []).map(normalizeFieldName));
  }

  note(node: ts.Identifier | ts.StringLiteral): void {
    const p = node.parent;
    const isKey = (ts.isPropertyAssignment(p) && p.name === node) || ts.isShorthandPropertyAssignment(p) ||
      (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isElementAccessExpression(p) && p.argumentExpression === node);
    if (!isKey || !this.fields.has(normalizeFieldName(node.text))) return;
    if (node.text.includes('_')) this.snake++;
    else if (/[a-z][A-Z]/.test(node.text)) this.camel++;
  }

  camelCase(): boolean {
    return this.camel > this.snake;
  }
}

class FlowBuilder {
  private readonly file: FileFacts;
  private readonly scope: ScopeFunction[];
  private readonly handlers = new Map<Handler, FlowHandler>();
  private readonly statusField: string;

  constructor(
    private readonly project: ProjectFacts,
    private readonly task: TaskFunction,
    private readonly vocab: FlowVocabulary,
  ) {
    this.file = task.file;
    this.statusField = normalizeFieldName(project.subjects.jobModel.statusField);
    this.scope = taskScopeOf(project, task.file, task.fn, Math.max(0, vocab.helperDepth));
  }

  build(): TaskFlow {
    const logs: FlowLog[] = [];
    let namesModel = false;
    const spelling = new FieldSpelling(this.project);
    const modelPattern = namePattern(this.project);
    // One walk of each function in scope: handlers, logs, job model names.
    for (const sf of this.scope) {
      const visit = (node: ts.Node): void => {
        if (ts.isCatchClause(node) || isRejectionCallback(node)) this.handlerOf(node as Handler, sf);
        else if (ts.isCallExpression(node)) {
          const log = this.log(node, sf);
          if (log) logs.push(log);
        } else if (ts.isIdentifier(node) || ts.isStringLiteral(node)) {
          spelling.note(node);
          if (!namesModel && ts.isIdentifier(node) && modelPattern.test(node.text)) {
            namesModel = isJobModelDeclaration(this.project, resolveIdentifier(this.project, this.file, node));
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf.fn);
    }
    const { writes, touches } = this.writes();
    for (const w of writes) if (w.handler) this.handlers.get(w.handler)?.writes.push(w);
    for (const l of logs) {
      const h = l.handler ? this.handlers.get(l.handler) : undefined;
      if (h && l.level === 'error') h.logsError = true;
    }
    return {
      task: this.task,
      scope: this.scope,
      writes,
      handlers: [...this.handlers.values()].sort((a, b) => a.node.pos - b.node.pos),
      logs: logs.sort((a, b) => a.order - b.order),
      touchesJobRecord: touches || namesModel,
      camelCase: spelling.camelCase(),
    };
  }

  /** The summary of one rejection handler, built once (a handler met again returns the same object). */
  private handlerOf(h: Handler, sf: ScopeFunction): FlowHandler {
    const known = this.handlers.get(h);
    if (known) return known;
    const body = handlerBody(h);
    const statements = handlerStatements(h);
    const caughtNames = namesOfCaughtError(h);
    const empty = isEmptyHandler(body, statements);
    const errorKey = body ? this.errorKeyIn(body, caughtNames) : undefined;
    const flow: FlowHandler = {
      ...(errorKey !== undefined ? { errorKey } : {}),
      node: h,
      guarded: guardedBy(h),
      caughtNames,
      empty,
      logOnly: !empty && this.onlyLogs(statements),
      logsError: false,
      rethrows: body !== undefined && someNode(body, ts.isThrowStatement, { skipFunctions: true }),
      writes: [],
      own: sf.callSites.length === 0,
    };
    this.handlers.set(h, flow);
    return flow;
  }

  /** Some statements log, and every one logs or leaves quietly (`return`, `break`, `continue`). */
  private onlyLogs(statements: readonly ts.Node[]): boolean {
    const logs = (s: ts.Node): boolean => this.isLogStatement(s);
    return statements.some(logs) && statements.every((s) => logs(s) || isQuietExit(s));
  }

  /** `log.error(…)`, `await logger.warn(…)`, `void log(…)`: a statement that is one log call. */
  private isLogStatement(s: ts.Node): boolean {
    let e: ts.Node = ts.isExpressionStatement(s) ? s.expression : s;
    while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isVoidExpression(e)) e = e.expression;
    return ts.isCallExpression(e) && this.logLevel(e) !== undefined;
  }

  private errorKeyIn(body: ts.Node, caughtNames: readonly string[]): string | undefined {
    const tracked = new Set([this.statusField, ...(this.project.subjects.jobModel.recordFields ?? []).map(normalizeFieldName)]);
    let key: string | undefined;
    const consider = (name: string | undefined, value: ts.Node): void => {
      // `data: { … }`, `$set: { … }`: a container, its own keys are what is written.
      if (ts.isObjectLiteralExpression(unwrap(value as ts.Expression))) return;
      if (key === undefined && name !== undefined && !tracked.has(normalizeFieldName(name)) && mentionsIdentifier(value, caughtNames)) key = name;
    };
    const visit = (n: ts.Node): void => {
      if (key !== undefined || ts.isFunctionLike(n)) return;
      // What a log call or a throw says about the error is not kept on a record.
      if (ts.isCallExpression(n) && this.logLevel(n) !== undefined) return;
      if (ts.isThrowStatement(n)) return;
      if (ts.isPropertyAssignment(n)) consider(propertyNameText(n.name), n.initializer);
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) consider(n.left.name.text, n.right);
      ts.forEachChild(n, visit);
    };
    visit(body);
    return key;
  }

  private logLevel(call: ts.CallExpression): 'error' | 'info' | undefined {
    const name = methodName(call);
    if (name === undefined) return undefined;
    const callee = calleeOf(this.project, this.file, call);
    if (!callee) return undefined;
    if (matchesAnyCallPattern(callee, this.vocab.errorLoggers)) return 'error';
    if (matchesAnyCallPattern(callee, this.vocab.infoLoggers)) return 'info';
    return undefined;
  }

  private log(call: ts.CallExpression, sf: ScopeFunction): FlowLog | undefined {
    const level = this.logLevel(call);
    if (!level) return undefined;
    const region = regionInTask(call, sf);
    const anchor = anchorInTask(call, sf);
    return {
      call,
      level,
      region: region.kind,
      ...(region.kind === 'catch' ? { handler: region.handler } : {}),
      order: anchor.getStart(this.file.sourceFile),
      text: logText(call),
    };
  }

  private writes(): { writes: FlowWrite[]; touches: boolean } {
    const all = recordWritesOf(this.project, this.file);
    const writes: FlowWrite[] = [];
    let touches = false;
    for (const sf of this.scope) {
      for (const w of all) {
        if (!contains(sf.fn, w.valueNode)) continue;
        // rules.md: a status write or a record typed as a job model makes a job task; another key
        // of an untyped object alone (`createdAt` in export metadata) does not.
        if (w.field === this.statusField || w.typed) touches = true;
        if (!w.isWrite || (w.kind !== 'assign' && w.kind !== 'object')) continue;
        writes.push(this.flowWrite(w, sf));
      }
    }
    writes.sort(writesInOrder);
    return { writes, touches };
  }

  private flowWrite(w: FieldWrite, sf: ScopeFunction): FlowWrite {
    const at = w.call ?? writeStatementNode(w.valueNode);
    const region = regionInTask(at, sf);
    const anchor = anchorInTask(at, sf);
    const handler = region.kind === 'catch' ? region.handler : undefined;
    const flow: FlowWrite = {
      write: w,
      field: w.field,
      value: w.value ?? this.valueThroughParameters(w.valueNode, sf),
      region: region.kind,
      ...(handler ? { handler } : {}),
      anchor,
      order: anchor.getStart(this.file.sourceFile),
      ...(sf.via !== undefined ? { via: sf.via } : {}),
      fromCaughtError: false,
    };
    const session = this.sessionOf(w, sf);
    if (session) flow.session = session;
    if (handler) {
      const h = this.handlerOf(handler, this.scope[0]!);
      const names = h.caughtNames;
      const viaCall = region.kind === 'catch' ? region.viaCall : undefined;
      flow.fromCaughtError = mentionsIdentifier(w.valueNode, names) || (viaCall !== undefined && viaCall.arguments.some((a) => mentionsIdentifier(a, names)));
      if (!flow.fromCaughtError && sf.callSites.length > 0 && localRegion(at, sf.fn).kind === 'catch') {
        // A catch inside the helper itself: its own caught variable.
        const own = localRegion(at, sf.fn);
        if (own.kind === 'catch') flow.fromCaughtError = mentionsIdentifier(w.valueNode, this.handlerOf(own.handler, sf).caughtNames);
      }
    }
    return flow;
  }

  /** `repo.update(id, { status })` in `setStatus(id, status)` called as `setStatus(id, 'running')`. */
  private valueThroughParameters(value: ts.Node, sf: ScopeFunction): string | undefined {
    let node: ts.Node = value;
    for (let level = sf.callSites.length - 1; level >= 0; level--) {
      const fn = level === sf.callSites.length - 1 ? sf.fn : sf.callers[level + 1]!;
      const arg = this.argumentFor(node, fn, sf.callSites[level]!);
      if (!arg) return undefined;
      const folded = foldConstant(this.project, this.file, arg);
      if (typeof folded === 'string') return folded;
      node = arg;
    }
    return undefined;
  }

  /** The call-site argument a parameter of `fn` named by `node` receives. */
  private argumentFor(node: ts.Node, fn: ts.FunctionLikeDeclaration, call: ts.CallExpression): ts.Expression | undefined {
    const e = ts.isExpression(node) ? unwrap(node) : node;
    if (!ts.isIdentifier(e)) return undefined;
    const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === e.text);
    return index >= 0 ? call.arguments[index] : undefined;
  }

  /** What the write goes through: the root of its call's receiver, or for an in-memory change the next persisting call. */
  private sessionOf(w: FieldWrite, sf: ScopeFunction): ts.Expression | undefined {
    let through: ts.Expression | undefined;
    // Knex's `trx('table').where(…).update(…)` has no receiver: the callable the chain starts from.
    if (w.call) through = w.receiver ?? chainReceiver(w.call) ?? w.call;
    else if (w.target) through = this.persistingReceiver(w.valueNode, w.target);
    let root = through ? sessionRoot(through) : undefined;
    // Through a helper's parameter: the task's argument.
    for (let level = sf.callSites.length - 1; root && level >= 0; level--) {
      const fn = level === sf.callSites.length - 1 ? sf.fn : sf.callers[level + 1]!;
      if (!ts.isIdentifier(root) || !fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === (root as ts.Identifier).text)) break;
      const arg = this.argumentFor(root, fn, sf.callSites[level]!);
      root = arg ? sessionRoot(arg) : undefined;
    }
    return root;
  }

  /** `job.status = 'failed'; await em.flush()`: the receiver of the first persisting call after the change. */
  private persistingReceiver(value: ts.Node, target: ts.Expression): ts.Expression | undefined {
    let statement: ts.Node = value;
    while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) statement = statement.parent;
    const block = statement.parent;
    if (!block || !ts.isBlock(block)) return undefined;
    const targetRoot = sessionRoot(target);
    const after = block.statements.slice(block.statements.indexOf(statement as ts.Statement) + 1);
    for (const s of after) {
      const persist = findNode(s, (n): n is ts.CallExpression => ts.isCallExpression(n) && this.vocab.persistMethods.includes(methodName(n) ?? ''), { skipFunctions: true });
      if (!persist) continue;
      const receiver = chainReceiver(persist);
      // `job.save()`: an active record saves itself through the global connection.
      const savesItself = targetRoot && ts.isIdentifier(targetRoot) && receiver && sessionRoot(receiver)?.getText(this.file.sourceFile) === targetRoot.text;
      return receiver && !savesItself ? receiver : undefined;
    }
    return undefined;
  }
}

/** The assignment (or object) a value is written by: what a write's region is computed from. */
function writeStatementNode(value: ts.Node): ts.Node {
  let n: ts.Node = value;
  while (n.parent && !ts.isStatement(n.parent) && !ts.isBlock(n.parent)) {
    if (ts.isBinaryExpression(n.parent) && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return n.parent;
    n = n.parent;
  }
  return n;
}

/** The task functions of a file that touch a job record, with their flows: BG-030, 031, 032, 034, 036 judge these. */
export function jobTaskFlowsOf(project: ProjectFacts, file: FileFacts, vocab: FlowVocabulary): TaskFlow[] {
  return taskFunctionsOf(project, file)
    .map((task) => taskFlowOf(project, task, vocab))
    .filter((flow) => flow.touchesJobRecord);
}

/** Source order of two writes: by their place in the task, then inside a helper. */
export function writesInOrder(a: FlowWrite, b: FlowWrite): number {
  return a.order - b.order || a.write.valueNode.pos - b.write.valueNode.pos;
}
