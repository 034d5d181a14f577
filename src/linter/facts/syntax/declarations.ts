import { ts } from 'ts-morph';

/**
 * What a list of statements declares, by name, as written: the syntax name resolution
 * (symbols.ts) and the export table (export-table.ts) both read. Nothing is followed here.
 */

/** Finds `name` declared directly in a list of statements (not nested). */
export function declarationIn(statements: readonly ts.Statement[], name: string): ts.Node | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const found = bindingNamed(decl.name, name);
        if (found) return found === decl.name ? decl : found;
      }
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
      statement.name?.text === name
    ) {
      return statement;
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name?.text === name) return clause;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) return bindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const spec of bindings.elements) if (spec.name.text === name) return spec;
      }
    }
  }
  return undefined;
}

/** The identifier or binding element that binds `name` in a (possibly destructuring) binding name. */
export function bindingNamed(binding: ts.BindingName, name: string): ts.Node | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? binding : undefined;
  return bindingElementNamed(binding, name);
}

/** The element of a destructuring pattern that binds `name`, at any depth: `{ a: [b] }` binds b. */
export function bindingElementNamed(pattern: ts.BindingPattern, name: string): ts.BindingElement | undefined {
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) {
      if (element.name.text === name) return element;
    } else {
      const inner = bindingElementNamed(element.name, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * Every name an exported statement declares, with the node declarationIn([statement], name) finds
 * for it, first occurrence first: `export const a = 1, { b } = o` → a (its declaration), b (its
 * binding element); `export function f` / class / enum / interface / type alias → the statement.
 */
export function declaredNames(statement: ts.Statement): [string, ts.Node][] {
  const out: [string, ts.Node][] = [];
  if (ts.isVariableStatement(statement)) {
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name)) out.push([decl.name.text, decl]);
      else bindingElements(decl.name, out);
    }
  } else if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
    statement.name
  ) {
    out.push([statement.name.text, statement]);
  }
  return out;
}

function bindingElements(pattern: ts.BindingPattern, out: [string, ts.Node][]): void {
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) out.push([element.name.text, element]);
    else bindingElements(element.name, out);
  }
}

/** A module specifier's text; '' when it is not a string (a syntax error). */
export function moduleText(specifier: ts.Expression): string {
  return ts.isStringLiteralLike(specifier) ? specifier.text : '';
}
