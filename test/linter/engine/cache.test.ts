import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { WriteError } from '../../../src/linter/engine/write-owned.js';
import { tempProject } from '../../helpers/temp-project.js';

const BASE_OK = 'export abstract class JobBase {\n  status!: string;\n  created_at!: Date;\n  started_at!: Date;\n  completed_at!: Date;\n}\n';

function messages(result: Awaited<ReturnType<typeof lint>>): string[] {
  return result.report.files.flatMap((f) => f.diagnostics.map((d) => `${f.file.split('/').slice(-1)[0]}:${d.span.start.line} ${d.ruleId} ${d.message}`));
}

describe('--cache', () => {
  const run = (root: string, extra: Parameters<typeof lint>[0] = {}) =>
    lint({ cwd: root, paths: ['.'], cache: true, cacheLocation: join(root, '.cache/'), onlyRules: ['BG-001', 'BG-002', 'BG-041'], ...extra });

  it('a warm run with nothing changed takes every file from the cache, with the same findings', async () => {
    const root = tempProject({
      'src/models/import-job.ts': 'export interface ImportJob { status: string }\n',
      'static/js/a.js': 'setInterval(() => pollStatus(), 1000);\n',
      'src/other.ts': 'export const x = 1;\n',
    });
    const cold = await run(root);
    expect(cold.cachedFiles).toBe(0);
    const warm = await run(root);
    expect(warm.cachedFiles).toBe(3);
    expect(messages(warm)).toEqual(messages(cold));
    expect(warm.report.files.flatMap((f) => f.diagnostics).every((d) => typeof d.fingerprint === 'string')).toBe(true);
  });

  it('editing a base class in another file re-checks the model that extends it (eslint/eslint#19869)', async () => {
    const root = tempProject({
      'src/models/base.ts': BASE_OK,
      'src/models/import-job.ts': "import { JobBase } from './base';\nexport class ImportJob extends JobBase {}\n",
    });
    expect(messages(await run(root))).toEqual([]);
    writeFileSync(join(root, 'src/models/base.ts'), BASE_OK.replace('  started_at!: Date;\n', ''));
    const after = await run(root);
    expect(messages(after)).toEqual(['import-job.ts:2 BG-002 job model "ImportJob" has no "started_at" field']);
    // base.ts itself changed; import-job.ts did not, yet it was re-checked.
    expect(after.cachedFiles).toBe(0);
  });

  it('editing an imported interval constant re-checks the page that polls with it', async () => {
    const root = tempProject({
      'static/js/config.js': 'export const POLL = 4000;\n',
      'static/js/page.js': "import { POLL } from './config.js';\nsetInterval(() => pollStatus(), POLL);\n",
      'static/js/unrelated.js': 'export const y = 2;\n',
    });
    expect(messages(await run(root))).toEqual([]);
    writeFileSync(join(root, 'static/js/config.js'), 'export const POLL = 1000;\n');
    const after = await run(root);
    expect(messages(after)).toEqual(['page.js:2 BG-041 polling every 1000 ms is too frequent: use 3000–5000 ms']);
    expect(after.cachedFiles).toBe(1);
  });

  // A project-wide scan (task registry, model names, route importers) is keyed on what it found, not
  // on every file: a comment changes no scan's answer, so only the edited file is checked again.
  for (const edited of ['src/routes/jobs.ts', 'src/models/job-base.ts', 'src/services/task-registry.ts']) {
    it(`a comment added to ${edited} re-checks that file only, with every bundled rule`, async () => {
      const root = tempProject({});
      cpSync(fileURLToPath(new URL('../../../fixtures/example-app', import.meta.url)), root, { recursive: true });
      const all = (r: string) => lint({ cwd: r, paths: ['.'], cache: true, cacheLocation: join(r, '.cache/') });
      const cold = await all(root);
      const total = cold.report.files.length;
      expect(total).toBeGreaterThan(10);
      expect(cold.counts.error + cold.counts.warning).toBeGreaterThan(0);
      appendFileSync(join(root, edited), '\n// a note for the next reader\n');
      const after = await all(root);
      expect(after.cachedFiles).toBe(total - 1);
      expect(messages(after)).toEqual(messages(cold));
    });
  }

  it('a code change that changes a project-wide scan\'s answer re-checks the files that read it', async () => {
    const root = tempProject({});
    cpSync(fileURLToPath(new URL('../../../fixtures/example-app', import.meta.url)), root, { recursive: true });
    const all = (r: string) => lint({ cwd: r, paths: ['.'], cache: true, cacheLocation: join(r, '.cache/') });
    const cold = await all(root);
    expect(messages(cold).some((m) => m.startsWith('export-run.entity.ts:6 BG-022'))).toBe(true);
    const registry = join(root, 'src/services/task-registry.ts');
    writeFileSync(registry, readFileSync(registry, 'utf8')
      .replace("import { syncRuns } from '../db/schema';", "import { syncRuns } from '../db/schema';\nimport { ExportRun } from '../models/export-run.entity';")
      .replace('  marketplace_sync: syncRuns,', '  marketplace_sync: syncRuns,\n  order_export: ExportRun,'));
    const after = await all(root);
    expect(messages(after).some((m) => m.startsWith('export-run.entity.ts:6 BG-022'))).toBe(false);
    expect(after.cachedFiles).toBeLessThan(cold.report.files.length - 1);
  });

  // Validation folds per-file parts kept by content hash (engine/file-contributions.ts): an edit
  // that moves a file INTO a scan's answer must still be seen, in an edited file and in a new one.
  // Each step is compared with a run without the cache over the same tree.
  describe('a warm run gives the findings of a cold run after an edit that changes a scan\'s answer', () => {
    const cold = (root: string) => lint({ cwd: root, paths: ['.'], onlyRules: ['BG-001', 'BG-002', 'BG-021'] });
    const warm = (root: string) => lint({ cwd: root, paths: ['.'], cache: true, cacheLocation: join(root, '.cache/'), onlyRules: ['BG-001', 'BG-002', 'BG-021'] });

    it('an interface model becomes implemented by a class in another, existing file (a name scan)', async () => {
      const root = tempProject({
        'src/models/import-job.ts': 'export interface ImportJob {\n  status: string;\n}\n',
        'src/services/other.ts': 'export const x = 1;\n',
      });
      const before = messages(await warm(root));
      expect(before.some((m) => m.startsWith('import-job.ts:1 BG-002'))).toBe(true);
      writeFileSync(join(root, 'src/services/other.ts'), "import type { ImportJob } from '../models/import-job';\nexport class ImportRow implements ImportJob {\n  status = 'queued';\n}\n");
      const after = await warm(root);
      expect(messages(after)).toEqual(messages(await cold(root)));
      expect(messages(after)).not.toEqual(before);
      expect(after.cachedFiles).toBe(0);
    });

    it('a route file, edited or new, registers a handler declared in an unchanged file (an importers scan)', async () => {
      const handler = "import { execFileSync } from 'child_process';\nexport function build(req: any, res: any) {\n  execFileSync('make');\n  res.json({});\n}\n";
      const register = (path: string) => `import { build } from '${path}';\nrouter.post('/api/builds', build);\n`;
      const root = tempProject({
        'src/controllers/builds.ts': handler,
        'src/routes.ts': "router.get('/api/health', (req: any, res: any) => res.json({}));\n",
      });
      expect(messages(await warm(root))).toEqual([]);
      writeFileSync(join(root, 'src/routes.ts'), register('./controllers/builds.js'));
      const edited = await warm(root);
      expect(messages(edited)).toEqual(['builds.ts:3 BG-021 execFileSync() blocks the event loop in the handler of POST /api/builds']);
      expect(messages(edited)).toEqual(messages(await cold(root)));
      writeFileSync(join(root, 'src/routes.ts'), "router.get('/api/health', (req: any, res: any) => res.json({}));\n");
      expect(messages(await warm(root))).toEqual([]);
      mkdirSync(join(root, 'src/admin'));
      writeFileSync(join(root, 'src/admin/routes.ts'), register('../controllers/builds.js'));
      const created = await warm(root);
      expect(messages(created)).toEqual(['builds.ts:3 BG-021 execFileSync() blocks the event loop in the handler of POST /api/builds']);
      expect(messages(created)).toEqual(messages(await cold(root)));
    });

    it('deleting a file makes an unchanged import resolve to another unchanged file (resolution is not kept across file-list changes)', async () => {
      const root = tempProject({
        'src/routes.ts': "import { build } from './controllers/builds';\nrouter.post('/api/builds', build);\n",
        'src/controllers/builds.ts': 'export function build(req: any, res: any) {\n  res.json({});\n}\n',
        'src/controllers/builds/index.ts': "import { execFileSync } from 'child_process';\nexport function build(req: any, res: any) {\n  execFileSync('make');\n  res.json({});\n}\n",
      });
      expect(messages(await warm(root))).toEqual([]);
      rmSync(join(root, 'src/controllers/builds.ts'));
      const after = await warm(root);
      expect(messages(after)).toEqual(['index.ts:3 BG-021 execFileSync() blocks the event loop in the handler of POST /api/builds']);
      expect(messages(after)).toEqual(messages(await cold(root)));
    });
  });

  it('a changed rule configuration starts over', async () => {
    const root = tempProject({ 'static/js/a.js': 'setInterval(() => pollStatus(), 1000);\n' });
    await run(root);
    const changed = await run(root, { ruleOverrides: ['BG-041=warning'] });
    expect(changed.cachedFiles).toBe(0);
    expect(changed.counts.warning).toBe(1);
  });

  it('a corrupt cache file (truncated, torn, empty) is ignored and rewritten, never a crash', async () => {
    const root = tempProject({ 'static/js/a.js': 'setInterval(() => pollStatus(), 1000);\n' });
    const location = join(root, '.cache/cache.json');
    await run(root);
    for (const junk of ['{"format": "bg-lint-cache", "version": 1, "key": "x", "files": {', '\u0000\u0001binary', '']) {
      writeFileSync(location, junk);
      const result = await run(root);
      expect(result.counts.info).toBe(1);
      expect(JSON.parse(readFileSync(location, 'utf8')).format).toBe('bg-lint-cache');
    }
  });

  it('a file at the cache location that is not a cache is never overwritten: WriteError, file unchanged', async () => {
    const root = tempProject({ 'static/js/a.js': 'setInterval(() => pollStatus(), 1000);\n' });
    const location = join(root, '.cache/cache.json');
    mkdirSync(join(root, '.cache'));
    for (const foreign of ['[1,2,3]', '{"format":"other"}', '{ "name": "my-app" }\n']) {
      writeFileSync(location, foreign);
      await expect(run(root)).rejects.toThrow(WriteError);
      expect(readFileSync(location, 'utf8')).toBe(foreign);
    }
  });
});
