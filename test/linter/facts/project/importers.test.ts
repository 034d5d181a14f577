import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../../src/linter/facts/project/parse-file.js';
import { ProjectFacts } from '../../../../src/linter/facts/project/project-facts.js';
import { ProjectSnapshot } from '../../../../src/linter/facts/project/project-snapshot.js';
import { defaultSubjects } from '../../../helpers/project-facts.js';
import { tempProject } from '../../../helpers/temp-project.js';

/** A project on disk with a tsconfig, every file parsed as linted. */
function projectWith(files: Record<string, string>): { project: ProjectFacts; root: string; snapshot: ProjectSnapshot } {
  const root = tempProject(files);
  const parsed = Object.entries(files).filter(([p]) => /\.ts$/.test(p)).map(([path, text]) => parseFile(join(root, path), path, text));
  const snapshot = new ProjectSnapshot({ root, tsconfig: join(root, 'tsconfig.json') });
  return { project: new ProjectFacts(root, defaultSubjects(), parsed, parsed.map((f) => f.path), join(root, 'tsconfig.json'), snapshot), root, snapshot };
}

describe('the reverse-import index (ts.preProcessFile)', () => {
  it('counts imports through tsconfig paths, re-exports, require and import(); not comments or strings', () => {
    const { project, root } = projectWith({
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }\n',
      'src/models/import-job.ts': 'export interface ImportJob { status: string }\n',
      'src/services/alias.ts': "import type { ImportJob } from '@/models/import-job';\nexport type J = ImportJob;\n",
      'src/services/barrel.ts': "export * from '../models/import-job';\n",
      'src/services/lazy.ts': "export const load = () => import('../models/import-job');\nconst legacy = require('../models/import-job');\n",
      'src/services/comment.ts': "// import { ImportJob } from '../models/import-job';\nexport const hint = \"import x from '../models/import-job'\";\n",
    });
    const importers = project.importerPathsOf(join(root, 'src/models/import-job.ts')).map((p) => project.relativePath(p)).sort();
    expect(importers).toEqual(['src/services/alias.ts', 'src/services/barrel.ts', 'src/services/lazy.ts']);
  });

  it('with needles, scans and resolves only the files whose text holds one, and finds the same importers as the full index filtered', () => {
    const { project, root, snapshot } = projectWith({
      'tsconfig.json': '{}\n',
      'src/handlers.ts': 'export function create() {}\n',
      'src/routes.ts': "import { create } from './handlers';\nrouter.post('/x', create);\n",
      'src/service.ts': "import { create } from './handlers';\nexport const run = () => create();\n",
      'src/unrelated.ts': "import { run } from './service';\nexport const x = run;\n",
    });
    const target = join(root, 'src/handlers.ts');
    const withNeedles = project.importerPathsOf(target, ['.post(']).map((p) => project.relativePath(p));
    expect(withNeedles).toEqual(['src/routes.ts']);
    // The files without `.post(` were never scanned: their imports cannot be the answer.
    expect(snapshot.importScansThisPass).toEqual([join(root, 'src/routes.ts')]);
    const all = project.importerPathsOf(target).map((p) => project.relativePath(p));
    expect(all).toEqual(['src/routes.ts', 'src/service.ts']);
    expect(all.filter((p) => withNeedles.includes(p))).toEqual(withNeedles);
    // The full index scanned the rest once each; routes.ts's imports were reused.
    expect([...snapshot.importScansThisPass].sort()).toEqual(['src/handlers.ts', 'src/routes.ts', 'src/service.ts', 'src/unrelated.ts'].map((p) => join(root, p)));
  });
});
