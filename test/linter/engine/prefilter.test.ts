import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { syntaxChecks } from '../../../src/linter/engine/check-files.js';
import { calleeWords, regexLiteral } from '../../../src/linter/engine/prefilter-needles.js';
import { tempProject } from '../../helpers/temp-project.js';

type Result = Awaited<ReturnType<typeof lint>>;

function findings(result: Result): string[] {
  return result.report.files.flatMap((f) => f.diagnostics.map((d) => `${f.file.split('/').slice(-2).join('/')}:${d.span.start.line} ${d.ruleId} ${d.message}`));
}

function listed(result: Result): string[] {
  return result.report.files.map((f) => f.file.split('/').slice(-2).join('/')).sort();
}

const both = async (root: string, extra: Parameters<typeof lint>[0] = {}) => {
  const on = await lint({ cwd: root, paths: ['.'], concurrency: 1, ...extra });
  const off = await lint({ cwd: root, paths: ['.'], concurrency: 1, prefilter: false, ...extra });
  return { on, off };
};

describe('text prefilter', () => {
  it('skips a file no loaded rule can report on, still lists it clean, and --no-prefilter checks it', async () => {
    const root = tempProject({
      'src/utils/format.ts': 'export const pad = (s: string) => s.padStart(4);\n',
      'src/models/import-job.ts': 'export interface ImportJob { id: string }\n',
    });
    const { on, off } = await both(root);
    expect(on.prefilteredFiles).toBe(1);
    expect(off.prefilteredFiles).toBe(0);
    expect(listed(on)).toEqual(['models/import-job.ts', 'utils/format.ts']);
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on).some((f) => f.startsWith('models/import-job.ts:1 BG-001'))).toBe(true);
  });

  // Route rules admit a file by a registration call, not by the words `.get`/`.delete` anywhere:
  // `store.getItem(k)` and `d.getTime()` do not, nor a call with fewer than two arguments
  // (`map.get(k)`, `cache.delete('a, b')`: routes.ts needs a path and a handler), while every way
  // of writing a registration does, `map.get(k, fallback)` too (two arguments: routes.ts reads it
  // and drops it), and a one-argument method chained to `.route(path)`.
  it('route rules admit registration calls, however written, and not method-like words', async () => {
    const trigger = (call: string) => `${call}('/api/imports', (req: any, res: any) => { res.json({ ok: true }); });\n`;
    const root = tempProject({
      'src/lib/dates.ts': "export const stamp = (d: Date) => d.getTime() + localStorage.getItem('k')!.length;\n",
      'src/lib/cache.ts': 'const m = new Map<string, number>();\nexport const read = (k: string) => m.get(k);\n',
      'src/lib/store.ts': "const m = new Map<string, number>();\nexport const drop = (k: string) => { m.delete(k); m.delete('a, b'); return m.get( this.key ) ?? m.get(\"q\"); };\n",
      'src/lib/fallback.ts': 'declare const m: any;\nexport const read = (k: string) => m.get(k, 0);\n',
      'src/routes/a.ts': trigger('router\n  .post '),
      'src/routes/b.ts': trigger('app.post<{ id: string }>'),
      'src/routes/c.ts': "server.route('/api/imports').post((req: any, res: any) => { res.json({ ok: true }); });\n",
      'src/routes/d.ts': trigger('app.post?.'),
      'src/routes/e.ts': "server.route('/api/imports')\n  .get(list)\n  .post((req: any, res: any) => { res.json({ ok: true }); });\nfunction list(req: any, res: any) { res.json([]); }\n",
    });
    const { on, off } = await both(root, { onlyRules: ['BG-020'] });
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on).map((f) => f.split(' ')[0])).toEqual(['routes/a.ts:1', 'routes/b.ts:1', 'routes/c.ts:1', 'routes/d.ts:1', 'routes/e.ts:1']);
    // dates.ts, cache.ts and store.ts are skipped; fallback.ts is checked (two arguments: written like a registration).
    expect(on.prefilteredFiles).toBe(3);
  });

  // BG-040 judged every frontend file (on outline 317 components no other rule needs); a page can
  // only trigger a job through a word of the trigger it makes.
  it('BG-040 admits page files with a trigger word (`method`, a post method, the trigger call), not every component', async () => {
    const root = tempProject({
      'web/components/Avatar.tsx': 'export const Avatar = (p: { url: string }) => <img src={p.url} />;\n',
      'web/components/Menu.tsx': "import { useEffect } from 'react';\nexport function Menu() {\n  useEffect(() => { document.title = 'menu'; }, []);\n  return <nav />;\n}\n",
      'web/pages/Import.tsx': "export const Import = () => <button onClick={() => fetch('/api/imports', { method: 'POST' })}>Go</button>;\n",
      'web/pages/Export.tsx': "export const Export = () => <button onClick={() => api.post('/api/exports', {})}>Go</button>;\n",
      'web/pages/Sync.tsx': "import { triggerJob as run } from 'bg-lint/client';\nexport const Sync = () => <button onClick={() => run('sync')}>Go</button>;\n",
    });
    const { on, off } = await both(root, { onlyRules: ['BG-040'] });
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on).map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['pages/Export.tsx:1 BG-040', 'pages/Import.tsx:1 BG-040', 'pages/Sync.tsx:2 BG-040']);
    expect(on.prefilteredFiles).toBe(2);
  });

  it('a base class in a skipped file is still read for the model that extends it', async () => {
    const root = tempProject({
      'src/common/base.ts': 'export abstract class Base {\n  id!: string;\n}\n',
      'src/models/import-job.ts': "import { Base } from '../common/base';\nexport class ImportJob extends Base {\n  progress!: number;\n}\n",
    });
    const { on, off } = await both(root, { onlyRules: ['BG-001', 'BG-002'] });
    expect(on.prefilteredFiles).toBe(1);
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on)).toContain('models/import-job.ts:2 BG-001 job model "ImportJob" has no "status" field');
  });

  it('a skipped file already parsed for another file is syntax-checked on that tree, not parsed again', async () => {
    const root = tempProject({
      'src/models/import-job.ts': "import { Base } from '../zz/base';\nexport class ImportJob extends Base {\n  progress!: number;\n}\n",
      'src/zz/base.ts': 'export abstract class Base {\n  id!: string;\n}\n',
      'src/zz/broken.ts': 'export const pad = (s: string => s;\n',
      'src/zz/util.ts': 'export const pad = (s: string) => s;\n',
    });
    const before = syntaxChecks.parsed;
    const { on, off } = await both(root, { onlyRules: ['BG-001'] });
    // base.ts was loaded by the model's check before its turn; broken.ts and util.ts were not.
    expect(syntaxChecks.parsed - before).toBe(2);
    expect(on.prefilteredFiles).toBe(2);
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on).map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['models/import-job.ts:2 BG-001', 'zz/broken.ts:1 parse-error']);
  });

  it('never skips a file with a suppression comment: an unused one is still reported', async () => {
    const root = tempProject({
      'src/utils/format.ts': '// bg-lint-disable-next-line BG-001\nexport const pad = (s: string) => s.padStart(4);\n',
    });
    const { on, off } = await both(root);
    expect(on.prefilteredFiles).toBe(0);
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on).map((f) => f.split(' ')[1])).toEqual(['unused-suppression']);
  });

  it('a syntax error in a file no rule needs is still a finding', async () => {
    const root = tempProject({ 'src/utils/broken.ts': 'export const pad = (s: string => s;\n' });
    const { on, off } = await both(root);
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on)[0]).toMatch(/^utils\/broken\.ts:1 parse-error syntax error/);
  });

  it('a handler declared in a file that a route file imports is checked, and re-checked from the cache when a route file starts importing it', async () => {
    const controller = 'export async function create(req: any, res: any) {\n  void sendEmails(req.body);\n  res.json({});\n}\n';
    const root = tempProject({ 'src/controllers/orders.ts': controller, 'src/server.ts': 'export const port = 3000;\n' });
    const run = () => lint({ cwd: root, paths: ['.'], concurrency: 1, onlyRules: ['BG-035'], cache: true, cacheLocation: join(root, '.cache/') });
    const before = await run();
    expect(before.prefilteredFiles).toBe(2);
    expect(findings(before)).toEqual([]);
    writeFileSync(join(root, 'src/server.ts'), "import { create } from './controllers/orders';\ndeclare const app: any;\napp.post('/api/orders', create);\n");
    const after = await run();
    expect(findings(after)).toEqual(['controllers/orders.ts:2 BG-035 ' + findings(await lint({ cwd: root, paths: ['.'], onlyRules: ['BG-035'], prefilter: false }))[0]!.split(' BG-035 ')[1]]);
  });

  // Being imported by a file with a route call is not enough: on outline most such importers hold a
  // `map.get(k)` and register no handler of the file (611 files admitted, 347 of them for nothing).
  // The file is checked when an importer's routes name a handler declared in it.
  it('an exported helper is skipped when no importer registers a handler declared in it; a registered controller is checked', async () => {
    const root = tempProject({
      'src/lib/emails.ts': 'export function render(body: any) {\n  void sendEmails(body);\n  return String(body);\n}\n',
      'src/controllers/orders.ts': 'export async function create(req: any, res: any) {\n  void sendEmails(req.body);\n  res.json({});\n}\n',
      'src/server.ts': [
        "import { render } from './lib/emails';",
        "import { create } from './controllers/orders';",
        'declare const app: any;',
        'const cache = new Map<string, string>();',
        "export const page = () => cache.get('home') ?? render('home');",
        "app.post('/api/orders', create);",
        '',
      ].join('\n'),
    });
    const { on, off } = await both(root, { onlyRules: ['BG-033', 'BG-035'] });
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on).map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['controllers/orders.ts:2 BG-035']);
    // lib/emails.ts, imported by server.ts (which holds `.get(` and `.post(`), registers nothing: skipped.
    expect(on.prefilteredFiles).toBe(1);
  });

  // task-functions.ts compares `Worker` and `Processor` as written, so the prefilter asks for those
  // whole words, not for `worker`/`processor` in any case (`./workers/…`, `imageProcessor`).
  it('task rules admit a file by the Worker class or the Processor decorator as written, not by the words in other cases', async () => {
    const root = tempProject({
      'src/lib/images.ts': "import { resize } from './thumbs/workers';\nexport const imageProcessor = (b: any) => resize(b);\nexport const webWorker = 'worker';\n",
      'src/models/import-job.ts': 'export interface ImportJob {\n  id: string;\n  status: string;\n}\n',
      'src/lib/queue.ts': "import { Worker as W } from 'bullmq';\nimport type { ImportJob } from '../models/import-job';\nnew W('q', async (job: ImportJob) => {\n  job.status = 'completed';\n});\n",
      'src/lib/nest.ts': "import { Processor } from '@nestjs/bullmq';\nimport type { ImportJob } from '../models/import-job';\n@Processor('q')\nexport class P {\n  async process(job: ImportJob) {\n    job.status = 'completed';\n  }\n}\n",
    });
    const { on, off } = await both(root, { onlyRules: ['BG-030', 'BG-031', 'BG-032', 'BG-033', 'BG-034', 'BG-035', 'BG-036'] });
    expect(findings(on)).toEqual(findings(off));
    expect(findings(on).map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'lib/nest.ts:5 BG-030', 'lib/nest.ts:5 BG-031', 'lib/nest.ts:5 BG-032', 'lib/nest.ts:5 BG-036',
      'lib/queue.ts:3 BG-030', 'lib/queue.ts:3 BG-031', 'lib/queue.ts:3 BG-032', 'lib/queue.ts:3 BG-036',
    ]);
    // images.ts is skipped (so is the model file: no task rule reads it as a task).
    expect(on.prefilteredFiles).toBe(2);
  });

  it('a user rule contributes its callees as needles, or opts out with `prefilter: false`', async () => {
    const rule = (prefilter: boolean) =>
      `rules:\n  - id: APP-001\n    name: no-exec\n    severity: error\n    check: forbidden-call\n${prefilter ? '' : '    prefilter: false\n'}    options:\n      callees: [child_process.execSync]\n`;
    const files = {
      'src/a.ts': "import { execSync } from 'child_process';\nexecSync('ls');\n",
      'src/b.ts': 'export const b = 1;\n',
    };
    for (const prefilter of [true, false]) {
      const root = tempProject({ ...files, 'rules/app.yaml': rule(prefilter) });
      const { on, off } = await both(root, { bundled: false, rules: ['rules'] });
      expect(on.prefilteredFiles).toBe(prefilter ? 1 : 0);
      expect(findings(on)).toEqual(findings(off));
      expect(findings(on)).toEqual(['src/a.ts:2 APP-001 call to child_process.execSync is not allowed here']);
    }
  });
});

describe('needles', () => {
  it('a regex gives the longest literal run every match contains, or none it cannot prove', () => {
    expect(regexLiteral(String.raw`\bstatus\s*=\s*['"]processing`)).toBe('processing');
    expect(regexLiteral('setInterval\\(')).toBe('setInterval');
    expect(regexLiteral('colou?r_name')).toBe('r_name');
    expect(regexLiteral('foo|barbaz')).toBeUndefined();
    expect(regexLiteral('(?:abc)+x')).toBeUndefined();
    expect(regexLiteral('[a-z]+ab')).toBeUndefined();
  });

  it('a callee pattern gives the word a call to it shows', () => {
    expect(calleeWords(['execSync', 'child_process.execFileSync', 'backgroundTasks.add'])).toEqual(['execSync', 'child_process', 'backgroundTasks']);
    expect(calleeWords(['*.enqueue'])).toBeUndefined();
  });
});
