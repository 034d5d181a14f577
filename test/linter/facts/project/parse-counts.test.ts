import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeHandlersDeclaredIn } from '../../../../src/linter/facts/http/routes.js';
import { mayHoldJobModels } from '../../../../src/linter/facts/records/job-models.js';
import { ProjectFacts } from '../../../../src/linter/facts/project/project-facts.js';
import { defaultSubjects } from '../../../helpers/project-facts.js';
import { tempProject } from '../../../helpers/temp-project.js';

/**
 * Files are checked one after another and released (engine/check-files.ts): a question about a
 * file checked earlier must not parse it again unless its tree is needed for the answer.
 */
function checkInOrder(files: Record<string, string>, order: readonly string[], ask: (project: ProjectFacts, path: string) => string[]) {
  const root = tempProject(files);
  // Every file is a target (the project), read but not parsed until asked; `order` is the files checked.
  const target = (relativePath: string) => ({ path: join(root, relativePath), relativePath, text: files[relativePath]! });
  const project = new ProjectFacts(root, defaultSubjects(), Object.keys(files).map(target));
  const answers: Record<string, string[]> = {};
  for (const t of order.map(target)) {
    project.beginFile(t.path);
    answers[t.relativePath] = ask(project, t.path);
    project.release(t.path);
  }
  return { answers, parsed: project.filesParsed, held: project.treesHeld() };
}

const declaredIn = (project: ProjectFacts, path: string): string[] =>
  routeHandlersDeclaredIn(project, project.load(path)!).map((r) => `${r.method} ${r.path} ${r.file.relativePath} ${r.handlerName ?? ''}`);

describe('routes declared in a file, registered by files checked before it', () => {
  const files = {
    'src/routes/a.ts': "import { create } from '../handlers';\nrouter.post('/a', create);\n",
    'src/routes/b.ts': "import { check } from '../handlers';\nrouter.get('/b', (req, res) => res.json(check()));\n",
    'src/routes/c.ts': "import * as h from '../handlers';\nrouter.put('/c', h.update);\n",
    'src/handlers.ts': 'export function create() {}\nexport function check() { return 1; }\nexport function update() {}\n',
  };

  it('parses again only the importers whose routes use a handler declared there', () => {
    const late = checkInOrder(files, Object.keys(files), declaredIn);
    expect(late.answers['src/handlers.ts']).toEqual(['post /a src/routes/a.ts create', 'put /c src/routes/c.ts update']);
    // Four files, and a.ts and c.ts again (their route objects are needed); b.ts only registers an inline handler.
    expect(late.parsed).toBe(6);
    // Read again on handlers.ts's behalf, a.ts and c.ts go with its facts (their routes' facts and
    // handlers.ts's hold each other: a cycle only the sweep frees): the run ends holding no tree.
    expect(late.held).toBe(0);
  });

  it('gives the answer of a run that asks before any importer was checked', () => {
    const early = checkInOrder(files, ['src/handlers.ts', 'src/routes/a.ts', 'src/routes/b.ts', 'src/routes/c.ts'], declaredIn);
    const late = checkInOrder(files, Object.keys(files), declaredIn);
    expect(late.answers).toEqual(early.answers);
    expect(early.parsed).toBe(4);
    // The importers read for handlers.ts before their own check keep their tree for it, then go.
    expect(early.held).toBe(0);
  });
});

describe('may a file hold job models (the text of the files it imports)', () => {
  const files = {
    'src/models/import-job.ts': 'export interface ImportJob { status: string }\n',
    'src/services/types.ts': "import type { ImportJob } from '../models/import-job';\nexport type Pending = ImportJob;\n",
    'src/services/plain.ts': 'export type Row = { status: string };\n',
    'src/services/a.ts': "import type { Pending } from './types';\nexport function done(j: Pending) { j.status = 'done'; }\n",
    'src/services/b.ts': "import type { Row } from './plain';\nexport function done(r: Row) { r.status = 'done'; }\n",
  };
  const ask = (project: ProjectFacts, path: string) => [String(mayHoldJobModels(project, project.load(path)!))];

  it('reads the imported files as text: only the files asked about are parsed', () => {
    const run = checkInOrder(files, ['src/services/a.ts', 'src/services/b.ts'], ask);
    // a.ts imports types.ts, which names ImportJob; b.ts imports plain.ts, which names no model.
    expect(run.answers).toEqual({ 'src/services/a.ts': ['true'], 'src/services/b.ts': ['false'] });
    expect(run.parsed).toBe(2);
  });
});
