import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import { propertyNameText, unwrap } from '../syntax/fold.js';
import { projectJobModels, type JobModel } from './job-models.js';
import { normalizeFieldName } from '../project/names.js';
import { matchesNameList } from '../project/wildcard.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { exportedName, resolveIdentifier, resolveMember, type Resolved } from '../syntax/symbols.js';

/**
 * Status types (rules.md "status write"): the enums, `as const` objects, const arrays (Drizzle
 * `pgEnum` values, `text(…, { enum })`) and string-literal type aliases that list a job's statuses.
 * A declaration is one when a job model's status field is typed or declared with it (anywhere in the
 * project), or when its name is in `subjects.statusType.names` (`JobStatus`, `*TaskStatus`, …).
 * Their members are judged once, where they are declared, not at every use.
 */
export type StatusTypeDeclaration = ts.EnumDeclaration | ts.VariableDeclaration | ts.TypeAliasDeclaration;

/** Is a name in `subjects.statusType.names` (exact names and `*` wildcards of the `name` kind)? */
export function isStatusTypeName(project: ProjectFacts, name: string): boolean {
  return matchesNameList(name, project.subjects.statusType.names);
}

function declaredName(node: ts.Node): string | undefined {
  if (ts.isEnumDeclaration(node) || ts.isTypeAliasDeclaration(node)) return node.name.text;
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) return node.name.text;
  return undefined;
}

/** `X` in `(typeof X)[keyof typeof X]` (the type of an `as const` object's values). */
function valuesOfTypeofTarget(type: ts.TypeNode): ts.EntityName | undefined {
  let t = type;
  while (ts.isParenthesizedTypeNode(t)) t = t.type;
  if (!ts.isIndexedAccessTypeNode(t)) return undefined;
  let obj = t.objectType;
  while (ts.isParenthesizedTypeNode(obj)) obj = obj.type;
  return ts.isTypeQueryNode(obj) ? obj.exprName : undefined;
}

function isConstVariable(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** The literal list a const variable holds: `{…} as const`, `Object.freeze({…})`, `[…] as const`, `pgEnum(name, […])`. */
export function statusListOf(decl: ts.VariableDeclaration): ts.ObjectLiteralExpression | ts.ArrayLiteralExpression | undefined {
  if (!decl.initializer || !isConstVariable(decl)) return undefined;
  let init = unwrap(decl.initializer);
  if (ts.isCallExpression(init)) {
    const callee = init.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    // Object.freeze({...}); Drizzle pgEnum('job_status', [...]) / mysqlEnum(...)
    const arg = name === 'freeze' ? init.arguments[0] : /Enum$/.test(name) ? init.arguments[1] : undefined;
    if (!arg) return undefined;
    init = unwrap(arg);
  }
  return ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init) ? init : undefined;
}

function isCandidate(node: ts.Node): node is StatusTypeDeclaration {
  if (ts.isEnumDeclaration(node)) return true;
  if (ts.isTypeAliasDeclaration(node)) return true;
  return ts.isVariableDeclaration(node) && statusListOf(node) !== undefined;
}

function resolveEntity(project: ProjectFacts, file: FileFacts, name: ts.EntityName | ts.Expression): Resolved | undefined {
  if (ts.isIdentifier(name)) return resolveIdentifier(project, file, name);
  const left = ts.isQualifiedName(name) ? name.left : ts.isPropertyAccessExpression(name) ? name.expression : undefined;
  const right = ts.isQualifiedName(name) ? name.right.text : ts.isPropertyAccessExpression(name) ? name.name.text : undefined;
  if (!left || right === undefined || !(ts.isIdentifier(left))) return undefined;
  return resolveMember(project, resolveIdentifier(project, file, left), right);
}

/** Adds the declaration(s) a status field's type or column names: enum, alias, `typeof X[keyof typeof X]`, pgEnum. */
function addFromDeclaration(project: ProjectFacts, resolved: Resolved | undefined, out: Set<ts.Node>, depth = 0): void {
  if (resolved?.kind !== 'declaration' || depth > 4) return;
  const node = resolved.node;
  if (!isCandidate(node)) return;
  out.add(node);
  if (ts.isTypeAliasDeclaration(node)) addFromType(project, resolved.file, node.type, out, depth + 1);
}

function addFromType(project: ProjectFacts, file: FileFacts, type: ts.TypeNode | undefined, out: Set<ts.Node>, depth = 0): void {
  if (!type || depth > 4) return;
  if (ts.isParenthesizedTypeNode(type)) return addFromType(project, file, type.type, out, depth);
  if (ts.isUnionTypeNode(type)) {
    for (const t of type.types) addFromType(project, file, t, out, depth);
    return;
  }
  if (ts.isTypeReferenceNode(type)) {
    addFromDeclaration(project, resolveEntity(project, file, type.typeName), out, depth);
    return;
  }
  const target = valuesOfTypeofTarget(type);
  if (target) addFromDeclaration(project, resolveEntity(project, file, target), out, depth);
}

/** Column declarations: `@Column({ type: 'enum', enum: ImportJobStatus })`, Drizzle `statusEnum('status')`, `text('status', { enum: STATUSES })`. */
function addFromColumn(project: ProjectFacts, file: FileFacts, node: ts.Node, out: Set<ts.Node>): void {
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'enum') {
      const v = unwrap(n.initializer);
      if (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) addFromDeclaration(project, resolveEntity(project, file, v), out);
    }
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      const resolved = resolveIdentifier(project, file, n.expression);
      if (resolved?.kind === 'declaration' && ts.isVariableDeclaration(resolved.node) && statusListOf(resolved.node)) {
        addFromDeclaration(project, resolved, out);
      }
    }
    ts.forEachChild(n, visit);
  };
  if (ts.isPropertyDeclaration(node)) {
    for (const d of ts.getDecorators(node) ?? []) visit(d);
  } else if (ts.isPropertyAssignment(node)) {
    visit(node.initializer);
  }
}

/**
 * Every declaration some job model of the linted files uses as its status type (and what status-named
 * aliases point at); computed once per run.
 */
function statusTypesUsedByModels(project: ProjectFacts): Set<ts.Node> {
  return project.memo('status-types:used', () => {
    const out = new Set<ts.Node>();
    const statusKey = normalizeFieldName(project.subjects.jobModel.statusField);
    // Models live in model files or carry the tag: only those files are parsed for this scan.
    const models: JobModel[] = projectJobModels(project);
    for (const model of models) {
      const field = model.fields.get(statusKey);
      if (!field) continue;
      const fieldFile = field.node.getSourceFile() === model.file.sourceFile ? model.file : project.load(field.node.getSourceFile().fileName);
      if (!fieldFile) continue;
      addFromType(project, fieldFile, field.typeNode, out);
      addFromColumn(project, fieldFile, field.node, out);
    }
    // `type JobStatus = (typeof JOB_STATUS)[keyof typeof JOB_STATUS]`: the object behind a status-named alias.
    const nameNeedles = project.subjects.statusType.names.map((n) => n.replace(/\*/g, '')).filter(Boolean);
    for (const f of project.filesContaining(nameNeedles)) {
      for (const alias of f.index.typeAliases) {
        if (isStatusTypeName(project, alias.name.text)) addFromType(project, f, alias.type, out);
      }
    }
    return out;
  });
}

/** Every identifier-like word in the text of model files (and tagged files): read, not parsed. */
function modelFileWords(project: ProjectFacts): Set<string> {
  return project.memo('status-types:model-words', () => {
    const settings = project.subjects.jobModel;
    const words = new Set<string>();
    for (const { text } of project.textsMatching({ globs: settings.files, needles: [`@${settings.tag}`] })) {
      for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) words.add(m[0]);
    }
    return words;
  });
}

/** Is this enum / const object / const array / type alias a status type (used by a model, or named so)? */
export function isStatusTypeDeclaration(project: ProjectFacts, node: ts.Node): node is StatusTypeDeclaration {
  if (!isCandidate(node)) return false;
  const name = declaredName(node);
  if (name !== undefined && isStatusTypeName(project, name)) return true;
  return statusTypesUsedByModels(project).has(node);
}

/** A type alias that can list statuses: literal unions, a single literal, `(typeof X)[keyof typeof X]`, another alias. */
function mayListStatuses(alias: ts.TypeAliasDeclaration): boolean {
  let t = alias.type;
  while (ts.isParenthesizedTypeNode(t)) t = t.type;
  return ts.isUnionTypeNode(t) || ts.isLiteralTypeNode(t) || ts.isIndexedAccessTypeNode(t) || ts.isTypeReferenceNode(t);
}

/** The status types declared in a file. The project-wide scan is consulted once, and only for unnamed candidates. */
export function statusTypesIn(project: ProjectFacts, file: FileFacts): StatusTypeDeclaration[] {
  return project.memo(`status-types:${file.path}`, () => {
    const candidates: StatusTypeDeclaration[] = [
      ...file.index.enums,
      ...file.index.typeAliases.filter(mayListStatuses),
      ...file.index.variables.filter((v) => ts.isIdentifier(v.name) && statusListOf(v) !== undefined),
    ];
    let used: Set<ts.Node> | undefined;
    return candidates
      .filter((c) => {
        const name = declaredName(c);
        if (name !== undefined && isStatusTypeName(project, name)) return true;
        // A type no model file names cannot be a model's status type: skip the project-wide scan
        // (it parses every model file) for the unions and lists of ordinary code.
        if (name !== undefined && !modelFileWords(project).has(name)) return false;
        used ??= statusTypesUsedByModels(project);
        return used.has(c);
      })
      .sort((a, b) => a.pos - b.pos);
  });
}

/**
 * When `expr` names a member of a status enum or status object (`ImportJobStatus.Processing`,
 * `S['processing']`, `ns.JobStatus.Failed`), that member's declaration: the value is judged there.
 */
export function statusTypeMemberOf(project: ProjectFacts, file: FileFacts, expr: ts.Expression): ts.Node | undefined {
  const e = unwrap(expr);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
  const member = ts.isPropertyAccessExpression(e)
    ? e.name.text
    : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
  if (member === undefined) return undefined;
  const owner = unwrap(e.expression);
  let resolved: Resolved | undefined;
  if (ts.isIdentifier(owner)) resolved = resolveIdentifier(project, file, owner);
  else if (ts.isPropertyAccessExpression(owner) && ts.isIdentifier(owner.expression)) {
    const ns = resolveIdentifier(project, file, owner.expression);
    resolved = ns?.kind === 'namespace' && ns.file ? exportedName(project, ns.file, owner.name.text, 1) : undefined;
  }
  if (resolved?.kind !== 'declaration' || !isStatusTypeDeclaration(project, resolved.node)) return undefined;
  const decl = resolved.node;
  if (ts.isEnumDeclaration(decl)) return decl.members.find((m) => propertyNameText(m.name) === member);
  if (ts.isVariableDeclaration(decl)) {
    const list = statusListOf(decl);
    if (list && ts.isObjectLiteralExpression(list)) {
      return list.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === member);
    }
  }
  return undefined;
}
