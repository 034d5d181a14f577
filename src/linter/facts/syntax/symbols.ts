import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { bindingNamed, declarationIn, moduleText } from './declarations.js';
import { exportTableOf, type ExportBinding } from './export-table.js';

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

/**
 * What `name` exported from `file` is, following `export { a as b }`, `export … from` and `export *`.
 * The file's own export statements win; then its export clauses, except that an `export * from`
 * written before the clause naming `name` is asked first (the order the statements are written).
 */
export function exportedName(project: ProjectFacts, file: FileFacts, name: string, hops = 0): Resolved | undefined {
  if (hops > MAX_HOPS) return undefined;
  const table = exportTableOf(project, file);
  const own = table.own.get(name);
  if (own) return resolveBinding(project, file, own, hops);
  const clause = table.clauses.get(name);
  for (const module of clause ? table.stars.slice(0, clause.starsBefore) : table.stars) {
    const target = project.importedFile(file, module);
    const found = target ? exportedName(project, target, name, hops + 1) : undefined;
    if (found) return found;
  }
  return clause ? resolveBinding(project, file, clause.binding, hops) : undefined;
}

function resolveBinding(project: ProjectFacts, file: FileFacts, binding: ExportBinding, hops: number): Resolved | undefined {
  switch (binding.kind) {
    case 'local':
      return resolveDeclaration(project, file, binding.node, binding.extraHop ? hops + 1 : hops);
    case 'node':
      return { kind: 'declaration', file, node: binding.node };
    case 'missing':
      return undefined;
    case 'reexport': {
      const target = project.importedFile(file, binding.module);
      return target ? exportedName(project, target, binding.name, hops + 1) : { kind: 'external', module: normalizeModule(binding.module), name: binding.name };
    }
    case 'namespace':
      return { kind: 'namespace', module: binding.module, file: project.importedFile(file, binding.module) };
  }
}

/** Resolves `a.b` where `a` is a namespace import of a project file: the export `b` of that file. */
export function resolveMember(project: ProjectFacts, owner: Resolved | undefined, member: string): Resolved | undefined {
  if (owner?.kind === 'namespace') {
    if (owner.file) return exportedName(project, owner.file, member, 1);
    return { kind: 'external', module: normalizeModule(owner.module), name: member };
  }
  return undefined;
}
