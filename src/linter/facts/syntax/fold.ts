import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { resolveIdentifier, resolveMember, type Resolved } from './symbols.js';

export type Folded = string | number | boolean;

const MAX_DEPTH = 24;

/** Strips wrappers that do not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) ||
         ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) {
    e = e.expression;
  }
  return e;
}

/**
 * Constant folding across files: literals, arithmetic and concatenation, `const`s (also imported or
 * re-exported), enum members, `as const` object members. Anything else is `undefined`: a rule that
 * cannot know a value does not guess it.
 */
export function foldConstant(
  project: ProjectFacts,
  file: FileFacts,
  expr: ts.Expression,
  depth = 0,
  /** Names bound by the surrounding construct: earlier members inside an enum body. */
  locals?: ReadonlyMap<string, Folded>,
): Folded | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  const SK = ts.SyntaxKind;
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (ts.isStringLiteralLike(e)) return e.text;
  if (e.kind === SK.TrueKeyword) return true;
  if (e.kind === SK.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e)) {
    const v = foldConstant(project, file, e.operand, depth + 1, locals);
    if (typeof v !== 'number') return undefined;
    if (e.operator === SK.MinusToken) return -v;
    if (e.operator === SK.PlusToken) return v;
    return undefined;
  }
  if (ts.isBinaryExpression(e)) {
    const l = foldConstant(project, file, e.left, depth + 1, locals);
    if (l === undefined) return undefined;
    const r = foldConstant(project, file, e.right, depth + 1, locals);
    if (r === undefined) return undefined;
    return foldBinary(e.operatorToken.kind, l, r);
  }
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const v = foldConstant(project, file, span.expression, depth + 1, locals);
      if (v === undefined) return undefined;
      out += String(v) + span.literal.text;
    }
    return out;
  }
  if (ts.isIdentifier(e) && locals?.has(e.text)) return locals.get(e.text);
  if (ts.isIdentifier(e)) return foldResolved(project, resolveIdentifier(project, file, e), depth);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const member = memberName(e);
    if (member === undefined) return undefined;
    return foldMember(project, file, e.expression, member, depth);
  }
  return undefined;
}

function memberName(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return ts.isIdentifier(e.name) ? e.name.text : undefined;
  const arg = e.argumentExpression;
  return ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg) ? arg.text : undefined;
}

function foldBinary(op: ts.SyntaxKind, l: Folded, r: Folded): Folded | undefined {
  const SK = ts.SyntaxKind;
  if (op === SK.PlusToken) {
    if (typeof l === 'number' && typeof r === 'number') return l + r;
    if (typeof l === 'string' || typeof r === 'string') return String(l) + String(r);
    return undefined;
  }
  if (typeof l !== 'number' || typeof r !== 'number') return undefined;
  switch (op) {
    case SK.MinusToken: return l - r;
    case SK.AsteriskToken: return l * r;
    case SK.SlashToken: return r === 0 ? undefined : l / r;
    case SK.PercentToken: return r === 0 ? undefined : l % r;
    case SK.AsteriskAsteriskToken: return l ** r;
    default: return undefined;
  }
}

/** The value of `owner.member`: an enum member, an `as const`/const object's property, a namespace export. */
function foldMember(project: ProjectFacts, file: FileFacts, owner: ts.Expression, member: string, depth: number): Folded | undefined {
  const o = unwrap(owner);
  if (!ts.isIdentifier(o)) {
    if (ts.isPropertyAccessExpression(o)) {
      const inner = declarationOfExpression(project, file, o, depth + 1);
      return inner ? foldDeclarationMember(project, inner, member, depth) : undefined;
    }
    return undefined;
  }
  const resolved = resolveIdentifier(project, file, o);
  if (resolved?.kind === 'namespace') return foldResolved(project, resolveMember(project, resolved, member), depth);
  if (resolved?.kind !== 'declaration') return undefined;
  return foldDeclarationMember(project, resolved, member, depth);
}

function declarationOfExpression(project: ProjectFacts, file: FileFacts, e: ts.PropertyAccessExpression, depth: number): { file: FileFacts; node: ts.Node } | undefined {
  if (depth > MAX_DEPTH || !ts.isIdentifier(e.expression) || !ts.isIdentifier(e.name)) return undefined;
  const owner = resolveIdentifier(project, file, e.expression);
  const target = owner?.kind === 'namespace' ? resolveMember(project, owner, e.name.text) : undefined;
  return target?.kind === 'declaration' ? target : undefined;
}

function foldDeclarationMember(project: ProjectFacts, decl: { file: FileFacts; node: ts.Node }, member: string, depth: number): Folded | undefined {
  const node = decl.node;
  if (ts.isEnumDeclaration(node)) return enumMemberValue(project, decl.file, node, member, depth);
  if (ts.isVariableDeclaration(node) && isConst(node) && node.initializer) {
    const init = unwrap(node.initializer);
    if (ts.isObjectLiteralExpression(init)) {
      for (const prop of init.properties) {
        if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === member) {
          return foldConstant(project, decl.file, prop.initializer, depth + 1);
        }
      }
    }
  }
  return undefined;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** An enum member's value; members without initializers count up from the previous numeric one. */
export function enumMemberValue(project: ProjectFacts, file: FileFacts, decl: ts.EnumDeclaration, member: string, depth: number): Folded | undefined {
  let next = 0;
  const earlier = new Map<string, Folded>();
  for (const m of decl.members) {
    let value: Folded | undefined;
    if (m.initializer) value = foldConstant(project, file, m.initializer, depth + 1, earlier);
    else value = next;
    if (typeof value === 'number') next = value + 1;
    const name = propertyNameText(m.name);
    if (name === member) return value;
    if (name !== undefined && value !== undefined) earlier.set(name, value);
  }
  return undefined;
}

function isConst(decl: ts.VariableDeclaration): boolean {
  const list = decl.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

function foldResolved(project: ProjectFacts, resolved: Resolved | undefined, depth: number): Folded | undefined {
  if (resolved?.kind !== 'declaration') return undefined;
  const node = resolved.node;
  if (ts.isVariableDeclaration(node)) {
    return isConst(node) && node.initializer ? foldConstant(project, resolved.file, node.initializer, depth + 1) : undefined;
  }
  if (ts.isExpression(node)) return foldConstant(project, resolved.file, node, depth + 1);
  return undefined;
}
