import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import {
  classOfThis,
  enclosingClass,
  enclosingFunctionName,
  findNode,
  functionName,
  functionOfDeclaration,
  mentionsIdentifier,
  someNode,
} from '../../../../src/linter/facts/syntax/ast-utils.js';

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.Latest, true);
}

function all<T extends ts.Node>(root: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  const visit = (n: ts.Node): void => {
    if (test(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(root);
  return out;
}

/** The first function-like node of a snippet (declaration, method, arrow, function expression). */
function firstFunction(code: string): ts.FunctionLikeDeclaration {
  const fns = all(parse(code), (n): n is ts.FunctionLikeDeclaration => ts.isFunctionLike(n) && 'body' in n);
  if (!fns[0]) throw new Error(`no function in ${code}`);
  return fns[0];
}

/** The call `mark()` in a snippet: where "the enclosing …" is asked. */
function marker(code: string): ts.CallExpression {
  const call = all(parse(code), ts.isCallExpression).find((c) => ts.isIdentifier(c.expression) && c.expression.text === 'mark');
  if (!call) throw new Error(`no mark() in ${code}`);
  return call;
}

describe('functionName', () => {
  it.each([
    ['function declaration', 'function run() {}', 'run'],
    ['method', 'class A { run() {} }', 'run'],
    ['private method', 'class A { #run() {} }', '#run'],
    ['string-literal method', "class A { 'run'() {} }", 'run'],
    ['numeric method name', 'class A { 1() {} }', undefined],
    ['computed method name', "class A { ['run']() {} }", undefined],
    ['named function expression (own name wins)', 'const a = function run() {};', 'run'],
    ['variable initializer (arrow)', 'const run = () => 1;', 'run'],
    ['variable initializer (function expression)', 'const run = function () {};', 'run'],
    ['destructuring pattern', 'const { a } = () => 1;', undefined],
    ['parenthesized initializer', 'const run = (() => 1);', undefined],
    ['property assignment', 'const o = { run: () => 1 };', 'run'],
    ['property assignment, computed string key', "const o = { ['run']: () => 1 };", 'run'],
    ['property assignment, numeric key', 'const o = { 1: () => 1 };', '1'],
    ['property assignment, computed identifier key', 'const o = { [k]: () => 1 };', undefined],
    ['class field arrow', 'class A { run = () => 1; }', 'run'],
    ['private class field arrow', 'class A { #run = () => 1; }', '#run'],
    ['default export function', 'export default function () {}', undefined],
    ['default export arrow', 'export default () => 1;', undefined],
    ['anonymous callback', 'go(() => 1);', undefined],
  ])('%s', (_label, code, expected) => {
    expect(functionName(firstFunction(code))).toBe(expected);
  });

  it('classFields: false leaves a class field arrow anonymous, and nothing else', () => {
    expect(functionName(firstFunction('class A { run = () => 1; }'), { classFields: false })).toBeUndefined();
    expect(functionName(firstFunction('const o = { run: () => 1 };'), { classFields: false })).toBe('run');
    expect(functionName(firstFunction('class A { run() {} }'), { classFields: false })).toBe('run');
  });
});

describe('enclosingFunctionName', () => {
  it.each([
    ['inside a function declaration', 'function poll() { mark(); }', 'poll'],
    ['inside a method', 'class A { poll() { mark(); } }', 'poll'],
    ['through an anonymous callback', 'function poll() { go(() => mark()); }', 'poll'],
    ['the nearest named one', 'function outer() { const inner = () => mark(); }', 'inner'],
    ['an accessor is not counted', 'class A { get poll() { return mark(); } }', undefined],
    ['top level', 'mark();', undefined],
    ['class field arrow', 'class A { poll = () => mark(); }', 'poll'],
  ])('%s', (_label, code, expected) => {
    expect(enclosingFunctionName(marker(code))).toBe(expected);
  });

  it('classFields: false looks past a class field arrow', () => {
    expect(enclosingFunctionName(marker('class A { poll = () => mark(); }'), { classFields: false })).toBeUndefined();
    expect(enclosingFunctionName(marker('function outer() { class A { poll = () => mark(); } }'), { classFields: false })).toBe('outer');
  });
});

describe('functionOfDeclaration', () => {
  const declarationIn = (code: string): ts.Node => parse(code).statements[0]!;
  it.each([
    ['function declaration', 'function run() {}', ts.SyntaxKind.FunctionDeclaration],
    ['const arrow', 'const run = () => 1;', ts.SyntaxKind.ArrowFunction],
    ['const function expression behind `as`', 'const run = (function () {}) as Fn;', ts.SyntaxKind.FunctionExpression],
    ['const value', 'const run = 1;', undefined],
    ['let without initializer', 'let run;', undefined],
    ['class', 'class Run {}', undefined],
  ])('%s', (_label, code, kind) => {
    const statement = declarationIn(code);
    const node = ts.isVariableStatement(statement) ? statement.declarationList.declarations[0]! : statement;
    expect(functionOfDeclaration(node)?.kind).toBe(kind);
  });

  it('class fields, object properties and methods', () => {
    const cls = parse('class A { run = () => 1; size = 1; go() {} }').statements[0] as ts.ClassDeclaration;
    expect(functionOfDeclaration(cls.members[0])?.kind).toBe(ts.SyntaxKind.ArrowFunction);
    expect(functionOfDeclaration(cls.members[1])).toBeUndefined();
    expect(functionOfDeclaration(cls.members[2])?.kind).toBe(ts.SyntaxKind.MethodDeclaration);
    const [prop] = all(parse('const o = { run: function () {} };'), ts.isPropertyAssignment);
    expect(functionOfDeclaration(prop)?.kind).toBe(ts.SyntaxKind.FunctionExpression);
    expect(functionOfDeclaration(undefined)).toBeUndefined();
  });
});

describe('enclosingClass and classOfThis', () => {
  it.each([
    ['in a method', 'class A { go() { mark(); } }', 'A', 'A'],
    ['in an arrow in a method (keeps this)', 'class A { go() { run(() => mark()); } }', 'A', 'A'],
    ['in a function expression in a method (rebinds this)', 'class A { go() { run(function () { mark(); }); } }', 'A', undefined],
    ['in a function declaration in a method', 'class A { go() { function f() { mark(); } } }', 'A', undefined],
    ['in a class field initializer', 'class A { x = mark(); }', 'A', 'A'],
    ['nested classes: the inner one', 'class A { go() { class B { m() { mark(); } } } }', 'B', 'B'],
    ['outside any class', 'function f() { mark(); }', undefined, undefined],
  ])('%s', (_label, code, lexical, ofThis) => {
    const at = marker(code);
    expect(enclosingClass(at)?.name?.text).toBe(lexical);
    expect(classOfThis(at)?.name?.text).toBe(ofThis);
  });
});

describe('someNode', () => {
  const isCall = (n: ts.Node): boolean => ts.isCallExpression(n);

  it('tests the root itself and everything under it', () => {
    const sf = parse('const a = 1; if (a) { go(); }');
    expect(someNode(sf, isCall)).toBe(true);
    expect(someNode(sf.statements[0]!, isCall)).toBe(false);
    const [call] = all(sf, ts.isCallExpression);
    expect(someNode(call!, isCall)).toBe(true);
  });

  it('walks into nested functions', () => {
    expect(someNode(parse('function f() { return () => go(); }'), isCall)).toBe(true);
  });

  it('skipFunctions: nested functions are tested but not entered', () => {
    const isThrow = (n: ts.Node): boolean => ts.isThrowStatement(n);
    const [block] = parse('try { run(() => { throw e; }); } catch (e) { if (x) throw e; }').statements as unknown as ts.TryStatement[];
    expect(someNode(block!.tryBlock, isThrow)).toBe(true);
    expect(someNode(block!.tryBlock, isThrow, { skipFunctions: true })).toBe(false);
    expect(someNode(block!.catchClause!.block, isThrow, { skipFunctions: true })).toBe(true);
    const arrow = firstFunction('const f = () => { throw e; };');
    expect(someNode(arrow, isThrow, { skipFunctions: true })).toBe(false);
    expect(someNode(arrow, ts.isArrowFunction, { skipFunctions: true })).toBe(true);
  });

  it('stops at the first hit, in source order', () => {
    const seen: string[] = [];
    const hit = someNode(parse('a(); b(); c();'), (n) => {
      if (ts.isIdentifier(n)) seen.push(n.text);
      return ts.isIdentifier(n) && n.text === 'b';
    });
    expect(hit).toBe(true);
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('findNode', () => {
  it('the first match in source order, the root included', () => {
    const sf = parse('a(); b(c());');
    expect(findNode(sf, ts.isCallExpression)?.getText(sf)).toBe('a()');
    const [, second] = sf.statements as unknown as ts.ExpressionStatement[];
    expect(findNode(second!.expression, ts.isCallExpression)?.getText(sf)).toBe('b(c())');
    expect(findNode(sf, ts.isThrowStatement)).toBeUndefined();
  });

  it('skipFunctions: a call inside a callback is not found', () => {
    const sf = parse('run(() => save());');
    const isSave = (n: ts.Node): n is ts.CallExpression => ts.isCallExpression(n) && n.expression.getText(sf) === 'save';
    expect(findNode(sf, isSave)?.getText(sf)).toBe('save()');
    expect(findNode(sf, isSave, { skipFunctions: true })).toBeUndefined();
  });
});

describe('mentionsIdentifier', () => {
  it.each([
    ['a plain use', 'log(err);', true],
    ['a member of it', 'log(err.message);', true],
    ['a shorthand key is a use', 'save({ err });', true],
    ['the property of another object', 'log(x.err);', false],
    ['an object key', 'save({ err: 1 });', false],
    ['a string with the name', "log('err');", false],
    ['inside a nested callback', 'run(() => log(err));', true],
    ['another of the names', 'log(error);', true],
  ])('%s', (_label, code, expected) => {
    expect(mentionsIdentifier(parse(code), ['err', 'error'])).toBe(expected);
  });

  it('no names: nothing is mentioned', () => {
    expect(mentionsIdentifier(parse('log(err);'), [])).toBe(false);
  });
});
