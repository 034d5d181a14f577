import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeHandlersDeclaredIn } from '../../../../src/linter/facts/http/routes.js';
import { ProjectFacts } from '../../../../src/linter/facts/project/project-facts.js';
import { defaultSubjects } from '../../../helpers/project-facts.js';
import { tempProject } from '../../../helpers/temp-project.js';

/**
 * Files are checked one after another and released (engine/check-files.ts): a question about a
 * file checked earlier must not parse it again unless its tree is needed for the answer.
 */
function checkInOrder(files: Record<string, string>, order: readonly string[], ask: (project: ProjectFacts, path: string) => string[]) {
  const root = tempProject(files);
  const targets = order.map((relativePath) => ({ path: join(root, relativePath), relativePath, text: files[relativePath]! }));
  const project = new ProjectFacts(root, defaultSubjects(), targets);
  const answers: Record<string, string[]> = {};
  for (const t of targets) {
    project.beginFile(t.path);
    answers[t.relativePath] = ask(project, t.path);
    project.release(t.path);
  }
  return { answers, parsed: project.filesParsed };
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
  });

  it('gives the answer of a run that asks before any importer was checked', () => {
    const early = checkInOrder(files, ['src/handlers.ts', 'src/routes/a.ts', 'src/routes/b.ts', 'src/routes/c.ts'], declaredIn);
    const late = checkInOrder(files, Object.keys(files), declaredIn);
    expect(late.answers).toEqual(early.answers);
    expect(early.parsed).toBe(4);
  });
});
