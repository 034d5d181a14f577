import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectSnapshot } from '../../../../src/linter/facts/project/project-snapshot.js';
import { tempProject } from '../../../helpers/temp-project.js';

// A --cache re-run hands the check of the edited files every file's imports and text, as validating
// the cache read them (CheckInput.knownImports): the check's import index must not read the project
// from disk a second time.
describe('ProjectSnapshot.seedImports', () => {
  const files = { 'src/a.ts': "import { b } from './b';\nexport const é = b;\n", 'src/b.ts': 'export const b = 1;\n' };

  it('takes the texts of a one-run snapshot from the seed, with their size in bytes', () => {
    const root = tempProject(files);
    const snapshot = new ProjectSnapshot({ root });
    const a = join(root, 'src/a.ts');
    snapshot.beginPass([a, join(root, 'src/b.ts')]);
    snapshot.seedImports([{ path: a, text: files['src/a.ts'], targets: [join(root, 'src/b.ts')] }]);
    expect(snapshot.text(a)).toBe(files['src/a.ts']);
    expect(snapshot.sizeOf(a)).toBe(Buffer.byteLength(files['src/a.ts']));
    expect(snapshot.importsOf(a, files['src/a.ts'])).toEqual([join(root, 'src/b.ts')]);
    expect(snapshot.readsThisPass).toEqual([]);
    expect(snapshot.text(join(root, 'src/b.ts'))).toBe(files['src/b.ts']);
    expect(snapshot.readsThisPass).toEqual([join(root, 'src/b.ts')]);
  });

  it('leaves a persistent snapshot (a lint session) to read and stat the file itself', () => {
    const root = tempProject(files);
    const snapshot = new ProjectSnapshot({ root, persistent: true });
    const a = join(root, 'src/a.ts');
    snapshot.beginPass([a]);
    snapshot.seedImports([{ path: a, text: 'stale', targets: [] }]);
    expect(snapshot.text(a)).toBe(files['src/a.ts']);
    expect(snapshot.readsThisPass).toEqual([a]);
  });
});
