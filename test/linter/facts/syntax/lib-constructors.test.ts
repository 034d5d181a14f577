import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { constructsLibClass, LIB_CONSTRUCTORS } from '../../../../src/linter/facts/syntax/lib-constructors.js';
import { projectOf } from '../../../helpers/project-facts.js';

function newExpressionIn(sourceFile: ts.SourceFile): ts.NewExpression {
  let found: ts.NewExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && ts.isNewExpression(n)) found = n;
    ts.forEachChild(n, visit);
  };
  visit(sourceFile);
  return found!;
}

describe('standard-library constructors', () => {
  it.each([...LIB_CONSTRUCTORS])('new %s(…) is that lib class to the type checker, whatever the arguments', (name) => {
    const { project, file } = projectOf({ 'src/a.ts': `declare const x: any;\nexport const v = new ${name}(x);\n` });
    const f = file('src/a.ts');
    const expr = newExpressionIn(f.sourceFile);
    expect(constructsLibClass(f.sourceFile, expr)).toBe(true);
    const type = project.typeChecker(f.path).getTypeAtLocation(expr);
    expect(type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)).toBe(0);
    const decls = type.getSymbol()?.declarations ?? [];
    expect(decls.length).toBeGreaterThan(0);
    for (const d of decls) expect(d.getSourceFile().fileName).toMatch(/^\/__bg-lint-lib__\/lib\./);
  });

  it.each([
    ['an import', "import { Error } from './errors';\nexport const v = new Error('x');"],
    ['a parameter', "export function f(Error: any) { return new Error('x'); }"],
    ['a class of the file', "class Error {}\nexport const v = new Error();"],
    ['a catch binding', "try {} catch (Error) { new Error('x'); }\nexport {};"],
    ['another constructor', "export const v = new URL('x');"],
  ])('not when the name is %s', (_what, text) => {
    const { file } = projectOf({ 'src/a.ts': text });
    const f = file('src/a.ts');
    expect(constructsLibClass(f.sourceFile, newExpressionIn(f.sourceFile))).toBe(false);
  });
});
