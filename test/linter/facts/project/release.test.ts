import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deferredWorkIn } from '../../../../src/linter/facts/http/deferred-work.js';
import { responsesOf } from '../../../../src/linter/facts/http/responses.js';
import { routeHandlersOf } from '../../../../src/linter/facts/http/routes.js';
import { ProjectFacts } from '../../../../src/linter/facts/project/project-facts.js';
import { jobTaskFlowsOf } from '../../../../src/linter/facts/tasks/task-flow.js';
import { defaultSubjects } from '../../../helpers/project-facts.js';
import { tempProject } from '../../../helpers/temp-project.js';

/**
 * A run releases each checked file that no other file read (engine/check-files.ts): its tree and the
 * memos of its facts go with it, so memory holds the shared files, not the project. A memo keyed so
 * that release cannot find its file (a function's position after the path) keeps the tree its nodes
 * belong to until the run ends: on 20,000 generated files that was 200 MB of the live heap.
 */
const files = {
  'src/routes/imports.ts': [
    "import { Router } from 'express';",
    'export const router = Router();',
    "router.post('/imports', async (req, res) => {",
    '  setImmediate(async () => { await runImport(req.body); });',
    '  res.status(202).json({ ok: true });',
    '});',
    "router.get('/imports/:id', (req, res) => { res.json({ id: req.params.id }); });",
    'async function runImport(body: unknown) { return body; }',
    '',
  ].join('\n'),
  'src/tasks/import-task.ts': [
    "import type { ImportJob } from '../models/import-job';",
    'export async function importTask(job: ImportJob) {',
    "  job.status = 'running';",
    "  try { await job.save(); job.status = 'done'; } catch (err) { console.error(err); job.status = 'failed'; }",
    '  await job.save();',
    '}',
    '',
  ].join('\n'),
  'src/models/import-job.ts': 'export interface ImportJob { status: string; save(): Promise<void> }\n',
};

const deferVocab = { deferrers: ['setImmediate'], eventMethods: ['on'], events: ['finish'], observedCalls: ['enqueue'], typeAware: false };
const flowVocab = { errorLoggers: ['console.error'], infoLoggers: ['console.log'], persistMethods: ['save'], helperDepth: 2 };

describe('releasing a checked file', () => {
  it('drops the memos of its per-function facts (responses, deferred work, task flows) and its tree', () => {
    const root = tempProject(files);
    const target = (relativePath: string) => ({ path: join(root, relativePath), relativePath, text: files[relativePath as keyof typeof files] });
    const checked = ['src/routes/imports.ts', 'src/tasks/import-task.ts'].map(target);
    const project = new ProjectFacts(root, defaultSubjects(), Object.keys(files).map(target));
    let asked = 0;
    for (const t of checked) {
      project.beginFile(t.path);
      const file = project.load(t.path)!;
      for (const route of routeHandlersOf(project, file)) {
        if (!route.handler) continue;
        asked += responsesOf(project, file, route.handler).length + deferredWorkIn(project, file, route.handler, deferVocab).length;
      }
      asked += jobTaskFlowsOf(project, file, flowVocab).length;
      // Each fact is memoized while its file is checked.
      expect(project.memoKeys().filter((k) => k.startsWith('responses:') || k.startsWith('deferred:') || k.startsWith('task-flow:')).length).toBeGreaterThan(0);
      project.release(t.path);
    }
    // Two responses and one deferred callback in the routes file, one task flow: the facts were computed.
    expect(asked).toBe(4);
    // The routes file was read by nothing else: released, tree and facts. The task file names the
    // model, so the project-wide scan for status types read it: kept for the run, with its facts.
    const routes = checked[0]!.path;
    expect(project.parsedAlready(routes)).toBeUndefined();
    expect(project.parsedAlready(checked[1]!.path)).toBeDefined();
    // What is left names no released file, but for the lasting memos of plain data (paths).
    const left = project.memoKeys().filter((k) => k.includes(routes) && !k.startsWith('routes:handler-files:'));
    expect(left).toEqual([]);
  });
});
