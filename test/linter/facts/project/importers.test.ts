import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../../src/linter/facts/project/parse-file.js';
import { ProjectFacts } from '../../../../src/linter/facts/project/project-facts.js';
import { defaultSubjects } from '../../../helpers/project-facts.js';
import { tempProject } from '../../../helpers/temp-project.js';

/** A project on disk with a tsconfig, every file parsed as linted. */
function projectWith(files: Record<string, string>): { project: ProjectFacts; root: string } {
  const root = tempProject(files);
  const parsed = Object.entries(files).filter(([p]) => /\.ts$/.test(p)).map(([path, text]) => parseFile(join(root, path), path, text));
  return { project: new ProjectFacts(root, defaultSubjects(), parsed, parsed.map((f) => f.path), join(root, 'tsconfig.json')), root };
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
    const importers = project.importersOf(join(root, 'src/models/import-job.ts')).map((f) => f.relativePath).sort();
    expect(importers).toEqual(['src/services/alias.ts', 'src/services/barrel.ts', 'src/services/lazy.ts']);
  });
});
