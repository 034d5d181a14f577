import { ts } from 'ts-morph';
import { someNode } from './ast-utils.js';

/**
 * Constructors of the standard library (the lib the type checker is given, type-checker.ts) whose
 * instances are always that class: `new Error("boom")` is an Error whatever its arguments, never a
 * project type and never `any`. test/linter/facts/syntax/lib-constructors.test.ts asks the checker
 * about each one.
 */
export const LIB_CONSTRUCTORS: ReadonlySet<string> = new Set([
  'Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError',
  'Date', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise',
]);

/**
 * Does `expr` construct one of LIB_CONSTRUCTORS, by its global name? Only when nothing in the file
 * binds that name (an import, a variable, a parameter, a class of its own): then the name is the
 * global one. A global redeclared by the project itself (`declare var Error: any` in a script) is
 * not looked for.
 */
export function constructsLibClass(sourceFile: ts.SourceFile, expr: ts.Expression): boolean {
  let e = expr;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || !LIB_CONSTRUCTORS.has(e.expression.text)) return false;
  return !bindsName(sourceFile, e.expression.text);
}

/** Is `name` declared anywhere in the file, in any scope? */
function bindsName(sourceFile: ts.SourceFile, name: string): boolean {
  return someNode(sourceFile, (n) => {
    const declared = (n as { name?: ts.Node }).name;
    return declared !== undefined && ts.isIdentifier(declared) && declared.text === name && isBinding(n);
  });
}

function isBinding(n: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n) || ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) || ts.isClassDeclaration(n) || ts.isClassExpression(n) || ts.isImportClause(n) ||
    ts.isImportSpecifier(n) || ts.isNamespaceImport(n) || ts.isImportEqualsDeclaration(n) || ts.isEnumDeclaration(n) ||
    ts.isModuleDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isTypeParameterDeclaration(n)
  );
}
