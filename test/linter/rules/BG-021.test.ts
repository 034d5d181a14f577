import { testRule } from '../../helpers/rule-tester.js';

testRule('BG-021', {
  valid: [
    {
      name: 'dispatched work and an async child process',
      files: {
        'src/routes.ts': [
          "import { execFile } from 'node:child_process';",
          "app.post('/api/imports', async (req, res) => {",
          '  backgroundTasks.add(() => importCsv(req.body.file));',
          "  const job = await importQueue.add('import', req.body);",
          '  setImmediate(async () => { await sleep(1000); await exportAll(); });',
          "  execFile('make', ['all'], () => {});",
          '  res.status(202).json({ job_id: job.id });',
          '});',
        ].join('\n'),
      },
    },
    {
      name: 'a bare execute() use case is fine, and so is an un-awaited import call',
      files: {
        'src/routes.ts': "app.post('/api/things', async (req, res) => {\n  const result = await createThing.execute(req.body);\n  importLater(req.body);\n  res.json(result);\n});\n",
      },
    },
    {
      name: 'a bare import(...) (dynamic import of a parser or an importer module) is not long-running work',
      files: {
        'src/routes/imports.ts': [
          "import { Router } from 'express';",
          '',
          'export const router = Router();',
          '',
          "router.post('/api/imports', async (req, res) => {",
          "  const { parse } = await import('csv-parse/sync');",
          '  const importer = (await import(`../importers/${req.body.kind}`)).default;',
          "  const exporters = await import('../exporters').then((m) => m.default);",
          '  const rows = parse(req.body.csv);',
          "  const job = await importQueue.add('import', { rows, importer: importer.name, exporters });",
          '  res.status(202).json({ job_id: job.id });',
          '});',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'execSync outside a route handler',
      files: { 'scripts/build.ts': "import { execSync } from 'child_process';\nexecSync('make');\n" },
    },
    {
      name: 'a local execSync that is not child_process, and a comment',
      files: {
        'src/routes.ts': "function execSync(x: string) { return x; }\napp.post('/x', (req, res) => {\n  // execSync('make')\n  res.send(execSync('ok'));\n});\n",
      },
    },
    {
      name: 'a sleep that is not awaited, in a helper not called by a handler',
      files: {
        'src/routes.ts': "async function retry() { await sleep(1000); }\napp.get('/x', (req, res) => { sleep(10); res.json({}); });\n",
      },
    },
    {
      name: 'a client call with a trigger path is not a route',
      files: { 'static/js/page.js': "axios.post('/api/imports', { file }).then(() => sleep(100));\n" },
    },
    {
      name: 'sleep wrappers imported from another module are not followed (only local helpers are)',
      files: {
        'src/util.ts': 'export function delayMs(ms: number) {\n  return new Promise((r) => setTimeout(r, ms));\n}\n',
        'src/routes.ts': "import { delayMs } from './util.js';\napp.get('/api/y', async (req, res) => {\n  await delayMs(50);\n  res.json({});\n});\n",
      },
    },
    {
      name: 'Next.js route.ts POST that enqueues the build and answers at once',
      files: {
        'app/api/builds/route.ts': [
          "import { NextResponse } from 'next/server';",
          "import { enqueue } from '@/lib/jobs';",
          '',
          'export async function POST(request: Request) {',
          '  const { ref } = await request.json();',
          "  const job = await enqueue('build', { ref });",
          '  return NextResponse.json({ job_id: job.id }, { status: 202 });',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a build script under app/ that is not a route may run execSync in an exported POST',
      files: {
        'app/scripts/deploy.ts': "import { execSync } from 'node:child_process';\nexport function POST(ref: string) {\n  execSync(`git push origin ${ref}`);\n}\n",
      },
    },
  ],
  invalid: [
    {
      name: 'execSync imported under an alias',
      files: { 'src/routes.ts': "import { execSync as sh } from 'node:child_process';\napp.post('/api/builds', (req, res) => {\n  sh('make all');\n  res.json({});\n});\n" },
      errors: [{ line: 3, column: 3, messageId: 'blockingCall', data: { call: 'sh() (child_process.execSync)', route: 'POST /api/builds' } }],
    },
    {
      name: 'destructured require, spawnSync through a namespace, Atomics.wait',
      files: {
        'src/server.js': [
          "const { execSync } = require('child_process');",
          "const cp = require('node:child_process');",
          "router.get('/api/status', function (req, res) {",
          "  execSync('git status');",
          "  cp.spawnSync('ls');",
          '  Atomics.wait(view, 0, 0, 100);',
          '  res.json({});',
          '});',
        ].join('\n'),
      },
      errors: [
        { line: 4, messageId: 'blockingCall', data: { call: 'execSync()', route: 'GET /api/status' } },
        { line: 5, messageId: 'blockingCall', data: { call: 'cp.spawnSync()', route: 'GET /api/status' } },
        { line: 6, messageId: 'blockingCall', data: { call: 'Atomics.wait()', route: 'GET /api/status' } },
      ],
    },
    {
      name: 'awaited sleeps: sleep(), timers/promises setTimeout, new Promise, a local wrapper',
      files: {
        'src/routes.ts': [
          "import { setTimeout as pause } from 'node:timers/promises';",
          'const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));',
          "app.post('/api/x', async (req, res) => {",
          '  await sleep(2000);',
          '  await pause(100);',
          '  await new Promise((resolve) => setTimeout(resolve, 500));',
          '  await wait(1000);',
          '  res.json({});',
          '});',
        ].join('\n'),
      },
      errors: [
        { line: 4, messageId: 'sleep', data: { awaited: 'sleep(2000)', route: 'POST /api/x' } },
        { line: 5, messageId: 'sleep', data: { awaited: 'pause(100)', route: 'POST /api/x' } },
        { line: 6, messageId: 'sleep', data: { awaited: 'new Promise((resolve) => setTimeout(res…', route: 'POST /api/x' } },
        { line: 7, messageId: 'sleep', data: { awaited: 'wait(1000)', route: 'POST /api/x' } },
      ],
    },
    {
      name: 'a helper in the same file that sleeps, called by the handler',
      files: {
        'src/routes.ts': [
          'async function waitForIt(id: string) {',
          '  await delay(1000);',
          '  return id;',
          '}',
          "app.post('/api/imports', async (req, res) => {",
          '  await waitForIt(req.params.id);',
          '  res.json({ job_id: 1 });',
          '});',
        ].join('\n'),
      },
      errors: [{ line: 2, messageId: 'sleep', data: { awaited: 'delay(1000)', route: 'POST /api/imports', via: 'waitForIt' } }],
    },
    {
      name: "waiting for a queued job's result",
      files: {
        'src/routes.ts': "app.post('/api/imports', async (req, res) => {\n  const job = await queue.add('import', req.body);\n  const result = await job.waitUntilFinished(events);\n  res.json({ job_id: job.id, result });\n});\n",
      },
      errors: [{ line: 3, messageId: 'waitCall', data: { call: 'job.waitUntilFinished()', route: 'POST /api/imports' } }],
    },
    {
      name: 'long-running work awaited or returned: importCsv, execute_import, runScanAll',
      files: {
        'src/routes.ts': [
          "app.post('/api/imports', async (req, res) => {",
          '  const rows = await this.importService.importCsv(req.body.file);',
          '  res.json({ rows });',
          '});',
          "app.post('/api/run', async (req, res) => {",
          '  return execute_import(req.body);',
          '});',
          "app.post('/api/scan', (req) => runScanAll(req.body));",
        ].join('\n'),
      },
      errors: [
        { line: 2, messageId: 'longRunning', data: { how: 'await', callee: 'importService.importCsv', route: 'POST /api/imports' } },
        { line: 6, messageId: 'longRunning', data: { how: 'return', callee: 'execute_import', route: 'POST /api/run' } },
        { line: 8, messageId: 'longRunning', data: { how: 'return', callee: 'runScanAll', route: 'POST /api/scan' } },
      ],
    },
    {
      name: 'a NestJS controller with a prefix',
      files: {
        'src/exports.controller.ts': [
          "import { Controller, Post } from '@nestjs/common';",
          "@Controller('api/exports')",
          'export class ExportsController {',
          "  @Post('csv')",
          '  async csv() {',
          '    return await this.exportCsvRows();',
          '  }',
          '  private async exportCsvRows() {',
          '    await sleep(10);',
          '  }',
          '}',
        ].join('\n'),
      },
      errors: [
        { line: 6, messageId: 'longRunning', data: { how: 'await', callee: 'exportCsvRows', route: 'POST /api/exports/csv' } },
        { line: 9, messageId: 'sleep', data: { awaited: 'sleep(10)', route: 'POST /api/exports/csv', via: 'exportCsvRows' } },
      ],
    },
    {
      name: 'a handler declared in a controller file, registered in a router file',
      files: {
        'src/controllers/builds.ts': "import { execFileSync } from 'child_process';\nexport function build(req: any, res: any) {\n  execFileSync('make');\n  res.json({});\n}\n",
        'src/routes.ts': "import { build } from './controllers/builds.js';\nrouter.post('/api/builds', build);\n",
      },
      errors: [{ file: 'src/controllers/builds.ts', line: 3, messageId: 'blockingCall', data: { call: 'execFileSync()', route: 'POST /api/builds' } }],
    },
    {
      name: 'execSync in a Next.js App Router POST (route.ts)',
      files: {
        'app/api/builds/[ref]/route.ts': [
          "import { execSync } from 'node:child_process';",
          "import { NextResponse } from 'next/server';",
          '',
          "export const runtime = 'nodejs';",
          '',
          'export async function POST(_request: Request, { params }: { params: Promise<{ ref: string }> }) {',
          '  const { ref } = await params;',
          "  const output = execSync(`git fetch origin ${ref} && make build`, { encoding: 'utf8' });",
          '  return NextResponse.json({ output });',
          '}',
          '',
        ].join('\n'),
      },
      errors: [{ line: 8, column: 18, messageId: 'blockingCall', data: { call: 'execSync()', route: 'POST /api/builds/[ref]' } }],
    },
    {
      name: 'a Remix action that awaits the import it should dispatch',
      files: {
        'app/routes/imports.new.tsx': [
          "import { redirect, type ActionFunctionArgs } from '@remix-run/node';",
          "import { importCsv } from '~/imports.server';",
          '',
          'export const action = async ({ request }: ActionFunctionArgs) => {',
          '  const form = await request.formData();',
          "  const result = await importCsv(form.get('file') as File);",
          '  return redirect(`/imports/${result.id}`);',
          '};',
          '',
        ].join('\n'),
      },
      errors: [{ line: 6, messageId: 'longRunning', data: { how: 'await', callee: 'importCsv', route: 'POST /imports/new' } }],
    },
  ],
});
