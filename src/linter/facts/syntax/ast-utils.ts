import { ts } from 'ts-morph';
import { propertyNameText, unwrap } from './fold.js';

/**
 * Small questions about compiler nodes that facts and checks ask again and again (ESLint keeps the
 * same kind in `ast-utils.js`). Syntax only: no project, no resolution. Each answer is pinned by a
 * table in test/linter/facts/syntax/ast-utils.test.ts.
 */

export interface FunctionNameOptions {
  /**
   * Whether a class field's initializer is named by the field (`poll = () => …` → `poll`).
   * Default true; BG-041's "the function a timer is inside of" has never counted class fields.
   */
  classFields?: boolean;
}

/**
 * The name a function is known by, or undefined when it is anonymous:
 * - its own name: `function run()`, `run() {}`, `#run() {}` (with the `#`), `'run'() {}`, a named
 *   `function run() {}` expression (even when assigned to another name);
 * - the variable it initializes: `const run = () => …` (not a destructuring pattern);
 * - the key it is the value of: `{ run: () => … }`, and a class field `run = () => …` (see
 *   `classFields`); keys as propertyNameText reads them (`1`, `['run']`, `#run`);
 * - anything else is anonymous: `export default function () {}`, `export default () => …`, a
 *   callback argument, a parenthesized initializer `const run = (() => …)` (the parent is the
 *   parentheses), a numeric or computed method name.
 */
export function functionName(fn: ts.FunctionLikeDeclaration, options: FunctionNameOptions = {}): string | undefined {
  const own = fn.name;
  if (own && (ts.isIdentifier(own) || ts.isPrivateIdentifier(own) || ts.isStringLiteral(own))) return own.text;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p)) return propertyNameText(p.name);
  if (ts.isPropertyDeclaration(p) && options.classFields !== false) return propertyNameText(p.name);
  return undefined;
}

/**
 * The name of the nearest function around `node` that has one (functionName): the functions
 * counted are declarations, methods, function expressions and arrows (not accessors or
 * constructors); an anonymous callback in between is looked through.
 */
export function enclosingFunctionName(node: ts.Node, options: FunctionNameOptions = {}): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n)) {
      const name = functionName(n, options);
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

/**
 * The function a declaration holds: the function itself (declaration, method, arrow, function
 * expression), or the function a variable, class field or object property is initialized with.
 */
export function functionOfDeclaration(node: ts.Node | undefined): ts.FunctionLikeDeclaration | undefined {
  if (!node) return undefined;
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) && node.initializer) {
    const init = unwrap(node.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** The nearest class a node is written in, however many functions lie between. */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isClassLike(n)) return n;
  return undefined;
}

/**
 * The class whose instance `this` is at `node`: the nearest class, unless a `function` declaration
 * or expression in between rebinds `this` (arrow functions and methods keep the class's).
 */
export function classOfThis(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

export interface SomeNodeOptions {
  /** Do not look inside functions (a function node itself is still tested; `root` too is not entered when it is one). */
  skipFunctions?: boolean;
}

/**
 * Does `root` or any node under it satisfy `predicate`? Depth first in source order, stopping at the
 * first hit (ts.forEachChild stops when its callback returns a truthy value).
 */
export function someNode(root: ts.Node, predicate: (node: ts.Node) => boolean, options: SomeNodeOptions = {}): boolean {
  return findNode(root, predicate, options) !== undefined;
}

/** The first node (someNode's order) that satisfies `predicate`: `root` itself, or one under it. */
export function findNode<T extends ts.Node>(root: ts.Node, predicate: (node: ts.Node) => node is T, options?: SomeNodeOptions): T | undefined;
export function findNode(root: ts.Node, predicate: (node: ts.Node) => boolean, options?: SomeNodeOptions): ts.Node | undefined;
export function findNode(root: ts.Node, predicate: (node: ts.Node) => boolean, options: SomeNodeOptions = {}): ts.Node | undefined {
  const skipFunctions = options.skipFunctions === true;
  const visit = (n: ts.Node): ts.Node | undefined => {
    if (predicate(n)) return n;
    return skipFunctions && ts.isFunctionLike(n) ? undefined : ts.forEachChild(n, visit);
  };
  return visit(root);
}

/**
 * Does `node` use one of `names` as a value? An identifier counts unless it is the property of a
 * member access (`x.trx`) or an object key (`{ trx: 1 }`); a shorthand `{ trx }` is a use.
 */
export function mentionsIdentifier(node: ts.Node, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  return someNode(node, (n) => ts.isIdentifier(n) && names.includes(n.text) && !isPropertyNameOnly(n));
}

function isPropertyNameOnly(id: ts.Identifier): boolean {
  const p = id.parent;
  return (ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id);
}
