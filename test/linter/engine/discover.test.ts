import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../../src/linter/engine/discover.js';

// Discovery takes a walked file's real path from its folder's (one realpath per named folder, not
// per file): files reached twice, through a folder link and directly, or through a file link, must
// still be found once.
describe('discoverFiles: one entry per real file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function project(): string {
    dir = mkdtempSync(join(tmpdir(), 'bg-lint-discover-'));
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    writeFileSync(join(dir, 'src/a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'src/deep/b.ts'), 'export const b = 1;\n');
    symlinkSync(join(dir, 'src'), join(dir, 'alias'));
    symlinkSync('a.ts', join(dir, 'src/also-a.ts'));
    return dir;
  }

  it('finds a file reached through a linked folder and directly once, under the first named path', async () => {
    const cwd = project();
    const viaLinkFirst = await discoverFiles({ cwd, paths: ['alias', 'src'] });
    expect(viaLinkFirst.files.map((f) => f.path)).toEqual([join(cwd, 'alias/a.ts'), join(cwd, 'alias/deep/b.ts')]);
    const directFirst = await discoverFiles({ cwd, paths: ['src', 'alias'] });
    expect(directFirst.files.map((f) => f.path)).toEqual([join(cwd, 'src/a.ts'), join(cwd, 'src/deep/b.ts')]);
  });

  it('finds the same files from a cwd reached through a link', async () => {
    const cwd = project();
    const real = await discoverFiles({ cwd: realpathSync(cwd), paths: ['src'] });
    const linked = await discoverFiles({ cwd: join(cwd, 'alias'), paths: ['.', join(cwd, 'src')] });
    expect(real.files.map((f) => f.path)).toEqual([join(realpathSync(cwd), 'src/a.ts'), join(realpathSync(cwd), 'src/deep/b.ts')]);
    expect(linked.files.map((f) => f.path)).toEqual([join(cwd, 'alias/a.ts'), join(cwd, 'alias/deep/b.ts')]);
  });
});
