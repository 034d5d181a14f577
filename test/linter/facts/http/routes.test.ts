import { describe, expect, it } from 'vitest';
import { responsesOf } from '../../../../src/linter/facts/http/responses.js';
import { routeHandlersDeclaredIn, routeHandlersOf } from '../../../../src/linter/facts/http/routes.js';
import { triggerEndpointsOf, triggerWordsIn } from '../../../../src/linter/facts/http/trigger-endpoints.js';
import { projectOf } from '../../../helpers/project-facts.js';

function routes(files: Record<string, string>, path = Object.keys(files)[0]!) {
  const { project, file } = projectOf(files);
  return routeHandlersOf(project, file(path)).map((r) => ({
    method: r.method,
    path: r.path,
    handlerName: r.handlerName,
    hasHandler: r.handler !== undefined,
    line: r.file.sourceFile.getLineAndCharacterOfPosition(r.registration.getStart(r.file.sourceFile)).line + 1,
    handlerFile: r.handlerFile?.relativePath,
  }));
}

describe('routeHandlersOf', () => {
  it('finds Express, Fastify, Hono and Koa-router registrations with inline handlers', () => {
    const found = routes({
      'src/routes.ts': [
        "app.post('/api/imports', async (req, res) => { res.json({}); });",
        "router.get('/api/jobs/:id', auth, function show(req, res) {});",
        "fastify.delete('/api/items/:id', { schema }, async (request, reply) => {});",
        "app.put('/x', (c) => c.json({}));",
        "router.patch('job-update', '/api/jobs/:id', async (ctx) => {});",
      ].join('\n'),
    });
    expect(found).toEqual([
      { method: 'post', path: '/api/imports', handlerName: undefined, hasHandler: true, line: 1, handlerFile: undefined },
      { method: 'get', path: '/api/jobs/:id', handlerName: 'show', hasHandler: true, line: 2, handlerFile: undefined },
      { method: 'delete', path: '/api/items/:id', handlerName: undefined, hasHandler: true, line: 3, handlerFile: undefined },
      { method: 'put', path: '/x', handlerName: undefined, hasHandler: true, line: 4, handlerFile: undefined },
      { method: 'patch', path: '/api/jobs/:id', handlerName: undefined, hasHandler: true, line: 5, handlerFile: undefined },
    ]);
  });

  it('is not fooled by maps, caches and HTTP clients', () => {
    const found = routes({
      'src/page.ts': [
        "const body = { name: 'x' };",
        "map.get('x');",
        "cache.delete('/api/x');",
        "axios.post('/api/imports', body);",
        "axios.post('/api/imports', { name }, { headers: {} });",
        "export async function send(data: unknown) { await api.post('/api/imports', data); await http.post('/api/x', buildBody()); }",
        "items.get(key, () => 1);",
        "store.delete(`${id}`, cb);",
      ].join('\n'),
    });
    expect(found).toEqual([]);
  });

  it('follows handler references: declarations, consts, imports, controller objects, classes, wrappers', () => {
    const found = routes({
      'src/app.ts': [
        "import { exportCsv } from './handlers.js';",
        "import * as ctrl from './controller.js';",
        'async function startImport(req, res) { res.json({ job_id: 1 }); }',
        'const listJobs = async (req, res) => {};',
        'const jobs = { cancel: async (req, res) => {}, retry(req, res) {} };',
        'class ScanController { async run(req, res) {} }',
        'const scans = new ScanController();',
        "app.post('/imports', startImport);",
        "app.get('/jobs', listJobs);",
        "app.post('/exports', exportCsv);",
        "app.post('/jobs/:id/cancel', jobs.cancel);",
        "app.post('/jobs/:id/retry', jobs.retry.bind(jobs));",
        "app.post('/scans', asyncHandler(scans.run));",
        "app.post('/sync', ctrl.sync);",
        "app.post('/external', someLib.handler);",
      ].join('\n'),
      'src/handlers.ts': 'export const exportCsv = async (req: any, res: any) => {};\n',
      'src/controller.ts': 'export function sync(req: any, res: any) {}\n',
    });
    expect(found.map((r) => [r.path, r.handlerName, r.hasHandler, r.handlerFile])).toEqual([
      ['/imports', 'startImport', true, undefined],
      ['/jobs', 'listJobs', true, undefined],
      ['/exports', 'exportCsv', true, 'src/handlers.ts'],
      ['/jobs/:id/cancel', 'cancel', true, undefined],
      ['/jobs/:id/retry', 'retry', true, undefined],
      ['/scans', 'run', true, undefined],
      ['/sync', 'sync', true, 'src/controller.ts'],
      ['/external', 'handler', false, undefined],
    ]);
  });

  it('folds constant paths and joins same-file mount prefixes', () => {
    const found = routes({
      'src/routes.ts': [
        "import { API } from './paths.js';",
        'const router = express.Router();',
        "const v2 = new Router({ prefix: '/v2' });",
        "const hono = new Hono().basePath('/h');",
        "router.post(`${API}/imports`, async (req, res) => {});",
        "v2.post('/scans', async (ctx) => {});",
        "hono.post('/sync', (c) => c.json({}));",
        "app.use('/api', router);",
        "app.use(v2.routes());",
        "router.route('/jobs').get((req, res) => {}).post((req, res) => {});",
        "app.post(`/items/${id}/export`, async (req, res) => {});",
      ].join('\n'),
      'src/paths.ts': "export const API = '/v1';\n",
    });
    expect(found.map((r) => `${r.method} ${r.path}`)).toEqual([
      'post /api/v1/imports',
      'post /v2/scans',
      'post /h/sync',
      'get /api/jobs',
      'post /api/jobs',
      'post /items/*/export',
    ]);
  });

  it('reads Fastify route objects', () => {
    const found = routes({
      'src/server.ts': [
        "fastify.route({ method: 'POST', url: '/imports', handler: async (request, reply) => {} });",
        "fastify.route({ method: ['GET', 'DELETE'], url: '/items/:id', async handler(request, reply) {} });",
        "fastify.route({ method: 'OPTIONS', url: '/x', handler });",
        "router.route('/only-a-path');",
      ].join('\n'),
    });
    expect(found.map((r) => `${r.method} ${r.path} ${r.hasHandler}`)).toEqual([
      'post /imports true',
      'get /items/:id true',
      'delete /items/:id true',
    ]);
  });

  it('reads NestJS controllers: prefix, path, aliased decorators', () => {
    const found = routes({
      'src/app/imports.controller.ts': [
        "import { Controller, Post as HttpPost, Delete, Get } from '@nestjs/common';",
        "const PREFIX = 'api/imports';",
        '@Controller(PREFIX)',
        'export class ImportsController {',
        '  @HttpPost()',
        '  start() {}',
        "  @Delete(':id')",
        '  remove() {}',
        '  helper() {}',
        '}',
        "@Controller({ path: 'scans' })",
        'export class ScansController {',
        "  @Get(['latest', 'newest']) latest() {}",
        '}',
        'export class NotAController {',
        "  @Get('x') x() {}",
        '}',
      ].join('\n'),
    });
    expect(found.map((r) => `${r.method} ${r.path} ${r.handlerName} ${r.line}`)).toEqual([
      'post /api/imports start 5',
      'delete /api/imports/:id remove 7',
      'get /scans/latest latest 13',
    ]);
  });

  it('lists routes by the file their handler is declared in', () => {
    const { project, file } = projectOf({
      'src/routes.ts': "import { create } from './controller.js';\nrouter.post('/imports', create);\nrouter.get('/x', (req, res) => {});\n",
      'src/controller.ts': 'export async function create(req: any, res: any) {}\n',
    });
    expect(routeHandlersDeclaredIn(project, file('src/controller.ts')).map((r) => r.path)).toEqual(['/imports']);
    expect(routeHandlersDeclaredIn(project, file('src/routes.ts')).map((r) => r.path)).toEqual(['/x']);
  });
});

describe('trigger endpoints', () => {
  const words = { import: 'job_id', export: 'job_id', scan: 'job_id', execute: 'job_id', sync: 'job_id', trigger: 'job_id', jobs: 'job_id', run: 'run_id' };

  it.each([
    ['/api/imports', ['import']],
    ['/api/collections.export', ['export']],
    ['/api/jobs', ['jobs']],
    ['/api/job/:id/retry', ['jobs']],
    ['/api/tests/run', ['run']],
    ['/api/v1/jobs:run', ['jobs', 'run']],
    ['/api/bulkImport', ['import']],
    ['/api/data-sync', ['sync']],
    ['/api/prune', []],
    ['/api/reimport', []],
    ['/api/runner', []],
    ['/api/items/:importId', []],
    ['/api/items/{scanId}', []],
  ])('path %s has trigger words %j', (path, expected) => {
    expect(triggerWordsIn(path, true, words)).toEqual(expected);
  });

  it.each([
    ['startImport', ['import']],
    ['execute_scan', ['execute', 'scan']],
    ['triggerSyncJob', ['trigger', 'sync', 'jobs']],
    ['runTests', ['run']],
    ['create', []],
    ['pruneRuns', ['run']],
    ['rerun', []],
  ])('handler name %s has trigger words %j', (name, expected) => {
    expect(triggerWordsIn(name, false, words)).toEqual(expected);
  });

  it('keeps only POST routes with a trigger word, with the keys their words ask for', () => {
    const { project, file } = projectOf({
      'src/routes.ts': [
        "app.post('/api/imports', (req, res) => {});",
        "app.get('/api/imports', (req, res) => {});",
        "app.post('/api/prune', (req, res) => {});",
        "app.post('/api/things', async function startExport(req, res) {});",
        "app.post('/api/jobs/:id/run', (req, res) => {});",
      ].join('\n'),
    });
    expect(triggerEndpointsOf(project, file('src/routes.ts')).map((t) => [t.route.path, t.words, t.keys])).toEqual([
      ['/api/imports', ['import'], ['job_id']],
      ['/api/things', ['export'], ['job_id']],
      ['/api/jobs/:id/run', ['jobs', 'run'], ['job_id', 'run_id']],
    ]);
  });
});

describe('responsesOf', () => {
  it('finds success and error responses, in branches, callbacks and catch clauses', () => {
    const { project, file } = projectOf({
      'src/routes.ts': [
        "app.post('/x', async (req, res, next) => {",
        '  if (a) return res.status(400).json({ error: 1 });',
        '  if (b) return next();',
        '  try {',
        '    q.add().then((job) => res.status(202).send({ job_id: job.id }));',
        '  } catch (e) {',
        '    res.json({ error: 2 });',
        '  }',
        '  res.status(code).json({});',
        '  res.sendStatus(204);',
        '  const inner = () => { return { nested: true }; };',
        '  return { returned: true };',
        '});',
      ].join('\n'),
    });
    const f = file('src/routes.ts');
    const [route] = routeHandlersOf(project, f);
    const found = responsesOf(project, f, route!.handler!).map((r) => [
      f.sourceFile.getLineAndCharacterOfPosition(r.node.getStart(f.sourceFile)).line + 1,
      r.form,
      r.status,
      r.isError,
    ]);
    expect(found).toEqual([
      [2, 'call', 400, true],
      [5, 'call', 202, false],
      [7, 'call', 200, true],
      [9, 'call', undefined, false],
      [10, 'call', 204, false],
      [12, 'return', 200, false],
    ]);
  });
});
