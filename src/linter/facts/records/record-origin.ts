import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import { propertyNameText, unwrap } from '../syntax/fold.js';
import { jobModelNamePattern, jobModelsOf } from './job-models.js';
import { normalizeFieldName } from '../project/names.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { isStatusTypeDeclaration, isStatusTypeName } from './status-types.js';
import { resolveIdentifier, resolveMember, type Resolved } from '../syntax/symbols.js';
import { classOfThis } from '../syntax/ast-utils.js';
import { bindingElementNamed } from '../syntax/declarations.js';
import { constructsLibClass } from '../syntax/lib-constructors.js';

/**
 * Is a value a job record? rules.md: "x must be a job record: its type is a job model or the standard
 * status type; where the type is unknown, only inside task files". Answered from syntax: declared
 * types (`job: ImportJob`, `Repository<ImportJob>`, `Promise<ImportJob | null>`), the producer of a
 * value (`await this.jobRepo.findOneBy(…)`, `db.select().from(importJobs)`, `prisma.importJob.findUnique`,
 * `new ImportJob()`, a local function's return type), class members (`this.job`). Only when syntax
 * cannot tell does the caller ask the type checker (see checkerOrigin).
 *
 * - `job`: a job record (or a repository / table / delegate of job models, for call receivers)
 * - `other`: known not to be one (`user: User`, `Repository<User>`, `string`)
 * - `unknown`: `any`, plain JS, no annotation, an external value
 */
export type Origin = 'job' | 'other' | 'unknown';

const MAX_DEPTH = 8;

/**
 * Packages whose `Job` type is a queue's job, not a job record: `job: Job` from BullMQ is a queue
 * entry. Types imported from other packages whose name looks like a job model (`ImportJob` from
 * `@prisma/client`, `JobRecord` from `bg-lint/runtime`) are taken as job records.
 */
const QUEUE_PACKAGES = /^(bullmq|bull|bee-queue|agenda|pg-boss|graphile-worker|@nestjs\/bull(mq)?|@temporalio\/.*|inngest|@trigger\.dev\/.*)$/;

function namePattern(project: ProjectFacts): RegExp {
  return project.memo('record-origin:name-pattern', () => jobModelNamePattern(project.subjects.jobModel));
}

/** True when a resolved declaration is a job model (class, interface, type, table) of its file. */
export function isJobModelDeclaration(project: ProjectFacts, resolved: Resolved | undefined): boolean {
  if (resolved?.kind !== 'declaration') return false;
  return jobModelsOf(project, resolved.file).some((m) => m.declaration === resolved.node);
}

function anyOf(origins: Origin[]): Origin {
  if (origins.includes('job')) return 'job';
  if (origins.length > 0 && origins.every((o) => o === 'other')) return 'other';
  return 'unknown';
}

function entityResolved(project: ProjectFacts, file: FileFacts, name: ts.EntityName): Resolved | undefined {
  if (ts.isIdentifier(name)) return resolveIdentifier(project, file, name);
  if (ts.isIdentifier(name.left)) return resolveMember(project, resolveIdentifier(project, file, name.left), name.right.text);
  return undefined;
}

function entityText(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : name.right.text;
}

/** Does an object-shaped declaration have a status member typed with a status type (the standard status type)? */
function hasStandardStatus(project: ProjectFacts, file: FileFacts, node: ts.Node): boolean {
  const members = ts.isInterfaceDeclaration(node) || ts.isClassLike(node)
    ? node.members
    : ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type) ? node.type.members : undefined;
  if (!members) return false;
  const statusKey = normalizeFieldName(project.subjects.jobModel.statusField);
  for (const m of members) {
    if (!(ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) || !m.type) continue;
    const name = propertyNameText(m.name);
    if (name === undefined || normalizeFieldName(name) !== statusKey) continue;
    if (!ts.isTypeReferenceNode(m.type)) return false;
    const resolved = entityResolved(project, file, m.type.typeName);
    if (resolved?.kind === 'declaration') return isStatusTypeDeclaration(project, resolved.node);
    return isStatusTypeName(project, entityText(m.type.typeName));
  }
  return false;
}

/** What a declared type says about the value: `ImportJob`, `ImportJob | null`, `Repository<ImportJob>`, `User`. */
export function typeOrigin(project: ProjectFacts, file: FileFacts, type: ts.TypeNode | undefined, depth = 0): Origin {
  if (!type || depth > MAX_DEPTH) return 'unknown';
  const SK = ts.SyntaxKind;
  switch (type.kind) {
    case SK.AnyKeyword:
    case SK.UnknownKeyword:
      return 'unknown';
    case SK.StringKeyword:
    case SK.NumberKeyword:
    case SK.BooleanKeyword:
    case SK.VoidKeyword:
    case SK.NeverKeyword:
    case SK.ObjectKeyword:
    case SK.TypeLiteral:
    case SK.FunctionType:
      return 'other';
  }
  if (ts.isParenthesizedTypeNode(type)) return typeOrigin(project, file, type.type, depth);
  if (ts.isArrayTypeNode(type)) return typeOrigin(project, file, type.elementType, depth + 1);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
    const parts = type.types.filter((t) => !(t.kind === SK.UndefinedKeyword || (ts.isLiteralTypeNode(t) && t.literal.kind === SK.NullKeyword)));
    return anyOf(parts.map((t) => typeOrigin(project, file, t, depth + 1)));
  }
  if (!ts.isTypeReferenceNode(type)) return 'unknown';
  // Repository<ImportJob>, Promise<ImportJob>, Partial<ImportJob>, HydratedDocument<ImportJob>, Model<ImportJobDocument>
  const args = (type.typeArguments ?? []).map((t) => typeOrigin(project, file, t, depth + 1));
  if (args.includes('job')) return 'job';
  const resolved = entityResolved(project, file, type.typeName);
  if (resolved?.kind === 'declaration') {
    if (isJobModelDeclaration(project, resolved)) return 'job';
    const node = resolved.node;
    if (ts.isTypeAliasDeclaration(node)) {
      const aliased = typeOrigin(project, resolved.file, node.type, depth + 1);
      if (aliased !== 'other') return aliased;
    }
    return hasStandardStatus(project, resolved.file, node) ? 'job' : 'other';
  }
  if (resolved?.kind === 'external') {
    if (QUEUE_PACKAGES.test(resolved.module)) return 'other';
    return namePattern(project).test(resolved.name) ? 'job' : args.length > 0 ? anyOf(args) : 'unknown';
  }
  // Global or undeclared names: Promise<T>, Array<T>, Partial<T> and friends say what T says.
  return args.length > 0 ? anyOf(args) : 'unknown';
}

/** The type an `as T` / `<T>x` cast names (outermost first), unless it says nothing (`as any`, `as unknown`, `as const`). */
function castTypeOf(expr: ts.Expression): ts.TypeNode | undefined {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (!ts.isAsExpression(e) && !ts.isTypeAssertionExpression(e)) return undefined;
  const t = e.type;
  const isConst = ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'const';
  if (t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.UnknownKeyword || isConst) return castTypeOf(e.expression);
  return t;
}

/** The parameter (or its binding element) that binds an identifier, walking up from its use. */
function parameterBinding(id: ts.Identifier): ts.ParameterDeclaration | ts.BindingElement | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    for (const p of n.parameters) {
      if (ts.isIdentifier(p.name) && p.name.text === id.text) return p;
      if (!ts.isIdentifier(p.name)) {
        const found = bindingElementNamed(p.name, id.text);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** `this.x`: the class's property or constructor parameter property `x`. */
function classMemberOrigin(project: ProjectFacts, file: FileFacts, cls: ts.ClassLikeDeclaration, name: string, depth: number): Origin {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name) {
      if (m.type) return typeOrigin(project, file, m.type, depth + 1);
      return m.initializer ? expressionOrigin(project, file, m.initializer, depth + 1) : 'unknown';
    }
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        if (ts.getModifiers(p)?.length && ts.isIdentifier(p.name) && p.name.text === name) return typeOrigin(project, file, p.type, depth + 1);
      }
    }
  }
  return 'unknown';
}

function declarationOrigin(project: ProjectFacts, resolved: Resolved | undefined, depth: number): Origin {
  if (resolved?.kind !== 'declaration') return 'unknown';
  const { file, node } = resolved;
  if (isJobModelDeclaration(project, resolved)) return 'job';
  if (ts.isVariableDeclaration(node)) {
    if (node.type) return typeOrigin(project, file, node.type, depth + 1);
    const loop = node.parent.parent;
    if (ts.isForOfStatement(loop)) return expressionOrigin(project, file, loop.expression, depth + 1);
    if (!node.initializer) return 'unknown';
    const init = unwrap(node.initializer);
    // Mongoose: `export const ImportJobModel = model('ImportJob', schema)`: a model named like a job model.
    if (ts.isCallExpression(init) && ts.isIdentifier(node.name) && /(^|\.)model$/.test(init.expression.getText(file.sourceFile)) &&
        namePattern(project).test(node.name.text)) {
      return 'job';
    }
    return expressionOrigin(project, file, node.initializer, depth + 1);
  }
  if (ts.isBindingElement(node) && ts.isArrayBindingPattern(node.parent)) {
    // const [job] = await db.select().from(importJobs)…
    const root = node.parent.parent;
    if (ts.isVariableDeclaration(root) && root.initializer) return expressionOrigin(project, file, root.initializer, depth + 1);
  }
  if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) return 'other';
  if ((ts.isFunctionDeclaration(node)) && node.type) return 'unknown';
  return 'unknown';
}

/** The return type a called function declares: `getJob(id)` where `function getJob(): Promise<ImportJob>`. */
function returnTypeOrigin(project: ProjectFacts, resolved: Resolved | undefined, depth: number): Origin {
  if (resolved?.kind !== 'declaration') return 'unknown';
  let fn: ts.Node = resolved.node;
  if (ts.isVariableDeclaration(fn) && fn.initializer) fn = unwrap(fn.initializer);
  if ((ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.type) {
    return typeOrigin(project, resolved.file, fn.type, depth + 1);
  }
  return 'unknown';
}

/** A lower-camel member named like a job model: Prisma's `prisma.importJob`, `tx.scanRun`. */
function isDelegateName(project: ProjectFacts, name: string): boolean {
  if (!/^[a-z]/.test(name)) return false;
  const pascal = name[0]!.toUpperCase() + name.slice(1);
  return namePattern(project).test(pascal) && /[a-z][A-Z]/.test(name);
}

/** An argument naming a model: `getRepository(ImportJob)`, `.from(importJobs)`, `db.update(importJobs)`, `em.findOne(ImportJob, …)`. */
function argumentOrigin(project: ProjectFacts, file: FileFacts, arg: ts.Expression): Origin {
  const a = unwrap(arg);
  if (!ts.isIdentifier(a)) return 'unknown';
  const resolved = resolveIdentifier(project, file, a);
  if (resolved?.kind !== 'declaration') return 'unknown';
  if (isJobModelDeclaration(project, resolved)) return 'job';
  const node = resolved.node;
  if (ts.isClassDeclaration(node)) return 'other';
  if (ts.isVariableDeclaration(node) && node.initializer && ts.isCallExpression(unwrap(node.initializer))) {
    const callee = (unwrap(node.initializer) as ts.CallExpression).expression;
    const name = ts.isIdentifier(callee) ? callee.text : '';
    if (project.subjects.jobModel.tableFactories.includes(name)) return 'other';
  }
  return 'unknown';
}

/**
 * What a call's chain says about its result or its target: a repository, table, delegate or model
 * class of a job model anywhere in `recv.method(args)` chains.
 */
export function callChainOrigin(project: ProjectFacts, file: FileFacts, call: ts.CallExpression, depth = 0): Origin {
  if (depth > MAX_DEPTH) return 'unknown';
  const origins: Origin[] = [];
  for (const t of call.typeArguments ?? []) origins.push(typeOrigin(project, file, t, depth + 1));
  for (const arg of call.arguments) origins.push(argumentOrigin(project, file, arg));
  if (origins.includes('job')) return 'job';
  if (origins.includes('other')) return 'other';
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return returnTypeOrigin(project, resolveIdentifier(project, file, callee), depth);
  if (!ts.isPropertyAccessExpression(callee)) return 'unknown';
  return expressionOrigin(project, file, callee.expression, depth + 1);
}

/** Is this expression a job record (or a repository / table / delegate of job models)? Syntax only. */
export function expressionOrigin(project: ProjectFacts, file: FileFacts, expr: ts.Expression, depth = 0): Origin {
  if (depth > MAX_DEPTH) return 'unknown';
  // `(await res.json()) as ReceiverReply`: the cast is what the code says the value is.
  const cast = castTypeOf(expr);
  if (cast) {
    const said = typeOrigin(project, file, cast, depth + 1);
    if (said !== 'unknown') return said;
  }
  let e = unwrap(expr);
  while (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (e.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = classOfThis(e);
    if (!cls) return 'unknown';
    return jobModelsOf(project, file).some((m) => m.declaration === cls) ? 'job' : 'other';
  }
  if (ts.isIdentifier(e)) {
    const resolved = resolveIdentifier(project, file, e);
    if (resolved) return declarationOrigin(project, resolved, depth);
    const param = parameterBinding(e);
    if (param && ts.isParameter(param)) return typeOrigin(project, file, param.type, depth + 1);
    return 'unknown';
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const name = e.name.text;
    const owner = unwrap(e.expression);
    if (owner.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = classOfThis(owner);
      const member = cls ? classMemberOrigin(project, file, cls, name, depth) : 'unknown';
      if (member !== 'unknown') return member;
    }
    if (ts.isIdentifier(owner)) {
      const resolved = resolveIdentifier(project, file, owner);
      if (resolved?.kind === 'namespace') {
        const target = resolveMember(project, resolved, name);
        if (target?.kind === 'declaration') return declarationOrigin(project, target, depth);
      }
    }
    if (isDelegateName(project, name)) return 'job';
    return 'unknown';
  }
  if (ts.isCallExpression(e)) return callChainOrigin(project, file, e, depth + 1);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const resolved = resolveIdentifier(project, file, e.expression);
    if (isJobModelDeclaration(project, resolved)) return 'job';
    return resolved?.kind === 'declaration' && ts.isClassDeclaration(resolved.node) ? 'other' : 'unknown';
  }
  if (ts.isElementAccessExpression(e)) {
    // jobs[0]
    return expressionOrigin(project, file, e.expression, depth + 1);
  }
  if (ts.isObjectLiteralExpression(e) || ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return 'other';
  return 'unknown';
}

/**
 * The type checker's answer, for the few values syntax cannot tell (no annotation, a value from an
 * untyped helper, a callback's parameter): a job record when its type's symbol is a job model's
 * declaration; `other` for any other known type, the standard library's included (a
 * `PromiseSettledResult`'s `status` is not a job's). External imports are `any` to this checker,
 * so it only ever knows the project's own declarations and the lib: `unknown` then, and only then,
 * may a task file take the value for a job record.
 */
export function checkerOrigin(project: ProjectFacts, expr: ts.Expression): Origin {
  // `Object.assign(new Error("boom"), { code })`: the standard library's Error, as the checker would
  // say, without building it.
  if (constructsLibClass(expr.getSourceFile(), expr)) return 'other';
  const checker = project.typeChecker(expr.getSourceFile().fileName);
  let type: ts.Type;
  try {
    type = checker.getTypeAtLocation(expr);
  } catch {
    return 'unknown';
  }
  const parts = type.isUnion() ? type.types : [type];
  let sawOther = false;
  for (const t of parts) {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'unknown';
    if (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
    const symbol = t.aliasSymbol ?? t.getSymbol();
    for (const decl of symbol?.declarations ?? []) {
      const file = project.load(decl.getSourceFile().fileName);
      if (file && jobModelsOf(project, file).some((m) => m.declaration === decl)) return 'job';
    }
    sawOther = true;
  }
  return sawOther ? 'other' : 'unknown';
}
