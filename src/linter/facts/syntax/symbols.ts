import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';

/**
 * Syntactic name resolution across the project's files: what an identifier refers to, following
 * imports, re-exports, aliases and `require`. No type checker: it is cheap, and enough for constants,
 * enums, callee names and model references.
 */
export type Resolved =
  | { kind: 'declaration'; file: FileFacts; node: ts.Node }
  /** A binding imported from a package: `import { execSync as sh } from 'child_process'` → execSync. */
  | { kind: 'external'; module: string; name: string }
  /** A whole module: `import * as cp from 'node:child_process'`, `const cp = require('child_process')`. */
  | { kind: 'namespace'; module: string; file: FileFacts | undefined };

const MAX_HOPS = 16;

function isScope(node: ts.Node): node is ts.Node & { statements: ts.NodeArray<ts.Statement> } {
  return ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

function requiredModule(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  let e = expr;
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isCallExpression(e) && e.arguments.length === 1) {
    const arg = e.arguments[0]!;
    const isRequire = ts.isIdentifier(e.expression) && e.expression.text === 'require';
    const isDynamicImport = e.expression.kind === ts.SyntaxKind.ImportKeyword;
    if ((isRequire || isDynamicImport) && ts.isStringLiteralLike(arg)) return arg.text;
  }
  return undefined;
}

/** Finds `name` declared directly in a list of statements (not nested). */
function declarationIn(statements: readonly ts.Statement[], name: string): ts.Node | undefined {
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
function bindingNamed(binding: ts.BindingName, name: string): ts.Node | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? binding : undefined;
  for (const element of binding.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) {
      if (element.name.text === name) return element;
    } else {
      const inner = bindingNamed(element.name, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

function isParameterOf(node: ts.Node, name: string): boolean {
  return (
    ts.isFunctionLike(node) &&
    node.parameters.some((p) => bindingNamed(p.name, name) !== undefined)
  );
}

/** Resolves an identifier where it is used. */
export function resolveIdentifier(project: ProjectFacts, file: FileFacts, id: ts.Identifier): Resolved | undefined {
  return resolveName(project, file, id.text, id, 0);
}

function resolveName(project: ProjectFacts, file: FileFacts, name: string, from: ts.Node, hops: number): Resolved | undefined {
  for (let node: ts.Node | undefined = from.parent; node; node = node.parent) {
    if (isParameterOf(node, name)) return undefined;
    if (isScope(node)) {
      const decl = declarationIn(node.statements, name);
      if (decl) return resolveDeclaration(project, file, decl, hops);
    }
  }
  return undefined;
}

function resolveDeclaration(project: ProjectFacts, file: FileFacts, decl: ts.Node, hops: number): Resolved | undefined {
  if (hops > MAX_HOPS) return undefined;
  if (ts.isImportClause(decl)) {
    return importedBinding(project, file, (decl.parent as ts.ImportDeclaration).moduleSpecifier, 'default', hops);
  }
  if (ts.isNamespaceImport(decl)) {
    const module = moduleText(decl.parent.parent.moduleSpecifier);
    return { kind: 'namespace', module, file: project.importedFile(file, module) };
  }
  if (ts.isImportSpecifier(decl)) {
    const imported = (decl.propertyName ?? decl.name).text;
    return importedBinding(project, file, decl.parent.parent.parent.moduleSpecifier, imported, hops);
  }
  if (ts.isVariableDeclaration(decl)) {
    const module = requiredModule(decl.initializer);
    if (module !== undefined) return { kind: 'namespace', module, file: project.importedFile(file, module) };
    return { kind: 'declaration', file, node: decl };
  }
  if (ts.isBindingElement(decl)) {
    // const { execSync: run } = require('child_process')
    let root: ts.Node = decl;
    while (ts.isBindingElement(root) || ts.isObjectBindingPattern(root) || ts.isArrayBindingPattern(root)) root = root.parent;
    if (ts.isVariableDeclaration(root) && ts.isObjectBindingPattern(decl.parent)) {
      const module = requiredModule(root.initializer);
      const key = decl.propertyName && ts.isIdentifier(decl.propertyName) ? decl.propertyName.text : ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      if (module !== undefined && key !== undefined) {
        const target = project.importedFile(file, module);
        if (target) return exportedName(project, target, key, hops + 1);
        return { kind: 'external', module: normalizeModule(module), name: key };
      }
    }
    return { kind: 'declaration', file, node: decl };
  }
  return { kind: 'declaration', file, node: decl };
}

function moduleText(specifier: ts.Expression): string {
  return ts.isStringLiteralLike(specifier) ? specifier.text : '';
}

/** `node:child_process` and `child_process` are one module. */
export function normalizeModule(module: string): string {
  return module.startsWith('node:') ? module.slice(5) : module;
}

function importedBinding(project: ProjectFacts, file: FileFacts, specifier: ts.Expression, name: string, hops: number): Resolved | undefined {
  const module = moduleText(specifier);
  const target = project.importedFile(file, module);
  if (!target) return { kind: 'external', module: normalizeModule(module), name };
  return exportedName(project, target, name, hops + 1);
}

/** What `name` exported from `file` is, following `export { a as b }`, `export … from` and `export *`. */
export function exportedName(project: ProjectFacts, file: FileFacts, name: string, hops = 0): Resolved | undefined {
  if (hops > MAX_HOPS) return undefined;
  const statements = file.sourceFile.statements;
  for (const statement of statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (name === 'default' && ts.isExportAssignment(statement) && !statement.isExportEquals) {
      // `class AccessRequest {…}` … `export default AccessRequest;`: the default is that declaration
      // (or import), not the identifier that names it.
      const expr = statement.expression;
      if (ts.isIdentifier(expr)) {
        const decl = declarationIn(statements, expr.text);
        if (decl) return resolveDeclaration(project, file, decl, hops + 1);
      }
      return { kind: 'declaration', file, node: expr };
    }
    if (!exported) continue;
    const isDefault = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (name === 'default' && isDefault) return { kind: 'declaration', file, node: statement };
    const decl = declarationIn([statement], name);
    if (decl && !isDefault) return resolveDeclaration(project, file, decl, hops);
  }
  for (const statement of statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const from = statement.moduleSpecifier ? moduleText(statement.moduleSpecifier) : undefined;
    const clause = statement.exportClause;
    if (clause && ts.isNamedExports(clause)) {
      for (const spec of clause.elements) {
        if (spec.name.text !== name) continue;
        const local = (spec.propertyName ?? spec.name).text;
        if (from === undefined) {
          const decl = declarationIn(statements, local);
          return decl ? resolveDeclaration(project, file, decl, hops) : undefined;
        }
        const target = project.importedFile(file, from);
        return target ? exportedName(project, target, local, hops + 1) : { kind: 'external', module: normalizeModule(from), name: local };
      }
    } else if (clause && ts.isNamespaceExport(clause) && clause.name.text === name && from !== undefined) {
      return { kind: 'namespace', module: from, file: project.importedFile(file, from) };
    } else if (!clause && from !== undefined) {
      const target = project.importedFile(file, from);
      const found = target ? exportedName(project, target, name, hops + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** Resolves `a.b` where `a` is a namespace import of a project file: the export `b` of that file. */
export function resolveMember(project: ProjectFacts, owner: Resolved | undefined, member: string): Resolved | undefined {
  if (owner?.kind === 'namespace') {
    if (owner.file) return exportedName(project, owner.file, member, 1);
    return { kind: 'external', module: normalizeModule(owner.module), name: member };
  }
  return undefined;
}
