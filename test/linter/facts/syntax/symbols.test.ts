import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { exportedName, type Resolved } from '../../../../src/linter/facts/syntax/symbols.js';
import { projectOf } from '../../../helpers/project-facts.js';

/** A resolution as one line: `decl <kind> <text> @<file>`, `external <module>.<name>`, `namespace <module>`. */
function show(r: Resolved | undefined): string {
  if (!r) return 'none';
  if (r.kind === 'external') return `external ${r.module}.${r.name}`;
  if (r.kind === 'namespace') return `namespace ${r.module}${r.file ? ` @${r.file.relativePath}` : ''}`;
  const text = r.node.getText(r.file.sourceFile).replace(/\s+/g, ' ').slice(0, 40);
  return `decl ${ts.SyntaxKind[r.node.kind]} ${text} @${r.file.relativePath}`;
}

function exported(files: Record<string, string>, name: string, from = 'a.ts'): string {
  const { project, file } = projectOf(files);
  return show(exportedName(project, file(from), name));
}

describe('exportedName', () => {
  it.each<[string, Record<string, string>, string, string]>([
    ['an exported const', { 'a.ts': 'export const x = 1;' }, 'x', 'decl VariableDeclaration x = 1 @a.ts'],
    ['the second of two exported consts', { 'a.ts': 'export const x = 1, y = 2;' }, 'y', 'decl VariableDeclaration y = 2 @a.ts'],
    ['a destructured export', { 'a.ts': 'export const { x, y: [z] } = o;' }, 'z', 'decl BindingElement z @a.ts'],
    ['an exported function, class, enum', { 'a.ts': 'export function f() {}\nexport class C {}\nexport enum E { A }' }, 'E', 'decl EnumDeclaration export enum E { A } @a.ts'],
    ['an exported interface', { 'a.ts': 'export interface I { a: 1 }' }, 'I', 'decl InterfaceDeclaration export interface I { a: 1 } @a.ts'],
    ['not exported', { 'a.ts': 'const x = 1;' }, 'x', 'none'],
    ['the first export of a name wins', { 'a.ts': 'export const x = 1;\nexport { y as x };\nconst y = 2;' }, 'x', 'decl VariableDeclaration x = 1 @a.ts'],
    ['export default class (the statement)', { 'a.ts': 'export default class C {}' }, 'default', 'decl ClassDeclaration export default class C {} @a.ts'],
    ['export default class is not exported by its name', { 'a.ts': 'export default class C {}' }, 'C', 'none'],
    ['export default of a declared name (the declaration)', { 'a.ts': 'class C {}\nexport default C;' }, 'default', 'decl ClassDeclaration class C {} @a.ts'],
    ['export default of an expression', { 'a.ts': 'export default { a: 1 };' }, 'default', 'decl ObjectLiteralExpression { a: 1 } @a.ts'],
    ['export default of an unknown name (the identifier)', { 'a.ts': 'export default C;' }, 'default', 'decl Identifier C @a.ts'],
    ['export = is not a default', { 'a.ts': 'const x = 1;\nexport = x;' }, 'default', 'none'],
    ['export default of an import (followed)', { 'a.ts': "import C from './b';\nexport default C;", 'b.ts': 'export default class B {}' }, 'default', 'decl ClassDeclaration export default class B {} @b.ts'],
    ['a local export clause with a rename', { 'a.ts': 'const y = 2;\nexport { y as x };' }, 'x', 'decl VariableDeclaration y = 2 @a.ts'],
    ['a local export clause of nothing declared', { 'a.ts': 'export { y as x };' }, 'x', 'none'],
    ['a local export clause of an import (followed)', { 'a.ts': "import { b } from './b';\nexport { b };", 'b.ts': 'export const b = 1;' }, 'b', 'decl VariableDeclaration b = 1 @b.ts'],
    ['a re-export from a project file, renamed', { 'a.ts': "export { b as x } from './b';", 'b.ts': 'export const b = 1;' }, 'x', 'decl VariableDeclaration b = 1 @b.ts'],
    ['a re-export from a package', { 'a.ts': "export { execSync as run } from 'node:child_process';" }, 'run', 'external child_process.execSync'],
    ['a type-only re-export is skipped', { 'a.ts': "export type { B } from './b';", 'b.ts': 'export interface B {}' }, 'B', 'none'],
    ['export * as ns', { 'a.ts': "export * as ns from './b';", 'b.ts': 'export const b = 1;' }, 'ns', 'namespace ./b @b.ts'],
    ['export * from (followed)', { 'a.ts': "export * from './b';", 'b.ts': 'export const b = 1;' }, 'b', 'decl VariableDeclaration b = 1 @b.ts'],
    ['export * from two files: the first that has it', { 'a.ts': "export * from './b';\nexport * from './c';", 'b.ts': 'export const x = 1;', 'c.ts': 'export const c = 3;' }, 'c', 'decl VariableDeclaration c = 3 @c.ts'],
    ['export * before a named re-export of the same name: the star first', { 'a.ts': "export * from './b';\nexport { c as x } from './c';", 'b.ts': 'export const x = 1;', 'c.ts': 'export const c = 3;' }, 'x', 'decl VariableDeclaration x = 1 @b.ts'],
    ['a named re-export before export *: the named one', { 'a.ts': "export { c as x } from './c';\nexport * from './b';", 'b.ts': 'export const x = 1;', 'c.ts': 'export const c = 3;' }, 'x', 'decl VariableDeclaration c = 3 @c.ts'],
    ['own exports before any re-export', { 'a.ts': "export * from './b';\nexport const x = 2;", 'b.ts': 'export const x = 1;' }, 'x', 'decl VariableDeclaration x = 2 @a.ts'],
    ['export * from a package finds nothing', { 'a.ts': "export * from 'lodash';" }, 'map', 'none'],
    ['a cycle of export * ends', { 'a.ts': "export * from './b';", 'b.ts': "export * from './a';" }, 'x', 'none'],
  ])('%s', (_label, files, name, expected) => {
    expect(exported(files, name)).toBe(expected);
  });

  it('answers the same when asked twice, and for another name after', () => {
    const { project, file } = projectOf({ 'a.ts': "export const x = 1;\nexport * from './b';", 'b.ts': 'export const y = 2;' });
    const a = file('a.ts');
    expect(show(exportedName(project, a, 'y'))).toBe('decl VariableDeclaration y = 2 @b.ts');
    expect(show(exportedName(project, a, 'x'))).toBe('decl VariableDeclaration x = 1 @a.ts');
    expect(show(exportedName(project, a, 'y'))).toBe('decl VariableDeclaration y = 2 @b.ts');
    expect(show(exportedName(project, a, 'z'))).toBe('none');
  });
});
