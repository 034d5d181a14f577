import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import { foldConstant, propertyNameText, unwrap } from '../syntax/fold.js';
import { jobModelsOf, mayHoldJobModels } from './job-models.js';
import { normalizeFieldName } from '../project/names.js';
import { matchesAnyGlob } from '../project/wildcard.js';
import type { ProjectFacts } from '../project/project-facts.js';
import {
  argumentWrites, chainReceiver, COMPARE_FUNCTIONS, COMPARE_OPERATORS, FILTER_KEYS, IGNORED_KEYS, isLogCall,
  methodName, outermostCall, WRITE_KEYS,
} from './record-calls.js';
import { checkerOrigin, callChainOrigin, expressionOrigin, typeOrigin, type Origin } from './record-origin.js';
import { statusListOf, statusTypeMemberOf, statusTypesIn } from './status-types.js';
import type { FieldWrite, FieldWriteKind } from './field-write.js';

/**
 * Every write or test of a job record's field in a file (rules.md "status write", for every
 * lifecycle field), memoized per file. What it records:
 *
 * - `assign`: `x.f = V`, `x['f'] = V` (target `x`).
 * - `object`: `{ f: V }` / `{ f }` in a call's object argument whose chain names a job model
 *   (`repo.update(id, {…})`, `trx.update(importJobs).set({…})`, `prisma.importJob.update({ where, data })`,
 *   `Model.updateOne(filter, { $set: {…} })`, `Object.assign(job, {…})`, `new ImportJob({…})`) or in
 *   the initializer of a variable typed as a job model. Written objects have isWrite true; filters
 *   (`where`, `findBy({…})`, the first object of `updateOne(filter, update)`, operands of `in`/`$in`/`In([…])`)
 *   false. `call` is the OUTERMOST call of the chain and `receiver` its root (`trx`).
 * - `compare`: `x.f === V`, `!==`, `==`, `!=` (either side), `[V1, V2].includes(x.f)`, Drizzle `eq(t.f, V)`.
 * - `case`: `case V:` under `switch (x.f)`.
 * - `default`: a job model property's initializer, `@Column({ default: V })`, Drizzle `.default(V)`.
 * - `type`: a string literal member of a model field's declared type (`status: 'a' | 'b'`), of a
 *   column's `enum: […]`, or of a status type alias (`type JobStatus = 'a' | 'b'`).
 * - `enum-member`: a member of a status enum, `as const` object or const list (status-types.ts).
 *
 * `x` must be a job record (record-origin.ts): a job model by its declared type or producer, or, when
 * its type is unknown (`any`, plain JS, untyped), only inside task files. Only the fields of
 * `subjects.jobModel.recordFields` (and the status field) are recorded. A conditional value
 * (`ok ? 'completed' : 'failed'`, `a ?? 'pending'`) gives one FieldWrite per branch.
 */
export function recordWritesOf(project: ProjectFacts, file: FileFacts): FieldWrite[] {
  return project.memo(`record-writes:${file.path}`, () => new Collector(project, file).collect());
}

/** The method call a filter helper is an argument of: `.where(…)` for `eq(…)` in `q.where(and(eq(…), …))`. */
function hostChainCall(call: ts.CallExpression): ts.CallExpression | undefined {
  let current: ts.Node = call;
  while (current.parent && ts.isCallExpression(current.parent) && current.parent.arguments.includes(current as ts.Expression)) {
    current = current.parent;
    if (ts.isPropertyAccessExpression((current as ts.CallExpression).expression)) return current as ts.CallExpression;
  }
  return undefined;
}

type Write = Omit<FieldWrite, 'field' | 'kind' | 'isWrite' | 'valueNode' | 'value' | 'literal' | 'member'>;

class Collector {
  private readonly out: FieldWrite[] = [];
  private readonly fields: Set<string>;
  private readonly statusField: string;
  private readonly inTaskFile: boolean;
  private readonly origins = new Map<ts.Node, Origin>();
  /** Whether the record of the writes being added is typed as a job (see FieldWrite.typed). */
  private typed = false;

  constructor(
    private readonly project: ProjectFacts,
    private readonly file: FileFacts,
  ) {
    const settings = project.subjects.jobModel;
    this.statusField = normalizeFieldName(settings.statusField);
    this.fields = new Set([this.statusField, ...(settings.recordFields ?? []).map(normalizeFieldName)]);
    this.inTaskFile = matchesAnyGlob(file.relativePath, project.subjects.taskFunction.files);
  }

  collect(): FieldWrite[] {
    const index = this.file.index;
    for (const b of index.binaries) this.binary(b);
    for (const s of index.switches) this.switchStatement(s);
    for (const c of index.calls) this.call(c);
    for (const n of index.news) this.newExpression(n);
    for (const v of index.variables) this.variable(v);
    this.typed = true;
    this.models();
    this.statusTypes();
    this.out.sort((a, b) => a.valueNode.pos - b.valueNode.pos);
    return this.out;
  }

  // ---- values -------------------------------------------------------------------------------

  private add(field: string, kind: FieldWriteKind, isWrite: boolean, valueExpr: ts.Expression, extra: Write = {}): void {
    const e = unwrap(valueExpr);
    if (ts.isConditionalExpression(e)) {
      this.add(field, kind, isWrite, e.whenTrue, extra);
      this.add(field, kind, isWrite, e.whenFalse, extra);
      return;
    }
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      this.add(field, kind, isWrite, e.left, extra);
      this.add(field, kind, isWrite, e.right, extra);
      return;
    }
    const folded = foldConstant(this.project, this.file, e);
    const member = statusTypeMemberOf(this.project, this.file, e);
    this.out.push({
      field,
      kind,
      isWrite,
      valueNode: e,
      value: typeof folded === 'string' ? folded : undefined,
      ...(ts.isStringLiteralLike(e) ? { literal: e } : {}),
      ...extra,
      ...(member ? { member } : {}),
      ...(this.typed ? { typed: true as const } : {}),
    });
  }

  /** A value compared with the field: also each element of `[…]`, `In([…])`, `{ in: […] }`, `{ $ne: V }`. */
  private addCompared(field: string, kind: FieldWriteKind, valueExpr: ts.Expression, extra: Write): void {
    const e = unwrap(valueExpr);
    if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) if (!ts.isSpreadElement(el) && !ts.isOmittedExpression(el)) this.add(field, kind, false, el, extra);
      return;
    }
    if (ts.isCallExpression(e) && COMPARE_FUNCTIONS.has(methodName(e) ?? '')) {
      for (const arg of e.arguments) this.addCompared(field, kind, arg, extra);
      return;
    }
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) && COMPARE_OPERATORS.has(propertyNameText(p.name) ?? '')) this.addCompared(field, kind, p.initializer, extra);
      }
      return;
    }
    this.add(field, kind, false, e, extra);
  }

  // ---- targets ------------------------------------------------------------------------------

  /** `x.f` / `x['f']` with a tracked field: the field and `x`. */
  private fieldAccess(expr: ts.Expression): { field: string; target: ts.Expression } | undefined {
    const e = unwrap(expr);
    let name: string | undefined;
    let target: ts.Expression | undefined;
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) [name, target] = [e.name.text, e.expression];
    else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) [name, target] = [e.argumentExpression.text, e.expression];
    if (name === undefined || target === undefined) return undefined;
    const field = normalizeFieldName(name);
    return this.fields.has(field) ? { field, target } : undefined;
  }

  /**
   * Is it worth the type checker to learn whether `x` in `x.f <op> value` is a job record? Only for a
   * status compared with or set to a string: `response.status === 200`, `x.result = data` and the
   * like are never job statuses, and asking about them would build the checker for most projects.
   */
  private worthChecking(field: string, values: readonly ts.Node[]): boolean {
    if (field !== this.statusField || this.inTaskFile || this.file.isJavaScript) return false;
    const stringy = values.some((v) => {
      const e = ts.isExpression(v) ? unwrap(v) : v;
      if (ts.isStringLiteralLike(e)) return true;
      if (ts.isArrayLiteralExpression(e)) return e.elements.some((x) => ts.isStringLiteralLike(unwrap(x)));
      return ts.isExpression(e) && (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && typeof foldConstant(this.project, this.file, e) === 'string';
    });
    return stringy && mayHoldJobModels(this.project, this.file);
  }

  /**
   * Is `x` a job record (or a repository/table of job models)? Unknown types count in task files
   * only; elsewhere the type checker decides when `ask` says the write is worth it.
   */
  private isRecord(target: ts.Expression, chain?: ts.CallExpression, ask = false): boolean {
    const key = chain ?? target;
    let origin = this.origins.get(key);
    if (origin === undefined) {
      origin = chain ? callChainOrigin(this.project, this.file, chain) : expressionOrigin(this.project, this.file, target);
      if (origin === 'unknown' && (ask || this.inTaskFile) && !chain) {
        // Syntax cannot tell (no annotation, an untyped helper's result): ask the checker, once per
        // node. In a task file too: "unknown is a job record" holds only where the checker has no type.
        origin = checkerOrigin(this.project, target);
      }
      this.origins.set(key, origin);
    }
    this.typed = origin === 'job';
    return origin === 'job' || (origin === 'unknown' && this.inTaskFile);
  }

  // ---- forms --------------------------------------------------------------------------------

  private binary(b: ts.BinaryExpression): void {
    const op = b.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      const access = this.fieldAccess(b.left);
      if (access && this.isRecord(access.target, undefined, this.worthChecking(access.field, [b.right]))) {
        this.add(access.field, 'assign', true, b.right, { target: access.target });
      }
      return;
    }
    // ===, !==, ==, !=: the field on either side.
    for (const [side, other] of [[b.left, b.right], [b.right, b.left]] as const) {
      const access = this.fieldAccess(side);
      if (access && this.isRecord(access.target, undefined, this.worthChecking(access.field, [other]))) {
        this.add(access.field, 'compare', false, other, { target: access.target });
        return;
      }
    }
  }

  private switchStatement(s: ts.SwitchStatement): void {
    const access = this.fieldAccess(s.expression);
    const cases = s.caseBlock.clauses.flatMap((c) => (ts.isCaseClause(c) ? [c.expression] : []));
    if (!access || !this.isRecord(access.target, undefined, this.worthChecking(access.field, cases))) return;
    for (const clause of s.caseBlock.clauses) {
      if (ts.isCaseClause(clause)) this.add(access.field, 'case', false, clause.expression, { target: access.target });
    }
  }

  private call(call: ts.CallExpression): void {
    const name = methodName(call);
    const args = call.arguments;
    if (name === undefined || args.length === 0) return;
    // [V1, V2].includes(x.f)
    const callee = call.expression;
    if (name === 'includes' && ts.isPropertyAccessExpression(callee) && ts.isArrayLiteralExpression(unwrap(callee.expression))) {
      const access = this.fieldAccess(args[0]!);
      if (access && this.isRecord(access.target, undefined, this.worthChecking(access.field, [callee.expression]))) {
        this.addCompared(access.field, 'compare', callee.expression, { target: access.target });
      }
      return;
    }
    // Drizzle eq(importJobs.status, V), inArray(t.status, [...])
    if (COMPARE_FUNCTIONS.has(name) && args.length >= 2) {
      const access = this.fieldAccess(args[0]!);
      if (access && this.isRecord(access.target)) {
        const host = hostChainCall(call);
        this.addCompared(access.field, 'compare', args[1]!, { target: access.target, ...(host ? this.through(host) : {}) });
      }
      return;
    }
    const objects = args.filter((a) => ts.isObjectLiteralExpression(unwrap(a)));
    if (objects.length === 0 || isLogCall(call)) return;
    // Object.assign(job, { status: V })
    if (name === 'assign' && ts.isPropertyAccessExpression(call.expression) && unwrap(call.expression.expression).getText(this.file.sourceFile) === 'Object') {
      const target = args[0]!;
      if (ts.isObjectLiteralExpression(unwrap(target)) || !this.isRecord(target)) return;
      for (const obj of args.slice(1)) {
        const o = unwrap(obj);
        if (ts.isObjectLiteralExpression(o)) this.object(o, true, { target, call });
      }
      return;
    }
    const known = this.isRecord(call.expression, call);
    if (!known) return;
    const origin = this.origins.get(call);
    args.forEach((arg, i) => {
      const o = unwrap(arg);
      if (!ts.isObjectLiteralExpression(o)) return;
      // An untyped call in a task file counts only when its object names a lifecycle field.
      if (origin === 'unknown' && !this.mentionsField(o)) return;
      this.object(o, argumentWrites(call, i), this.through(call));
    });
  }

  private through(call: ts.CallExpression): Write {
    const outer = outermostCall(call);
    const receiver = chainReceiver(outer);
    return { call: outer, ...(receiver ? { receiver } : {}) };
  }

  private newExpression(n: ts.NewExpression): void {
    if (!n.arguments?.length || !ts.isIdentifier(n.expression)) return;
    const objects = n.arguments.map(unwrap).filter(ts.isObjectLiteralExpression);
    if (objects.length === 0 || expressionOrigin(this.project, this.file, n) !== 'job') return;
    this.typed = true;
    for (const o of objects) this.object(o, true, {});
  }

  /** `const job: ImportJob = { status: V }`; in task files also an untyped `const patch = { status: V, … }`. */
  private variable(v: ts.VariableDeclaration): void {
    if (!v.initializer) return;
    const init = unwrap(v.initializer);
    if (!ts.isObjectLiteralExpression(init)) return;
    if (v.type) {
      const origin = typeOrigin(this.project, this.file, v.type);
      this.typed = origin === 'job';
      if (origin === 'job' || (origin === 'unknown' && this.inTaskFile && this.mentionsField(init))) this.object(init, true, {});
    } else if (this.inTaskFile && this.mentionsField(init) && !statusListOf(v)) {
      this.typed = false;
      this.object(init, true, {});
    }
  }

  private mentionsField(obj: ts.ObjectLiteralExpression, depth = 0): boolean {
    return obj.properties.some((p) => {
      const key = p.name ? propertyNameText(p.name) : undefined;
      if (key === undefined) return false;
      if (this.fields.has(normalizeFieldName(key))) return true;
      if (depth < 2 && ts.isPropertyAssignment(p) && (WRITE_KEYS.has(key) || FILTER_KEYS.has(key))) {
        const v = unwrap(p.initializer);
        return ts.isObjectLiteralExpression(v) && this.mentionsField(v, depth + 1);
      }
      return false;
    });
  }

  /** The fields of an object written (or used as a filter), descending into `data`, `$set`, `where`, … */
  private object(obj: ts.ObjectLiteralExpression, isWrite: boolean, extra: Write, depth = 0): void {
    if (depth > 4) return;
    for (const p of obj.properties) {
      if (ts.isShorthandPropertyAssignment(p)) {
        const field = normalizeFieldName(p.name.text);
        if (this.fields.has(field)) this.add(field, 'object', isWrite, p.name, extra);
        continue;
      }
      if (!ts.isPropertyAssignment(p)) continue;
      const key = propertyNameText(p.name);
      if (key === undefined || IGNORED_KEYS.has(key)) continue;
      const value = unwrap(p.initializer);
      if (WRITE_KEYS.has(key) || FILTER_KEYS.has(key)) {
        const writes = WRITE_KEYS.has(key) && isWrite;
        const objects = ts.isArrayLiteralExpression(value) ? value.elements.map((e) => unwrap(e as ts.Expression)) : [value];
        for (const o of objects) if (ts.isObjectLiteralExpression(o)) this.object(o, writes, extra, depth + 1);
        if (!this.fields.has(normalizeFieldName(key))) continue;
      }
      const field = normalizeFieldName(key);
      if (!this.fields.has(field)) continue;
      if (isWrite) this.add(field, 'object', true, value, extra);
      else this.addCompared(field, 'object', value, extra);
    }
  }

  // ---- declarations ------------------------------------------------------------------------

  /** Defaults and declared literal types of the job models declared in this file. */
  private models(): void {
    for (const model of jobModelsOf(this.project, this.file)) {
      for (const [field, f] of model.fields) {
        if (!this.fields.has(field) || f.node.getSourceFile() !== this.file.sourceFile) continue;
        const node = f.node;
        if (ts.isPropertyDeclaration(node) || ts.isPropertySignature(node) || ts.isParameter(node)) {
          this.typeMembers(field, f.typeNode);
          if (ts.isPropertyDeclaration(node) || ts.isParameter(node)) {
            if (node.initializer) this.add(field, 'default', true, node.initializer);
          }
          for (const d of ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : []) this.columnOptions(field, d);
        } else if (ts.isPropertyAssignment(node)) {
          this.columnOptions(field, node.initializer);
        }
      }
    }
  }

  /** `'a' | 'b'` members of a declared type. */
  private typeMembers(field: string, type: ts.TypeNode | undefined): void {
    if (!type) return;
    if (ts.isParenthesizedTypeNode(type)) return this.typeMembers(field, type.type);
    if (ts.isUnionTypeNode(type)) {
      for (const t of type.types) this.typeMembers(field, t);
      return;
    }
    if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) this.add(field, 'type', false, type.literal);
  }

  /** `@Column({ default: V, enum: [...] })`, Drizzle `text('status', { enum: [...] }).default(V)`, Mongoose `{ default, enum }`. */
  private columnOptions(field: string, node: ts.Node): void {
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n)) {
        const key = propertyNameText(n.name);
        const v = unwrap(n.initializer);
        if (key === 'default' && !ts.isArrowFunction(v) && !ts.isFunctionExpression(v)) this.add(field, 'default', true, v);
        else if (key === 'enum' && ts.isArrayLiteralExpression(v)) {
          for (const el of v.elements) if (ts.isStringLiteralLike(el)) this.add(field, 'type', false, el);
        }
      } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'default' && n.arguments[0]) {
        this.add(field, 'default', true, n.arguments[0]);
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  }

  /** Members of the status enums, objects, lists and literal aliases declared in this file. */
  private statusTypes(): void {
    const field = this.statusField;
    for (const decl of statusTypesIn(this.project, this.file)) {
      if (ts.isEnumDeclaration(decl)) {
        for (const m of decl.members) this.member(field, m, m.initializer);
      } else if (ts.isTypeAliasDeclaration(decl)) {
        this.typeMembers(field, decl.type);
      } else {
        const list = statusListOf(decl);
        if (!list) continue;
        if (ts.isObjectLiteralExpression(list)) {
          for (const p of list.properties) if (ts.isPropertyAssignment(p)) this.member(field, p, p.initializer);
        } else {
          for (const el of list.elements) if (!ts.isSpreadElement(el) && !ts.isOmittedExpression(el)) this.member(field, el, el);
        }
      }
    }
  }

  /** An `enum-member` write: reported at the member, fixed at its initializer literal. */
  private member(field: string, member: ts.Node, initializer: ts.Expression | undefined): void {
    if (!initializer) return;
    const init = unwrap(initializer);
    const folded = foldConstant(this.project, this.file, init);
    if (typeof folded !== 'string') return;
    this.out.push({
      field,
      kind: 'enum-member',
      isWrite: false,
      valueNode: member,
      value: folded,
      ...(ts.isStringLiteralLike(init) ? { literal: init } : {}),
    });
  }
}
