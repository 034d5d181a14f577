import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { foldConstant } from '../../../../src/linter/facts/syntax/fold.js';
import { projectOf } from '../../../helpers/project-facts.js';

/** Folds the initializer of `const probe = …` in `main.ts`. */
function fold(files: Record<string, string>): unknown {
  const { project, file } = projectOf(files);
  const main = file('main.ts');
  const probe = main.index.variables.find((v) => ts.isIdentifier(v.name) && v.name.text === 'probe');
  return foldConstant(project, main, probe!.initializer!);
}

describe('foldConstant', () => {
  it('folds literals and arithmetic', () => {
    expect(fold({ 'main.ts': 'const probe = 5 * 1000;' })).toBe(5000);
    expect(fold({ 'main.ts': 'const probe = (2 + 1) * 1_000 - -0;' })).toBe(3000);
    expect(fold({ 'main.ts': "const probe = 'a' + `b${1}`;" })).toBe('ab1');
  });

  it('follows local consts but not lets', () => {
    expect(fold({ 'main.ts': 'const SECOND = 1000; const probe = 4 * SECOND;' })).toBe(4000);
    expect(fold({ 'main.ts': 'let SECOND = 1000; const probe = 4 * SECOND;' })).toBeUndefined();
  });

  it('follows imports, aliases and re-exports across files', () => {
    expect(
      fold({
        'config.ts': 'export const POLL_MS = 1500 * 2;',
        'barrel.ts': "export { POLL_MS as INTERVAL } from './config.js';",
        'main.ts': "import { INTERVAL as I } from './barrel.js'; const probe = I + 1;",
      }),
    ).toBe(3001);
    expect(
      fold({
        'config.ts': 'export const POLL_MS = 4000;',
        'barrel.ts': "export * from './config';",
        'main.ts': "import * as c from './barrel'; const probe = c.POLL_MS;",
      }),
    ).toBe(4000);
  });

  it('reads enum members and as-const objects, in this file or another', () => {
    expect(fold({ 'main.ts': 'enum Poll { Fast = 1000, Slow = Fast * 5 } const probe = Poll.Slow;' })).toBe(5000);
    expect(fold({ 'main.ts': 'enum E { A, B, C } const probe = E.C;' })).toBe(2);
    expect(
      fold({
        'intervals.ts': "export const INTERVALS = { poll: 3000, 'slow-poll': 9000 } as const;",
        'main.ts': "import { INTERVALS } from './intervals'; const probe = INTERVALS['slow-poll'];",
      }),
    ).toBe(9000);
  });

  it('gives up on what it cannot know', () => {
    expect(fold({ 'main.ts': "import { X } from 'some-package'; const probe = X * 2;" })).toBeUndefined();
    expect(fold({ 'main.ts': 'declare function f(): number; const probe = f();' })).toBeUndefined();
    expect(fold({ 'main.ts': 'const a: number = b; const b: number = a; const probe = a;' })).toBeUndefined();
  });

  it('does not see a const shadowed by a parameter', () => {
    const { project, file } = projectOf({ 'main.ts': 'const MS = 1000; function f(MS: number) { return MS; }' });
    const main = file('main.ts');
    const fn = main.index.functions[0] as ts.FunctionDeclaration;
    const ret = (fn.body!.statements[0] as ts.ReturnStatement).expression!;
    expect(foldConstant(project, main, ret)).toBeUndefined();
  });
});
