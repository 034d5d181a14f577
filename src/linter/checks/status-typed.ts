import { ts } from 'ts-morph';
import { defineCheck } from './check.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import { propertyNameText, unwrap } from '../facts/syntax/fold.js';
import { jobModelsOf, type JobModel, type JobModelField } from '../facts/records/job-models.js';
import { normalizeFieldName } from '../facts/project/names.js';
import type { ProjectFacts } from '../facts/project/project-facts.js';
import { resolveIdentifier, resolveMember, type Resolved } from '../facts/syntax/symbols.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { jobModelNeedles } from '../engine/prefilter-vocabulary.js';

interface Options {
  /** Drizzle column builders that hold free text unless given `{ enum: [...] }` or `.$type<…>()`. */
  textColumns: string[];
}

const MAX_DEPTH = 6;

/** Why a declared type is not a closed set of statuses, or undefined when it is (or cannot be known). */
function openType(project: ProjectFacts, file: FileFacts, type: ts.TypeNode, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const SK = ts.SyntaxKind;
  switch (type.kind) {
    case SK.StringKeyword:
      return 'string';
    case SK.AnyKeyword:
      return 'any';
    case SK.UnknownKeyword:
      return 'unknown';
  }
  if (ts.isParenthesizedTypeNode(type)) return openType(project, file, type.type, depth);
  if (ts.isUnionTypeNode(type)) {
    for (const t of type.types) {
      const open = openType(project, file, t, depth + 1);
      if (open) return open;
    }
    return undefined;
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName;
    if (ts.isIdentifier(name) && name.text === 'String') return 'String';
    const resolved: Resolved | undefined = ts.isIdentifier(name)
      ? resolveIdentifier(project, file, name)
      : ts.isIdentifier(name.left) ? resolveMember(project, resolveIdentifier(project, file, name.left), name.right.text) : undefined;
    // An alias is as closed as what it names; enums, external and unknown types are given the benefit of the doubt.
    if (resolved?.kind === 'declaration' && ts.isTypeAliasDeclaration(resolved.node)) {
      const open = openType(project, resolved.file, resolved.node.type, depth + 1);
      return open ? `${resolved.node.name.text} (${open})` : undefined;
    }
  }
  return undefined;
}

/** A class property without a type: `status = 'pending'` is inferred as string; `status = Status.Pending` as the enum. */
function openInitializer(init: ts.Expression | undefined): string | undefined {
  if (!init) return undefined;
  const e = unwrap(init);
  return ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) ? 'string (inferred from its initializer)' : undefined;
}

/** A Drizzle column `text('status')` with no `{ enum: [...] }` and no `.$type<…>()`. */
function openColumn(column: ts.Expression, textColumns: readonly string[]): string | undefined {
  let builder: ts.CallExpression | undefined;
  let typed = false;
  for (let e: ts.Expression = unwrap(column); ts.isCallExpression(e); ) {
    const callee = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      if (callee.name.text === '$type' && e.typeArguments?.length) typed = true;
      e = unwrap(callee.expression);
    } else {
      builder = e;
      break;
    }
  }
  if (!builder || typed || !ts.isIdentifier(builder.expression) || !textColumns.includes(builder.expression.text)) return undefined;
  const hasEnum = builder.arguments.some((a) => {
    const o = unwrap(a);
    return ts.isObjectLiteralExpression(o) && o.properties.some((p) => p.name && propertyNameText(p.name) === 'enum');
  });
  return hasEnum ? undefined : `${builder.expression.text}() without { enum: [...] }`;
}

function whyOpen(project: ProjectFacts, model: JobModel, field: JobModelField, options: Options): string | undefined {
  const node = field.node;
  const file = node.getSourceFile() === model.file.sourceFile ? model.file : project.load(node.getSourceFile().fileName);
  if (!file) return undefined;
  if (field.typeNode) return openType(project, file, field.typeNode);
  if (ts.isPropertyDeclaration(node)) return openInitializer(node.initializer);
  if (ts.isPropertyAssignment(node)) return openColumn(node.initializer, options.textColumns);
  return undefined;
}

/** Findings, by message id; `type` says how the field is typed (`string`, `text()`, …). */
const messages = {
  openStatus: (d: { model: string; field: string; inherited: boolean; type: string }) =>
    `"${d.field}"${d.inherited ? ' (inherited)' : ''} of job model "${d.model}" is typed ${d.type}: any string can be written to it`,
};

/**
 * BG-005: a job model's status is typed with a closed set of statuses (a union of string literals,
 * an enum, an alias of either, a Drizzle enum column), so the compiler rejects a status outside it.
 */
export default defineCheck<Options, typeof messages>({
  meta: {
    name: 'status-typed',
    messages,
    description: "A job model's status field is typed with a union of string literals or an enum, not string.",
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        textColumns: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          default: ['text', 'varchar', 'char'],
          description: 'Drizzle column builders that hold free text unless given { enum: [...] } or .$type<...>().',
        },
      },
    },
    // Only for models that inherit their status; created lazily, at most once.
    needsTypes: true,
  },
  check(ctx) {
    const statusKey = normalizeFieldName(ctx.project.subjects.jobModel.statusField);
    for (const model of jobModelsOf(ctx.project, ctx.file)) {
      const field = model.fields.get(statusKey);
      if (!field) continue; // BG-001's finding
      const open = whyOpen(ctx.project, model, field, ctx.options);
      if (!open) continue;
      const own = field.node.getSourceFile() === ctx.file.sourceFile;
      ctx.report(own ? field.node : model.nameNode, 'openStatus', { model: model.name, field: field.name, inherited: !own, type: open });
    }
  },
});

/** Text prefilter (engine/prefilter.ts): only a file that declares a job model can be reported on. */
export const prefilter = (_options: Options, subjects: SubjectSettings) => jobModelNeedles(subjects);
