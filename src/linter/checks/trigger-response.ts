import { ts } from 'ts-morph';
import { defineCheck, type CheckContext } from './check.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import { propertyNameText, unwrap } from '../facts/syntax/fold.js';
import { normalizeFieldName } from '../facts/project/names.js';
import { responsesOf, type HandlerResponse } from '../facts/http/responses.js';
import { quotedAlternatives, routeLabel } from './route-labels.js';
import { resolveIdentifier } from '../facts/syntax/symbols.js';
import { triggerEndpointsOf } from '../facts/http/trigger-endpoints.js';
import type { SubjectSettings as PrefilterSubjects } from '../facts/project/subjects.js';
import { routeNeedles } from '../engine/prefilter-vocabulary.js';

interface Options {
  /** Report a NestJS trigger method that returns nothing (Nest then answers with an empty body). */
  reportEmptyNestResponse: boolean;
}

type Ctx = CheckContext<Options, typeof messages>;

/** Findings, by message id; `keys` are the id keys any one of which the response must carry. */
const messages = {
  missingJobId: (d: { route: string; returns: string; keys: readonly string[] }) => `${d.route} returns ${d.returns} without ${quotedAlternatives(d.keys)}`,
};

/** What a response body is: carries a key, cannot be known, or (a description of) what it is instead. */
type Verdict = { kind: 'ok' } | { kind: 'unknown' } | { kind: 'missing'; what: string };

const OK: Verdict = { kind: 'ok' };
const UNKNOWN: Verdict = { kind: 'unknown' };
const MAX_TEXT = 40;
const RESPONSE_TYPES = new Set(['Response', 'NextResponse', 'TypedResponse']);

function shortText(node: ts.Node, file: FileFacts): string {
  const text = node.getText(file.sourceFile).replace(/\s+/g, ' ');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function hasKey(names: Iterable<string>, keys: readonly string[]): boolean {
  const wanted = new Set(keys.map(normalizeFieldName));
  for (const n of names) if (wanted.has(normalizeFieldName(n))) return true;
  return false;
}

/** `Promise<T>` → T: what an async handler or use case answers with (the checker has the lib declarations). */
function awaited(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  return type.getSymbol()?.getName() === 'Promise' ? checker.getAwaitedType(type) ?? type : type;
}

/** Judges a type: every member of a union must carry a key; `any`/`unknown`/void cannot be judged. */
function judgeType(checker: ts.TypeChecker, whole: ts.Type, keys: readonly string[]): 'ok' | 'unknown' | 'missing' {
  const F = ts.TypeFlags;
  const type = awaited(checker, whole);
  // A Fetch API response made elsewhere (`return handle(request)` in a Next.js route): its body is
  // not in its type, so it cannot be judged.
  if (RESPONSE_TYPES.has(type.getSymbol()?.getName() ?? '')) return 'unknown';
  if (type.flags & (F.Any | F.Unknown | F.Never | F.Void | F.Undefined | F.Null | F.TypeParameter)) return 'unknown';
  if (type.isUnion()) {
    const parts = type.types.map((t) => judgeType(checker, t, keys));
    if (parts.includes('missing')) return 'missing';
    return parts.every((p) => p === 'ok') ? 'ok' : 'unknown';
  }
  if (type.flags & (F.StringLike | F.NumberLike | F.BooleanLike | F.BigIntLike)) return 'missing';
  if (type.flags & F.Object || type.isIntersection()) {
    // An external type (a package's, unresolved) has no members we can trust.
    const props = checker.getPropertiesOfType(type);
    if (props.length === 0) return 'unknown';
    return hasKey(props.map((p) => p.name), keys) ? 'ok' : 'missing';
  }
  return 'unknown';
}

/**
 * A declared type the checker need not be built for (`): string`, `: void`): the keyword's name
 * when judgeType would find it carries no key ('missing', printed as the checker prints it), or
 * UNKNOWN when judgeType cannot judge it; undefined for any other type.
 */
function keywordType(typeNode: ts.TypeNode): string | typeof UNKNOWN | undefined {
  switch (typeNode.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.BigIntKeyword:
      return 'bigint';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.NeverKeyword:
    case ts.SyntaxKind.VoidKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
      return UNKNOWN;
    default:
      return undefined;
  }
}

/**
 * Judges the type of `e`, or the type a `typeNode` declares for it (a cast `x as Dto`, a variable's
 * annotation, a method's declared return type).
 */
function judgeByType(ctx: Ctx, file: FileFacts, e: ts.Node, keys: readonly string[], typeNode?: ts.TypeNode): Verdict {
  const keyword = typeNode ? keywordType(typeNode) : undefined;
  let typeText: string;
  if (keyword !== undefined) {
    if (typeof keyword !== 'string') return keyword;
    typeText = keyword;
  } else {
    const checker = ctx.project.typeChecker(e.getSourceFile().fileName);
    let type: ts.Type;
    try {
      type = typeNode ? checker.getTypeFromTypeNode(typeNode) : checker.getTypeAtLocation(e);
    } catch {
      return UNKNOWN;
    }
    const verdict = judgeType(checker, type, keys);
    if (verdict !== 'missing') return verdict === 'ok' ? OK : UNKNOWN;
    typeText = checker.typeToString(awaited(checker, type), undefined, ts.TypeFormatFlags.NoTruncation);
  }
  const shortType = typeText.length > MAX_TEXT ? `${typeText.slice(0, MAX_TEXT - 1)}…` : typeText;
  const written = shortText(e, file);
  return { kind: 'missing', what: written === shortType ? written : `${written} (${shortType})` };
}

function judgeObject(ctx: Ctx, file: FileFacts, o: ts.ObjectLiteralExpression, keys: readonly string[]): Verdict {
  const shown: string[] = [];
  let unknownSpread = false;
  for (const prop of o.properties) {
    if (ts.isSpreadAssignment(prop)) {
      const v = judgeBody(ctx, file, prop.expression, keys, 1);
      if (v.kind === 'ok') return OK;
      if (v.kind === 'unknown') unknownSpread = true;
      shown.push(`...${shortText(prop.expression, file)}`);
      continue;
    }
    const name = prop.name ? propertyNameText(prop.name) : undefined;
    if (name === undefined) {
      // `{ [key]: id }`: a computed key may be the one.
      unknownSpread = true;
      continue;
    }
    if (hasKey([name], keys)) return OK;
    shown.push(name);
  }
  if (unknownSpread) return UNKNOWN;
  return { kind: 'missing', what: shown.length === 0 ? '{}' : `{ ${shown.join(', ')} }` };
}

/** The type a cast gives a value (`x as Dto`, `<Dto>x`), unless it says nothing (`as any`, `as unknown`, `as const`). */
function castType(expr: ts.Expression): ts.TypeNode | undefined {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (!ts.isAsExpression(e) && !ts.isTypeAssertionExpression(e)) return undefined;
  const t = e.type;
  const says = t.kind !== ts.SyntaxKind.AnyKeyword && t.kind !== ts.SyntaxKind.UnknownKeyword &&
    !(ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'const');
  return says ? t : castType(e.expression);
}

/**
 * Does `e` carry one of `keys`? A cast names the type the code means (`return dto as TriggerResponseDto`);
 * else syntax (literals, a `const` bound to one, its annotation when it has one); the type checker otherwise.
 */
function judgeBody(ctx: Ctx, file: FileFacts, expr: ts.Expression, keys: readonly string[], depth = 0): Verdict {
  const cast = castType(expr);
  if (cast) return judgeByType(ctx, file, expr, keys, cast);
  let e = unwrap(expr);
  while (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isObjectLiteralExpression(e)) return judgeObject(ctx, file, e, keys);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return { kind: 'missing', what: 'a string' };
  if (ts.isNumericLiteral(e)) return { kind: 'missing', what: `the number ${e.text}` };
  if (e.kind === ts.SyntaxKind.NullKeyword) return { kind: 'missing', what: 'null' };
  if (ts.isArrayLiteralExpression(e)) return { kind: 'missing', what: 'an array' };
  if (ts.isIdentifier(e) && depth < 3) {
    // `const body = { id: job.id }; res.json(body)`: judged on its literal, no type checker needed.
    const resolved = resolveIdentifier(ctx.project, file, e);
    // `const body: TriggerResponseDto = …`: the annotation is the contract.
    if (resolved?.kind === 'declaration' && ts.isVariableDeclaration(resolved.node) && resolved.node.type) {
      return judgeByType(ctx, file, e, keys, resolved.node.type);
    }
    if (resolved?.kind === 'declaration' && ts.isVariableDeclaration(resolved.node) && resolved.node.initializer &&
        (resolved.node.parent.flags & ts.NodeFlags.Const) !== 0 && ts.isObjectLiteralExpression(unwrap(resolved.node.initializer))) {
      const v = judgeBody(ctx, resolved.file, resolved.node.initializer, keys, depth + 1);
      return v.kind === 'missing' ? { kind: 'missing', what: `${e.text} = ${v.what}` } : v;
    }
  }
  return judgeByType(ctx, file, e, keys);
}

/** A returned value of a method with a declared return type: the declaration decides when it can be judged. */
function judgeDeclared(ctx: Ctx, file: FileFacts, body: ts.Expression, declared: ts.TypeNode, keys: readonly string[]): Verdict {
  const byDeclaration = judgeByType(ctx, file, body, keys, declared);
  return byDeclaration.kind === 'unknown' ? judgeBody(ctx, file, body, keys) : byDeclaration;
}

function describeEmpty(r: HandlerResponse): string {
  return r.status !== undefined && r.status !== 200 ? `status ${r.status} with no body` : 'no body';
}

/** BG-020: every success response of a trigger endpoint carries the job's id key. */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'trigger-response',
    messages,
    description: 'Every success response of a trigger endpoint (a POST route named with a trigger word) carries the id key of the job it started.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reportEmptyNestResponse: {
          type: 'boolean',
          default: true,
          description: 'Report a NestJS trigger method that neither returns a value nor sends a response.',
        },
      },
    },
    // Only for a response body that is not written as a literal (`res.json(job)`); created lazily.
    needsTypes: true,
  },
  check(ctx) {
    for (const endpoint of triggerEndpointsOf(ctx.project, ctx.file)) {
      const { route, keys } = endpoint;
      const handler = route.handler;
      if (!handler) continue;
      const handlerFile = route.handlerFile ?? route.file;
      const label = routeLabel(route);
      const responses = responsesOf(ctx.project, handlerFile, handler);
      if (responses.length === 0) {
        // Nothing sent that we can see: Express/Koa handlers may delegate the response to a helper,
        // so only a NestJS method (whose return value IS the response) is known to answer empty.
        if (ctx.options.reportEmptyNestResponse && route.registration === handler) {
          ctx.report(route.registration, 'missingJobId', { route: label, returns: 'no body', keys });
        }
        continue;
      }
      // A method's declared return type (`Promise<TriggerResponseDto>`) is what each `return` answers.
      const declared = ts.isFunctionLike(handler) && handler.type ? handler.type : undefined;
      for (const r of responses) {
        if (r.isError || r.status === undefined || r.status < 200 || r.status >= 300) continue;
        const verdict = declared && r.form === 'return' && r.body
          ? judgeDeclared(ctx, handlerFile, r.body, declared, keys)
          : r.body ? judgeBody(ctx, handlerFile, r.body, keys) : { kind: 'missing' as const, what: describeEmpty(r) };
        if (verdict.kind !== 'missing') continue;
        ctx.report(route.registration, 'missingJobId', { route: label, returns: verdict.what, keys });
      }
    }
  },
});

/** Text prefilter (engine/prefilter.ts): its findings are on routes the file registers. */
export const prefilter = (_options: unknown, subjects: PrefilterSubjects) => routeNeedles(subjects);
