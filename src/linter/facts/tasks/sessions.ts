import { ts } from 'ts-morph';
import { calleeOf } from '../syntax/callee.js';
import { matchesCallPattern } from '../syntax/call-patterns.js';
import type { FileFacts } from '../project/file-facts.js';
import { unwrap } from '../syntax/fold.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { resolveIdentifier } from '../syntax/symbols.js';
import { mentionsIdentifier, someNode } from '../syntax/ast-utils.js';

/**
 * Database sessions and transactions as BG-033 and BG-034 see them (rules.md): what names, types
 * and factories mean "a session", where a session a task uses comes from, and whether it must be
 * released. Every list is a rule option (see task-session.ts, failure-session.ts).
 */
export interface SessionVocabulary {
  /** Parameter and variable names that hold a session: `session`, `em`, `manager`, `trx`, `tx`, `queryRunner`. */
  sessionNames: string[];
  /** Type names of sessions: `EntityManager`, `QueryRunner`, `Transaction`, `ClientSession`, … (last segment: `Knex.Transaction`). */
  sessionTypes: string[];
  /** Type names of requests: `Request`, `FastifyRequest`. */
  requestTypes: string[];
  /** Session factories (call patterns, call-patterns.ts) → the methods that release what they open ([] = nothing to release). */
  sessionFactories: Record<string, string[]>;
  /** Property reads that hand a task its own session: the runtime's `ctx.session`. */
  sessionSources: string[];
}

export interface Factory {
  pattern: string;
  call: ts.CallExpression;
  release: readonly string[];
}

/** `await db.transaction()`, `SessionLocal()`, `dataSource.createQueryRunner()`: the factory a call is. */
export function sessionFactoryOf(project: ProjectFacts, file: FileFacts, expr: ts.Expression | undefined, vocab: SessionVocabulary): Factory | undefined {
  if (!expr) return undefined;
  let e = unwrap(expr);
  while (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = calleeOf(project, file, e);
  if (!callee) return undefined;
  for (const [pattern, release] of Object.entries(vocab.sessionFactories)) {
    if (matchesCallPattern(callee, pattern)) return { pattern, call: e, release };
  }
  return undefined;
}

/** `ctx.session`: a property read listed in sessionSources. */
export function isSessionSource(expr: ts.Expression | undefined, vocab: SessionVocabulary, sourceFile: ts.SourceFile): boolean {
  if (!expr) return false;
  let e = unwrap(expr);
  while (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isCallExpression(e) && e.arguments.length === 0) e = unwrap(e.expression); // ctx.session()
  if (!ts.isPropertyAccessExpression(e)) return false;
  const text = e.getText(sourceFile).replace(/^this\./, '');
  return vocab.sessionSources.some((s) => text === s || text.endsWith('.' + s));
}

/** The last name of a type reference: `Knex.Transaction` → `Transaction`; undefined for other types. */
export function typeName(type: ts.TypeNode | undefined): string | undefined {
  if (!type) return undefined;
  if (ts.isTypeReferenceNode(type)) return ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  return undefined;
}

/** What a task parameter is: a session or a request (by name or type), or neither. */
export function sessionParameterKind(param: ts.ParameterDeclaration, vocab: SessionVocabulary): 'session' | 'request' | undefined {
  const t = typeName(param.type);
  if (t !== undefined && vocab.requestTypes.includes(t)) return 'request';
  if (t !== undefined && vocab.sessionTypes.includes(t)) return 'session';
  // A keyword-typed parameter (`session: string`) is data, whatever its name.
  if (param.type && !ts.isTypeReferenceNode(param.type)) return undefined;
  if (ts.isIdentifier(param.name) && vocab.sessionNames.includes(param.name.text)) return 'session';
  return undefined;
}

/** Where a name used in a function is bound. */
export type Binding =
  | { kind: 'parameter'; node: ts.ParameterDeclaration; fn: ts.SignatureDeclaration }
  | { kind: 'variable'; node: ts.VariableDeclaration; local: boolean }
  | { kind: 'member'; name: string }
  /** Imported from a package. */
  | { kind: 'external' }
  | { kind: 'other' };

/** The binding of an identifier (or `this.x`) as seen from where it is used; `local` when inside `within`. */
export function bindingOf(project: ProjectFacts, file: FileFacts, expr: ts.Expression, within: ts.Node): Binding {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return { kind: 'member', name: e.name.text };
  if (!ts.isIdentifier(e)) return { kind: 'other' };
  for (let n: ts.Node | undefined = e.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      const param = n.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === e.text);
      if (param) return { kind: 'parameter', node: param, fn: n };
    }
  }
  const resolved = resolveIdentifier(project, file, e);
  if (resolved?.kind === 'declaration' && ts.isVariableDeclaration(resolved.node)) {
    const local = resolved.file === file && resolved.node.pos >= within.pos && resolved.node.end <= within.end;
    return { kind: 'variable', node: resolved.node, local };
  }
  return resolved?.kind === 'external' ? { kind: 'external' } : { kind: 'other' };
}

/** The thing a write goes through: `trx` for `trx.update(…)`, `qr` for `qr.manager.update(…)`, `this.em`. */
export function sessionRoot(expr: ts.Expression): ts.Expression | undefined {
  let e = unwrap(expr);
  for (;;) {
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    else if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const owner = unwrap(e.expression);
      if (owner.kind === ts.SyntaxKind.ThisKeyword) return e;
      e = owner;
    } else if (ts.isCallExpression(e)) e = unwrap(e.expression);
    else break;
  }
  return ts.isIdentifier(e) ? e : undefined;
}

export function sessionText(root: ts.Expression, sourceFile: ts.SourceFile): string {
  return unwrap(root).getText(sourceFile);
}

/** Is `fn` a callback handed to a session factory: `dataSource.transaction(async (manager) => …)`? */
export function factoryOfCallback(project: ProjectFacts, file: FileFacts, fn: ts.Node, vocab: SessionVocabulary): Factory | undefined {
  let arg: ts.Node = fn;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(arg as ts.Expression)) return undefined;
  return sessionFactoryOf(project, file, call, vocab);
}

export type SessionWord = 'transaction' | 'session';

/**
 * Is the thing a write goes through a session or transaction (BG-034), and which word names it?
 * A session is: a variable bound to a session factory's result, a parameter of a factory's callback
 * (`prisma.$transaction(async (tx) => …)`), or anything named or typed like one (sessionNames,
 * sessionTypes). A global client (`prisma`, `db`, a repository, a model's statics) is not: each of
 * its statements commits on its own.
 */
export function sessionWordOf(project: ProjectFacts, file: FileFacts, root: ts.Expression, within: ts.Node, vocab: SessionVocabulary): SessionWord | undefined {
  const binding = bindingOf(project, file, root, within);
  const name = ts.isIdentifier(root) ? root.text : ts.isPropertyAccessExpression(root) ? root.name.text : '';
  const byName = (): SessionWord => (/^(t|tx|trx|transaction)$/i.test(name) || /transaction/i.test(name) ? 'transaction' : 'session');
  const byFactory = (f: Factory): SessionWord => (/transaction/i.test(f.pattern) || /transaction/i.test(f.call.expression.getText(file.sourceFile)) ? 'transaction' : byName());
  const byType = (t: string | undefined): SessionWord | undefined =>
    t !== undefined && vocab.sessionTypes.includes(t) ? (/transaction/i.test(t) ? 'transaction' : byName()) : undefined;
  switch (binding.kind) {
    case 'parameter': {
      const f = factoryOfCallback(project, file, binding.fn, vocab);
      if (f) return byFactory(f);
      return byType(typeName(binding.node.type)) ?? (vocab.sessionNames.includes(name) ? byName() : undefined);
    }
    case 'variable': {
      const f = sessionFactoryOf(project, file, binding.node.initializer, vocab);
      if (f) return byFactory(f);
      if (isSessionSource(binding.node.initializer, vocab, file.sourceFile)) return byName();
      return byType(typeName(binding.node.type)) ?? (vocab.sessionNames.includes(name) ? byName() : undefined);
    }
    default:
      return vocab.sessionNames.includes(name) ? byName() : undefined;
  }
}

/** Does `node` use the session `text` (`trx`, `this.em`)? By name: property names and object keys are not uses. */
export function mentions(node: ts.Node, text: string): boolean {
  const isMember = text.startsWith('this.');
  const name = isMember ? text.slice(5) : text;
  if (!isMember) return mentionsIdentifier(node, [name]);
  return someNode(node, (n) => ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === name);
}
