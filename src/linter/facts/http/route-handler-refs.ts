import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { ProjectFacts } from '../project/project-facts.js';
import { propertyNameText, unwrap } from '../syntax/fold.js';
import { resolveIdentifier, resolveMember, type Resolved } from '../syntax/symbols.js';
import { enclosingClass, functionName } from '../syntax/ast-utils.js';

/**
 * What a route registration's handler argument is: an inline function, or a reference followed to
 * the function it names — a function declaration or `const` function (also imported), a member of
 * an object literal or class (`controller.create`, `new Controller().create`, `Ctrl.create`), through
 * `.bind(…)` and wrappers like `asyncHandler(fn)`. Syntax only; no type checker.
 */
export type HandlerRef =
  | { kind: 'function'; fn: ts.FunctionLikeDeclaration; file: FileFacts; name?: string }
  /** A reference that may be a function but cannot be followed (a package's export, a parameter). */
  | { kind: 'unresolved'; name?: string }
  /** Certainly not a function: an object, a string, a number, an array (a client call's body). */
  | { kind: 'value' };

const MAX_DEPTH = 8;
const VALUE: HandlerRef = { kind: 'value' };

export function followHandler(project: ProjectFacts, file: FileFacts, arg: ts.Expression, depth = 0): HandlerRef {
  if (depth > MAX_DEPTH) return { kind: 'unresolved' };
  const e = unwrap(arg);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { kind: 'function', fn: e, file, name: functionName(e) };
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined') return VALUE;
    return fromResolved(project, resolveIdentifier(project, file, e), e.text, depth);
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) return followMember(project, file, e, depth);
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    // `this.create.bind(this)`, `handler.bind(ctrl)`
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return followHandler(project, file, callee.expression, depth + 1);
    // `asyncHandler(async (req, res) => …)`, `wrap(handler)`: the wrapped function is the handler.
    for (let i = e.arguments.length - 1; i >= 0; i--) {
      const inner = followHandler(project, file, e.arguments[i]!, depth + 1);
      if (inner.kind === 'function') return inner;
    }
    return { kind: 'unresolved' };
  }
  if (ts.isConditionalExpression(e)) return { kind: 'unresolved' };
  return VALUE;
}

function fromResolved(project: ProjectFacts, resolved: Resolved | undefined, name: string | undefined, depth: number): HandlerRef {
  if (!resolved || resolved.kind !== 'declaration') return { kind: 'unresolved', name };
  const node = resolved.node;
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    return { kind: 'function', fn: node, file: resolved.file, name: functionName(node) ?? name };
  }
  if (ts.isVariableDeclaration(node)) {
    if (!node.initializer) return { kind: 'unresolved', name };
    const inner = followHandler(project, resolved.file, node.initializer, depth + 1);
    return inner.kind === 'function' ? { ...inner, name: ts.isIdentifier(node.name) ? node.name.text : inner.name } : inner;
  }
  if (ts.isExportAssignment(node)) return followHandler(project, resolved.file, node.expression, depth + 1);
  if (ts.isExpression(node)) return followHandler(project, resolved.file, node, depth + 1);
  if (ts.isClassDeclaration(node) || ts.isEnumDeclaration(node)) return VALUE;
  return { kind: 'unresolved', name };
}

/** `controller.create`, `ns.create` (namespace import), `Ctrl.create` (static), `this.create`. */
function followMember(project: ProjectFacts, file: FileFacts, e: ts.PropertyAccessExpression, depth: number): HandlerRef {
  const member = (e.name as ts.Identifier).text;
  const owner = unwrap(e.expression);
  if (owner.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(e);
    const method = cls ? memberOfClass(cls, member) : undefined;
    return method ? { kind: 'function', fn: method, file, name: member } : { kind: 'unresolved', name: member };
  }
  if (!ts.isIdentifier(owner)) return { kind: 'unresolved', name: member };
  const resolved = resolveIdentifier(project, file, owner);
  if (resolved?.kind === 'namespace') return fromResolved(project, resolveMember(project, resolved, member), member, depth + 1);
  if (resolved?.kind !== 'declaration') return { kind: 'unresolved', name: member };
  const found = memberOfDeclaration(project, resolved.file, resolved.node, member, depth);
  return found ?? { kind: 'unresolved', name: member };
}

function memberOfDeclaration(project: ProjectFacts, file: FileFacts, node: ts.Node, member: string, depth: number): HandlerRef | undefined {
  if (ts.isClassDeclaration(node)) {
    const method = memberOfClass(node, member);
    return method ? { kind: 'function', fn: method, file, name: member } : undefined;
  }
  if (!ts.isVariableDeclaration(node) || !node.initializer) return undefined;
  const init = unwrap(node.initializer);
  if (ts.isObjectLiteralExpression(init)) {
    for (const prop of init.properties) {
      if (prop.name === undefined || propertyNameText(prop.name) !== member) continue;
      if (ts.isMethodDeclaration(prop)) return { kind: 'function', fn: prop, file, name: member };
      if (ts.isPropertyAssignment(prop)) {
        const inner = followHandler(project, file, prop.initializer, depth + 1);
        return inner.kind === 'function' ? { ...inner, name: member } : inner;
      }
      if (ts.isShorthandPropertyAssignment(prop)) return followHandler(project, file, prop.name, depth + 1);
    }
    return undefined;
  }
  // `const controller = new ImportController()` → the class's method.
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
    const cls = resolveIdentifier(project, file, init.expression);
    if (cls?.kind === 'declaration' && ts.isClassDeclaration(cls.node)) {
      const method = memberOfClass(cls.node, member);
      return method ? { kind: 'function', fn: method, file: cls.file, name: member } : undefined;
    }
  }
  return undefined;
}

function memberOfClass(cls: ts.ClassLikeDeclaration, member: string): ts.FunctionLikeDeclaration | undefined {
  for (const m of cls.members) {
    if (m.name === undefined || propertyNameText(m.name) !== member) continue;
    if (ts.isMethodDeclaration(m)) return m;
    if (ts.isPropertyDeclaration(m) && m.initializer) {
      const init = unwrap(m.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return undefined;
}
