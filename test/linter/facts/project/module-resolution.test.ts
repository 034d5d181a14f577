import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../../../src/linter/facts/project/module-resolution.js';
import { tempProject } from '../../../helpers/temp-project.js';

describe('module resolution (one resolver per run)', () => {
  it('asks the compiler once per bare specifier and package scope, with the same answers from every folder', () => {
    const root = tempProject({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }\n',
      'package.json': '{ "name": "app" }\n',
      'src/models/job.ts': 'export {};\n',
      'src/a/one.ts': '',
      'src/b/two.ts': '',
      'src/b/deep/three.ts': '',
    });
    const resolve = createModuleResolver({ root, tsconfig: join(root, 'tsconfig.json') });
    const from = ['src/a/one.ts', 'src/b/two.ts', 'src/b/deep/three.ts'].map((p) => join(root, p));
    for (const f of from) {
      expect(resolve(f, '@/models/job')).toBe(join(root, 'src/models/job.ts'));
      expect(resolve(f, 'react')).toBeUndefined();
    }
    // Three folders, one package scope: two specifiers, two compiler resolutions (it was six).
    expect(resolve.stats.compilerResolutions).toBe(2);
    expect(resolve.stats.calls).toBe(6);
  });

  it('keeps package scopes apart: package.json `imports` (#db) resolve per nearest package.json', () => {
    const root = tempProject({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }\n',
      'package.json': '{ "name": "app", "imports": { "#db": "./src/db.ts" } }\n',
      'src/db.ts': 'export {};\n',
      'src/main.ts': '',
      'tools/package.json': '{ "name": "tools", "imports": { "#db": "./db.ts" } }\n',
      'tools/db.ts': 'export {};\n',
      'tools/run.ts': '',
      'tools/sub/nested.ts': '',
    });
    const resolve = createModuleResolver({ root, tsconfig: join(root, 'tsconfig.json') });
    expect(resolve(join(root, 'src/main.ts'), '#db')).toBe(join(root, 'src/db.ts'));
    expect(resolve(join(root, 'tools/run.ts'), '#db')).toBe(join(root, 'tools/db.ts'));
    expect(resolve(join(root, 'tools/sub/nested.ts'), '#db')).toBe(join(root, 'tools/db.ts'));
    expect(resolve.stats.compilerResolutions).toBe(2);
  });

  it('checks each candidate path on disk once per run', () => {
    const root = tempProject({ 'src/base.ts': 'export {};\n', 'src/lib/index.ts': 'export {};\n', 'src/a.ts': '', 'src/b.ts': '' });
    const resolve = createModuleResolver({ root });
    expect(resolve(join(root, 'src/a.ts'), './lib')).toBe(join(root, 'src/lib/index.ts'));
    expect(resolve(join(root, 'src/a.ts'), './base')).toBe(join(root, 'src/base.ts'));
    const afterFirst = resolve.stats.stats;
    expect(afterFirst).toBeGreaterThan(0);
    // The same candidates from a sibling file (`lib.ts`, `lib/`, `lib/index.ts`, …): all known.
    expect(resolve(join(root, 'src/b.ts'), './lib')).toBe(join(root, 'src/lib/index.ts'));
    expect(resolve(join(root, 'src/b.ts'), './base')).toBe(join(root, 'src/base.ts'));
    expect(resolve.stats.stats).toBe(afterFirst);
  });
});
