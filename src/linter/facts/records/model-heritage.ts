import { dirname, resolve } from 'node:path';
import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { propertyNameText } from '../syntax/fold.js';
import { declaredNames } from '../syntax/declarations.js';
import { resolveIdentifier, resolveMember, type Resolved } from '../syntax/symbols.js';

/**
 * The members a job model inherits through `extends`, read from the declarations themselves: the
 * type checker's answer (`getDeclaredTypeOfSymbol(model).getProperties()`) without building a
 * program over everything the model file imports, transitively (on a real code base that program
 * was a fifth of a cold run, for one `class ImportTask extends IdModel`).
 *
 * Syntax answers only where it gives the checker's answer exactly; anything else returns undefined
 * and the caller asks the checker:
 * - each class or interface of the chain is declared once, at the top of a module file (no
 *   declaration merging, no global script declarations, no JavaScript `this.x =` members), and no
 *   `declare module` block of the project names it (an augmentation would add members);
 * - each `extends` names, directly or through imports and re-exports, a class (or, for an
 *   interface, a class or interface) of the project, or a binding of a package the project's
 *   resolver does not find: that is `any` to the checker, which then inherits nothing from it;
 * - no member of the chain has a computed name other than a string literal (a `[KEY]` member may
 *   shadow an inherited one), and the chain has no cycle.
 *
 * The order is the checker's: the model's own instance members shadow a base's members of the same
 * name, then each base in `extends` order with its own members (declaration order, constructor
 * parameter properties where the constructor stands), then its bases, depth first.
 */
export function inheritedMembersBySyntax(
  project: ProjectFacts,
  file: FileFacts,
  model: ts.ClassLikeDeclaration | ts.InterfaceDeclaration,
): ts.Node[] | undefined {
  const augmented = augmentedNames(project);
  const out: ts.Node[] = [];
  const shadowed = new Set<string>();
  const onPath = new Set<ts.Node>();
  const done = new Set<ts.Node>();

  const visit = (decl: ts.ClassLikeDeclaration | ts.InterfaceDeclaration, owner: FileFacts, own: boolean): boolean => {
    if (!standsAlone(decl, owner, augmented)) return false;
    if (onPath.has(decl)) return false;
    if (done.has(decl)) return true;
    onPath.add(decl);
    project.load(owner.path);
    const members = instanceMembers(decl);
    if (members === undefined) return false;
    for (const { name, node } of members) {
      if (shadowed.has(name)) continue;
      shadowed.add(name);
      if (!own && isFieldLike(node)) out.push(node);
    }
    for (const clause of decl.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      for (const type of clause.types) {
        const base = resolveBase(project, owner, type.expression);
        if (base === 'any') continue;
        if (base === undefined) return false;
        const fits = ts.isClassDeclaration(base.node) || (ts.isInterfaceDeclaration(base.node) && ts.isInterfaceDeclaration(decl));
        if (!fits) return false;
        if (!visit(base.node as ts.ClassDeclaration | ts.InterfaceDeclaration, base.file, false)) return false;
      }
    }
    onPath.delete(decl);
    done.add(decl);
    return true;
  };
  return visit(model, file, true) ? out : undefined;
}

function isFieldLike(node: ts.Node): boolean {
  return ts.isPropertyDeclaration(node) || ts.isPropertySignature(node) || ts.isParameter(node);
}

/** Declared once, at the top of a TypeScript module, named, and not augmented anywhere. */
function standsAlone(decl: ts.ClassLikeDeclaration | ts.InterfaceDeclaration, owner: FileFacts, augmented: Set<string>): boolean {
  if (owner.isJavaScript || !ts.isSourceFile(decl.parent) || !ts.isExternalModule(decl.parent)) return false;
  const name = decl.name?.text;
  if (name === undefined) return true;
  if (augmented.has(name)) return false;
  return declarationCount(decl.parent.statements, name) === 1;
}

/** How many top-level statements declare `name` (imports, values and types alike). */
function declarationCount(statements: readonly ts.Statement[], name: string): number {
  let n = 0;
  for (const s of statements) {
    if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name) && s.name.text === name) n += 1;
    else if (ts.isImportDeclaration(s) && s.importClause) {
      const clause = s.importClause;
      if (clause.name?.text === name) n += 1;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) n += 1;
      if (bindings && ts.isNamedImports(bindings)) n += bindings.elements.filter((e) => e.name.text === name).length;
    } else if (ts.isImportEqualsDeclaration(s) && s.name.text === name) n += 1;
    else n += declaredNames(s).filter(([declared]) => declared === name).length;
  }
  return n;
}

/**
 * The names the instance type lists, in the binder's order: every non-static member with a name
 * (methods and accessors shadow too, though they are no fields), constructor parameter properties
 * where the constructor stands. Undefined when a name is computed (syntax cannot know it).
 * Private `#names` are left out: they are unique per class and never shadow anything.
 */
function instanceMembers(decl: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): { name: string; node: ts.Node }[] | undefined {
  const out: { name: string; node: ts.Node }[] = [];
  for (const member of decl.members as readonly (ts.ClassElement | ts.TypeElement)[]) {
    if (ts.isConstructorDeclaration(member)) {
      for (const p of member.parameters) {
        if (!ts.isParameterPropertyDeclaration(p, member)) continue;
        if (!ts.isIdentifier(p.name)) return undefined;
        out.push({ name: p.name.text, node: p });
      }
      continue;
    }
    if (ts.isClassStaticBlockDeclaration(member) || ts.isIndexSignatureDeclaration(member) || ts.isSemicolonClassElement(member)) continue;
    if (ts.isCallSignatureDeclaration(member) || ts.isConstructSignatureDeclaration(member)) continue;
    if (ts.canHaveModifiers(member) && ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
    const nameNode = member.name;
    if (nameNode === undefined) return undefined;
    if (ts.isPrivateIdentifier(nameNode)) continue;
    const name = ts.isNumericLiteral(nameNode) ? undefined : propertyNameText(nameNode);
    if (name === undefined) return undefined;
    out.push({ name, node: member });
  }
  return out;
}

/**
 * What an `extends` names: a declaration of the project; 'any' for a package binding the resolver
 * does not find (the checker types it `any`); undefined when syntax cannot tell (a global such as
 * `Error`, a call such as `Mixin(Base)`, a namespace).
 */
function resolveBase(project: ProjectFacts, file: FileFacts, expr: ts.Expression): { file: FileFacts; node: ts.Node } | 'any' | undefined {
  let resolved: Resolved | undefined;
  if (ts.isIdentifier(expr)) {
    if (declarationCount(file.sourceFile.statements, expr.text) > 1) return undefined;
    resolved = resolveIdentifier(project, file, expr);
  } else if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) && ts.isIdentifier(expr.name)) {
    const owner = resolveIdentifier(project, file, expr.expression);
    if (owner?.kind !== 'namespace') return undefined;
    resolved = resolveMember(project, owner, expr.name.text);
  }
  if (resolved?.kind === 'external') return 'any';
  if (resolved?.kind === 'declaration') return { file: resolved.file, node: resolved.node };
  return undefined;
}

/**
 * Names declared inside `declare module '…' { … }` blocks (augmentations of a module, or an ambient
 * module standing in for a package): any identifier written there, to be safe. The project's files
 * whose text says `declare module` are read for it, and the declaration files a project file names
 * with `/// <reference path>` (the checker's program would hold them); once per run.
 */
function augmentedNames(project: ProjectFacts): Set<string> {
  return project.memo('model-heritage:augmented', () => {
    const names = new Set<string>();
    const collect = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) names.add(n.text);
      ts.forEachChild(n, collect);
    };
    const visit = (n: ts.Node): void => {
      if (ts.isModuleDeclaration(n) && ts.isStringLiteralLike(n.name)) collect(n);
      else ts.forEachChild(n, visit);
    };
    const seen = new Set<string>();
    const work = [...project.filesContaining(['declare module']), ...project.filesContaining(['<reference path'])];
    for (let f = work.pop(); f; f = work.pop()) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      visit(f.sourceFile);
      for (const ref of f.sourceFile.referencedFiles) {
        const target = project.load(resolve(dirname(f.path), ref.fileName));
        if (target) work.push(target);
      }
    }
    return names;
  });
}
