import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { declarationIn, declaredNames, moduleText } from './declarations.js';

/**
 * What a file exports, read once per file from its top-level statements (symbols.ts exportedName
 * answers every question from it). Nothing is followed here: other files are opened only when a
 * question needs them, so building the table reads no file but this one.
 */
export interface ExportTable {
  /** Names the file's own statements export (`export const`, `export default`): these win. First one wins. */
  own: ReadonlyMap<string, ExportBinding>;
  /** Names of export clauses (`export { a as b }`, `… from 'm'`, `export * as ns from 'm'`). First one wins. */
  clauses: ReadonlyMap<string, { binding: ExportBinding; /** How many of `stars` come before it. */ starsBefore: number }>;
  /** `export * from 'm'`, in source order. */
  stars: readonly string[];
}

/** How one exported name is bound, as written. */
export type ExportBinding =
  /** A declaration (or import) of this file, resolved as a local name; `extraHop` for `export default C`. */
  | { kind: 'local'; node: ts.Node; extraHop: boolean }
  /** Exactly this node: an `export default class/function` statement, or the expression of `export default …`. */
  | { kind: 'node'; node: ts.Node }
  /** `export { a as b }` with no `a` declared in the file: nothing to find. */
  | { kind: 'missing' }
  /** `export { name as … } from 'module'`. */
  | { kind: 'reexport'; module: string; name: string }
  /** `export * as ns from 'module'`. */
  | { kind: 'namespace'; module: string };

export function exportTableOf(project: ProjectFacts, file: FileFacts): ExportTable {
  return project.memo(`export-table:${file.path}`, () => buildExportTable(file.sourceFile.statements));
}

function buildExportTable(statements: readonly ts.Statement[]): ExportTable {
  const own = new Map<string, ExportBinding>();
  const clauses = new Map<string, { binding: ExportBinding; starsBefore: number }>();
  const stars: string[] = [];
  const setOwn = (name: string, binding: ExportBinding): void => {
    if (!own.has(name)) own.set(name, binding);
  };
  for (const statement of statements) {
    if (ts.isExportAssignment(statement)) {
      if (!statement.isExportEquals) setOwn('default', defaultExpressionBinding(statements, statement.expression));
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) readExportDeclaration(statements, statement, clauses, stars);
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      // `export default class C {}` exports `default`, not `C`.
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) setOwn('default', { kind: 'node', node: statement });
      else for (const [name, node] of declaredNames(statement)) setOwn(name, { kind: 'local', node, extraHop: false });
    }
  }
  return { own, clauses, stars };
}

/**
 * `export default AccessRequest;` after `class AccessRequest {…}`: the default is that declaration
 * (or import), not the identifier that names it. Any other expression is itself the default.
 */
function defaultExpressionBinding(statements: readonly ts.Statement[], expr: ts.Expression): ExportBinding {
  const decl = ts.isIdentifier(expr) ? declarationIn(statements, expr.text) : undefined;
  return decl ? { kind: 'local', node: decl, extraHop: true } : { kind: 'node', node: expr };
}

function readExportDeclaration(
  statements: readonly ts.Statement[],
  statement: ts.ExportDeclaration,
  clauses: Map<string, { binding: ExportBinding; starsBefore: number }>,
  stars: string[],
): void {
  const from = statement.moduleSpecifier ? moduleText(statement.moduleSpecifier) : undefined;
  const clause = statement.exportClause;
  const add = (name: string, binding: ExportBinding): void => {
    if (!clauses.has(name)) clauses.set(name, { binding, starsBefore: stars.length });
  };
  if (clause && ts.isNamedExports(clause)) {
    for (const spec of clause.elements) {
      const local = (spec.propertyName ?? spec.name).text;
      if (from !== undefined) add(spec.name.text, { kind: 'reexport', module: from, name: local });
      else {
        const decl = declarationIn(statements, local);
        add(spec.name.text, decl ? { kind: 'local', node: decl, extraHop: false } : { kind: 'missing' });
      }
    }
  } else if (clause && ts.isNamespaceExport(clause)) {
    if (from !== undefined) add(clause.name.text, { kind: 'namespace', module: from });
  } else if (!clause && from !== undefined) {
    stars.push(from);
  }
}

function hasModifier(statement: ts.Statement, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((m) => m.kind === kind) ?? false);
}
