import { testRule } from '../../helpers/rule-tester.js';

const express = (body: string, path = '/api/imports') =>
  `router.post('${path}', async (req, res) => {\n${body}\n});\n`;

const NEST_DTOS = {
  'src/imports/dto/trigger-response.dto.ts': [
    "import { ApiProperty } from '@nestjs/swagger';",
    'export class TriggerResponseDto {',
    "  @ApiProperty() job_id!: string;",
    "  @ApiProperty() status!: 'pending' | 'running';",
    '}',
    'export class ImportSummaryDto {',
    '  @ApiProperty() total!: number;',
    '  @ApiProperty() status!: string;',
    '}',
    '',
  ].join('\n'),
  'src/imports/start-import.use-case.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { TriggerResponseDto } from './dto/trigger-response.dto';",
    '@Injectable()',
    'export class StartImportUseCase {',
    '  constructor(private readonly queue: any) {}',
    '  async execute(fileId: string): Promise<TriggerResponseDto> {',
    "    const job = await this.queue.add('import', { fileId });",
    "    return { job_id: job.id, status: 'pending' };",
    '  }',
    '}',
    '',
  ].join('\n'),
};

/** A NestJS controller whose POST method has `body` (lines start at 7 for the method's decorator). */
const nestController = (method: string) => [
  "import { Body, Controller, Post } from '@nestjs/common';",
  "import { ImportSummaryDto, TriggerResponseDto } from './dto/trigger-response.dto';",
  "import { StartImportUseCase } from './start-import.use-case';",
  "@Controller('api/imports')",
  'export class ImportsController {',
  '  constructor(private readonly startImport: StartImportUseCase, private readonly legacy: any) {}',
  "  @Post()",
  method,
  '}',
  '',
].join('\n');

/** A Next.js App Router route for scans of a project; `post` is the POST handler's body (line 10 on). */
const nextScansRoute = (post: string) => [
  "import { NextResponse, type NextRequest } from 'next/server';",
  "import { auth } from '@/lib/auth';",
  "import { listScans, scanQueue } from '@/lib/scans';",
  '',
  'export async function GET(_request: NextRequest, { params }: { params: Promise<{ projectId: string }> }) {',
  '  const { projectId } = await params;',
  '  return NextResponse.json(await listScans(projectId));',
  '}',
  '',
  'export async function POST(request: NextRequest, { params }: { params: Promise<{ projectId: string }> }) {',
  '  const session = await auth();',
  "  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });",
  '  const { projectId } = await params;',
  '  const body = await request.json();',
  post,
  '}',
  '',
].join('\n');
const NEXT_SCANS = 'app/api/projects/[projectId]/scans/route.ts';

/** A Remix resource route that triggers a task; `body` ends its action (the action is on line 9). */
const remixTrigger = (body: string, imports = "import { json, type ActionFunctionArgs } from '@remix-run/node';") => [
  imports,
  "import { requireUser } from '~/session.server';",
  "import { tasks } from '~/queues.server';",
  '',
  'export async function loader() {',
  "  return { ok: true };",
  '}',
  '',
  'export async function action({ request, params }: ActionFunctionArgs) {',
  '  await requireUser(request);',
  '  const job = await tasks.trigger(params.taskId!, await request.json());',
  body,
  '}',
  '',
].join('\n');
const REMIX_TRIGGER = 'app/routes/api.v1.tasks.$taskId.trigger.ts';

testRule('BG-020', {
  valid: [
    { name: 'job_id in an object literal', files: { 'src/routes.ts': express("  res.status(202).json({ job_id: job.id, status: 'pending' });") } },
    { name: 'camelCase jobId', files: { 'src/routes.ts': express('  res.json({ jobId: job.id });') } },
    { name: 'shorthand { job_id }', files: { 'src/routes.ts': express('  const job_id = await enqueue(req.body);\n  res.json({ job_id });') } },
    {
      name: 'error responses are exempt: status >= 400, catch, throw',
      files: {
        'src/routes.ts': express(
          [
            "  if (!req.body.file) return res.status(400).json({ error: 'no file' });",
            '  if (!req.user) throw new Error("unauthorized");',
            '  try {',
            '    const job = await queue.add(req.body);',
            '    res.status(202).json({ job_id: job.id });',
            '  } catch (error) {',
            '    res.json({ error: String(error) });',
            '  }',
            '  queue.add(x).catch((e) => res.json({ message: e.message }));',
          ].join('\n'),
        ),
      },
    },
    { name: 'an error branch res.status(500).json({ error })', files: { 'src/routes.ts': express('  if (failed) { res.status(500).json({ error }); return; }\n  res.json({ job_id: 1 });') } },
    { name: 'not a trigger path: /prune is not a run', files: { 'src/routes.ts': express("  res.json({ pruned: 3 });", '/api/prune') } },
    {
      name: 'dotted keys on receivers that are not routers: a cache loader, an event bus, a URL',
      files: {
        'src/services/cache.ts': [
          'cache.post("imports.export", async () => loadExports());',
          'bus.post("jobs.run", (event) => handle(event));',
          'router.post("https://example.com/import", (ctx) => { ctx.body = {}; });',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'RPC reads and removals of a trigger-word resource (imports.list, imports.info, imports.delete) trigger nothing',
      files: {
        'server/routes/api/imports/imports.ts': [
          'import Router from "koa-router";',
          'import auth from "@server/middlewares/authentication";',
          '',
          'const router = new Router();',
          '',
          'router.post("imports.list", auth(), pagination(), async (ctx: APIContext) => {',
          '  ctx.body = { pagination: ctx.state.pagination, data: imports.map(presentImport) };',
          '});',
          '',
          'router.post("imports.info", auth(), async (ctx: APIContext) => {',
          '  ctx.body = { data: presentImport(importModel) };',
          '});',
          '',
          'router.post("imports.delete", auth(), async (ctx: APIContext) => {',
          '  await importModel.destroy();',
          '  ctx.body = { success: true };',
          '});',
          '',
          'export default router;',
          '',
        ].join('\n'),
      },
    },
    { name: 'not a POST', files: { 'src/routes.ts': "router.get('/api/imports', (req, res) => res.json({ items: [] }));\n" } },
    {
      name: 'a page posting to a trigger path is not a route',
      files: { 'static/js/page.js': "const body = { file: 'a.csv' };\naxios.post('/api/imports', body);\nfetch('/api/imports', { method: 'POST' });\n" },
    },
    {
      name: 'a spread of a value whose type has job_id',
      files: {
        'src/routes.ts':
          'interface Started { job_id: string; status: string }\n' +
          "declare function start(): Started;\n" +
          express('  const started: Started = start();\n  res.json({ ...started, queued: true });'),
      },
    },
    {
      name: 'an expression whose type has job_id (type checker)',
      files: {
        'src/types.ts': 'export interface TriggerResponse { job_id: string; status: string }\n',
        'src/routes.ts':
          "import type { TriggerResponse } from './types.js';\n" +
          'declare function trigger(): TriggerResponse;\n' +
          express('  const response = trigger();\n  res.status(202).json(response);'),
      },
    },
    { name: 'a body of unknown type is not judged', files: { 'src/routes.ts': express('  res.json(await service.start(req.body));') } },
    { name: 'run_id for a run endpoint', files: { 'src/routes.ts': express('  res.json({ run_id: run.id });', '/api/tests/run') } },
    {
      name: 'Hono c.json(o, 202) and Koa ctx.body',
      files: {
        'src/hono.ts': "app.post('/api/exports', async (c) => c.json({ job_id: await start() }, 202));\n",
        'src/koa.ts': "router.post('/api/sync', async (ctx) => {\n  ctx.body = { jobId: 1 };\n});\n",
      },
    },
    {
      name: 'NestJS method returning an object with job_id',
      files: {
        'src/imports.controller.ts':
          "@Controller('api/imports')\nexport class ImportsController {\n  @Post()\n  async start() {\n    const job = await this.queue.add('import', {});\n    return { job_id: job.id };\n  }\n}\n",
      },
    },
    {
      name: 'NestJS: the use case returns Promise<TriggerResponseDto> (the lib declarations unwrap the Promise)',
      files: { ...NEST_DTOS, 'src/imports/imports.controller.ts': nestController('  async start(@Body() body: { fileId: string }) {\n    return this.startImport.execute(body.fileId);\n  }') },
    },
    {
      name: 'NestJS: the declared return type Promise<TriggerResponseDto> over an untyped call',
      files: { ...NEST_DTOS, 'src/imports/imports.controller.ts': nestController('  async start(@Body() body: { fileId: string }): Promise<TriggerResponseDto> {\n    return this.legacy.enqueue(body.fileId);\n  }') },
    },
    {
      name: 'NestJS: an untyped result cast to the DTO (as TriggerResponseDto)',
      files: { ...NEST_DTOS, 'src/imports/imports.controller.ts': nestController('  async start(@Body() body: { fileId: string }) {\n    const queued = await this.legacy.enqueue(body.fileId);\n    return queued as TriggerResponseDto;\n  }') },
    },
    {
      name: 'Express: a variable typed with the DTO',
      files: { ...NEST_DTOS, 'src/routes.ts': "import { TriggerResponseDto } from './imports/dto/trigger-response.dto';\n" + express('  const reply: TriggerResponseDto = await legacyEnqueue(req.body);\n  res.status(202).json(reply);') },
    },
    {
      name: 'a handler that sends nothing it can see (Express) is not judged',
      files: { 'src/routes.ts': express('  await controller.handle(req, res);') },
    },
    {
      name: 'a nested callback sends the key',
      files: { 'src/routes.ts': express("  queue.add(req.body).then((job) => res.status(202).send({ job_id: job.id }));") },
    },
    {
      name: 'Next.js route.ts: NextResponse.json with job_id, a 500 in catch',
      files: {
        [NEXT_SCANS]: nextScansRoute([
          '  try {',
          "    const job = await scanQueue.add('scan', { projectId, depth: body.depth });",
          "    return NextResponse.json({ job_id: job.id, status: 'pending' }, { status: 202 });",
          '  } catch (error) {',
          '    return NextResponse.json({ error: String(error) }, { status: 500 });',
          '  }',
        ].join('\n')),
      },
    },
    {
      name: 'Next.js route.ts: new Response(JSON.stringify({ jobId })) and an error status in the init',
      files: {
        [NEXT_SCANS]: nextScansRoute([
          "  if (!body.depth) return new Response(JSON.stringify({ message: 'depth required' }), { status: 422 });",
          "  const job = await scanQueue.add('scan', { projectId });",
          "  return new Response(JSON.stringify({ jobId: job.id }), { status: 202, headers: { 'content-type': 'application/json' } });",
        ].join('\n')),
      },
    },
    {
      name: 'a module under app/ that is not route.ts may export POST (a fetch client): not a route',
      files: {
        'app/api/exports/client.ts': [
          'export async function GET<T>(path: string): Promise<T> {',
          '  const res = await fetch(`/api/exports${path}`);',
          '  return (await res.json()) as T;',
          '}',
          'export async function POST(path: string, body: unknown) {',
          "  const res = await fetch(`/api/exports${path}`, { method: 'POST', body: JSON.stringify(body) });",
          '  return { status: res.status, data: await res.json() };',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'Remix action: json({ job_id }, { status: 202 }), a thrown 400',
      files: {
        [REMIX_TRIGGER]: remixTrigger([
          "  if (!job) throw json({ error: 'unknown task' }, { status: 400 });",
          '  return json({ job_id: job.id }, { status: 202 });',
        ].join('\n')),
      },
    },
    {
      name: 'Remix form action that redirects to the job after enqueueing: a redirect is exempt',
      files: {
        'app/routes/exports.new.tsx': [
          "import { redirect, type ActionFunctionArgs } from '@remix-run/node';",
          "import { Form } from '@remix-run/react';",
          "import { exportQueue } from '~/queues.server';",
          '',
          'export async function action({ request }: ActionFunctionArgs) {',
          '  const form = await request.formData();',
          "  const job = await exportQueue.add('export', { format: form.get('format') });",
          '  return redirect(`/exports/${job.id}`);',
          '}',
          '',
          'export default function NewExport() {',
          '  return <Form method="post"><button>Export</button></Form>;',
          '}',
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'NestJS: the declared return type Promise<ImportSummaryDto> has no job_id',
      files: { ...NEST_DTOS, 'src/imports/imports.controller.ts': nestController('  async start(@Body() body: { fileId: string }): Promise<ImportSummaryDto> {\n    return this.legacy.enqueue(body.fileId);\n  }') },
      errors: [{ file: 'src/imports/imports.controller.ts', line: 7, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: 'this.legacy.enqueue(body.fileId) (ImportSummaryDto)', keys: ['job_id'] } }],
    },
    {
      // A keyword return type is judged without the type checker (same verdict, same text).
      name: 'NestJS: the declared return type string',
      files: { ...NEST_DTOS, 'src/imports/imports.controller.ts': nestController('  start(@Body() body: { fileId: string }): string {\n    return this.legacy.enqueue(body.fileId);\n  }') },
      errors: [{ file: 'src/imports/imports.controller.ts', line: 7, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: 'this.legacy.enqueue(body.fileId) (string)', keys: ['job_id'] } }],
    },
    {
      name: 'NestJS: an untyped result cast to a DTO without job_id',
      files: { ...NEST_DTOS, 'src/imports/imports.controller.ts': nestController('  async start(@Body() body: { fileId: string }) {\n    const queued = await this.legacy.enqueue(body.fileId);\n    return queued as ImportSummaryDto;\n  }') },
      errors: [{ file: 'src/imports/imports.controller.ts', line: 7, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: 'queued as ImportSummaryDto (ImportSummaryDto)', keys: ['job_id'] } }],
    },
    {
      name: 'Express: a variable typed with a DTO without job_id',
      files: { ...NEST_DTOS, 'src/routes.ts': "import { ImportSummaryDto } from './imports/dto/trigger-response.dto';\n" + express('  const summary: ImportSummaryDto = await legacyEnqueue(req.body);\n  res.status(202).json(summary);') },
      errors: [{ file: 'src/routes.ts', line: 2, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: 'summary (ImportSummaryDto)', keys: ['job_id'] } }],
    },
    {
      name: 'returns { id } without job_id',
      files: { 'src/routes.ts': express("  const job = await queue.add(req.body);\n  res.status(202).json({ id: job.id, status: 'pending' });") },
      errors: [{ line: 1, column: 1, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: '{ id, status }', keys: ['job_id'] } }],
    },
    {
      name: 'every success branch must carry it',
      files: {
        'src/routes.ts': express(
          "  if (req.query.dry) return res.json({ status: 'ok', message: 'dry run' });\n  res.json({ job_id: 1 });",
        ),
      },
      errors: [{ line: 1, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: '{ status, message }', keys: ['job_id'] } }],
    },
    {
      name: 'RPC-style collections.export, a const body, reply.code(202).send (Fastify)',
      files: {
        'src/server.ts':
          "const EXPORT = '/api/collections.export';\n" +
          'fastify.post(EXPORT, async (request, reply) => {\n' +
          '  const body = { exportId: 7 };\n' +
          '  reply.code(202).send(body);\n' +
          '});\n',
      },
      errors: [{ line: 2, messageId: 'missingJobId', data: { route: 'POST /api/collections.export', returns: 'body = { exportId }', keys: ['job_id'] } }],
    },
    {
      name: 'a Koa-router RPC API (Outline): "collections.export" needs no leading slash; "collections.info" is no trigger',
      files: { 'server/routes/api/collections/collections.ts': [
          'import Router from "koa-router";',
          'import auth from "@server/middlewares/authentication";',
          'import validate from "@server/middlewares/validate";',
          'import { transaction } from "@server/middlewares/transaction";',
          'import * as T from "./schema";',
          '',
          'const router = new Router();',
          '',
          'router.post(',
          '  "collections.export",',
          '  auth(),',
          '  validate(T.CollectionsExportSchema),',
          '  transaction(),',
          '  async (ctx: APIContext<T.CollectionsExportReq>) => {',
          '    const fileOperation = await collectionExporter({ collection, user, format, ctx });',
          '    ctx.body = { success: true, data: { fileOperation: presentFileOperation(fileOperation) } };',
          '  }',
          ');',
          '',
          'router.post("collections.info", auth(), async (ctx: APIContext) => {',
          '    ctx.body = { data: presentCollection(ctx, collection) };',
          '});',
          '',
          'export default router;',
          '',
        ].join('\n') },
      errors: [{ line: 9, column: 1, messageId: 'missingJobId', data: { route: 'POST /collections.export', returns: '{ success, data }', keys: ['job_id'] } }],
    },
    {
      name: 'a handler name with a trigger word, a followed handler reference, a string body',
      files: {
        'src/routes.js': "async function triggerSync(req, res) {\n  res.send('started');\n}\napp.post('/api/things', triggerSync);\n",
      },
      errors: [{ line: 4, messageId: 'missingJobId', data: { route: 'POST /api/things', returns: 'a string', keys: ['job_id'] } }],
    },
    {
      name: 'an expression whose type lacks the key (type checker)',
      files: {
        'src/models.ts': 'export interface ImportJob { id: string; status: string }\n',
        'src/routes.ts':
          "import type { ImportJob } from './models.js';\n" +
          'declare function create(): ImportJob;\n' +
          express('  const job = create();\n  res.json(job);', '/api/scans'),
      },
      errors: [{ file: 'src/routes.ts', line: 3, messageId: 'missingJobId', data: { route: 'POST /api/scans', returns: 'job (ImportJob)', keys: ['job_id'] } }],
    },
    {
      name: 'a spread of a value whose type lacks the key',
      files: {
        'src/routes.ts':
          'interface Started { id: string }\n' +
          'declare function start(): Started;\n' +
          express('  const started: Started = start();\n  res.json({ ...started, queued: true });'),
      },
      errors: [{ line: 3, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: '{ ...started, queued }', keys: ['job_id'] } }],
    },
    {
      name: 'NestJS controller with a prefix, returning without the key and returning nothing',
      files: {
        'src/imports.controller.ts': [
          "import { Controller, Post } from '@nestjs/common';",
          "@Controller('api/imports')",
          'export class ImportsController {',
          "  @Post(':id/run')",
          '  async rerun() {',
          '    return { id: 1 };',
          '  }',
          "  @Post('sync')",
          '  async sync() {',
          '    await this.service.sync();',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { line: 4, messageId: 'missingJobId', data: { route: 'POST /api/imports/:id/run', returns: '{ id }', keys: ['job_id', 'run_id'] } },
        { line: 8, messageId: 'missingJobId', data: { route: 'POST /api/imports/sync', returns: 'no body', keys: ['job_id'] } },
      ],
    },
    {
      name: 'Hono success c.json without the key, 204 with no body',
      files: {
        'src/app.ts':
          "app.post('/api/jobs', async (c) => c.json({ ok: true }, 201));\n" +
          "app.post('/api/jobs/:id/trigger', (req, res) => res.sendStatus(204));\n",
      },
      errors: [
        { line: 1, messageId: 'missingJobId', data: { route: 'POST /api/jobs', returns: '{ ok }', keys: ['job_id'] } },
        { line: 2, messageId: 'missingJobId', data: { route: 'POST /api/jobs/:id/trigger', returns: 'status 204 with no body', keys: ['job_id'] } },
      ],
    },
    {
      name: 'a handler in another file is judged at the registration',
      files: {
        'src/controllers/imports.ts': 'export async function create(req: any, res: any) {\n  res.json({ queued: true });\n}\n',
        'src/routes.ts': "import { create } from './controllers/imports.js';\nrouter.post('/api/imports', create);\n",
      },
      errors: [{ file: 'src/routes.ts', line: 2, messageId: 'missingJobId', data: { route: 'POST /api/imports', returns: '{ queued }', keys: ['job_id'] } }],
    },
    {
      name: 'Next.js route.ts POST answers NextResponse.json without job_id (reported at POST)',
      files: {
        [NEXT_SCANS]: nextScansRoute([
          "  const job = await scanQueue.add('scan', { projectId, depth: body.depth });",
          "  return NextResponse.json({ id: job.id, status: 'queued' }, { status: 202 });",
        ].join('\n')),
      },
      errors: [{ line: 10, column: 23, messageId: 'missingJobId', data: { route: 'POST /api/projects/[projectId]/scans', returns: '{ id, status }', keys: ['job_id'] } }],
    },
    {
      name: 'Next.js: an exported const arrow, Response.json without the key',
      files: {
        'src/app/(admin)/api/sync/route.ts': [
          "import { syncQueue } from '@/lib/queues';",
          '',
          'export const POST = async () => {',
          "  await syncQueue.add('sync', {});",
          '  return Response.json({ queued: true });',
          '};',
          '',
        ].join('\n'),
      },
      errors: [{ line: 3, messageId: 'missingJobId', data: { route: 'POST /api/sync', returns: '{ queued }', keys: ['job_id'] } }],
    },
    {
      name: 'Remix action: json() without the key',
      files: { [REMIX_TRIGGER]: remixTrigger('  return json({ ok: true, id: job.id });') },
      errors: [{ line: 9, messageId: 'missingJobId', data: { route: 'POST /api/v1/tasks/$taskId/trigger', returns: '{ ok, id }', keys: ['job_id'] } }],
    },
    {
      // The checker's question waits for the run's one program, and the file is checked again: on
      // the same tree, since the route facts made of it outlive the first attempt (branch pkg).
      name: 'Remix action: json() of a value only the type checker types, without the key',
      files: {
        [REMIX_TRIGGER]: remixTrigger('  const summary = summarize(job);\n  return json(summary);') + 'function summarize(job: unknown) {\n  return { queued: true, job };\n}\n',
      },
      errors: [{ line: 9, messageId: 'missingJobId', data: { route: 'POST /api/v1/tasks/$taskId/trigger', returns: 'summary ({ queued: boolean; job: unknown; })', keys: ['job_id'] } }],
    },
    {
      name: 'React Router / Remix single fetch: data() without the key',
      files: { [REMIX_TRIGGER]: remixTrigger('  return data({ queued: true }, { status: 202 });', "import { data, type ActionFunctionArgs } from 'react-router';") },
      errors: [{ line: 9, messageId: 'missingJobId', data: { route: 'POST /api/v1/tasks/$taskId/trigger', returns: '{ queued }', keys: ['job_id'] } }],
    },
    {
      name: 'trigger.dev idiom: an action made by a route builder, re-exported, answers { id } (reported at the export)',
      files: {
        [REMIX_TRIGGER]: [
          "import { json } from '@remix-run/server-runtime';",
          "import { createActionApiRoute } from '~/services/routeBuilders/apiBuilder.server';",
          "import { TriggerTaskService } from '~/v3/services/triggerTask.server';",
          '',
          'const { action, loader } = createActionApiRoute(',
          "  { params: ParamsSchema, body: TriggerTaskRequestBody, corsStrategy: 'all' },",
          '  async ({ body, params, authentication }) => {',
          '    const service = new TriggerTaskService();',
          '    const result = await service.call(params.taskId, authentication.environment, body);',
          "    if (!result) return json({ error: 'Task not found' }, { status: 404 });",
          '    return json({ id: result.run.friendlyId, isCached: result.isCached });',
          '  },',
          ');',
          '',
          'export { action, loader };',
          '',
        ].join('\n'),
      },
      errors: [{ line: 15, column: 10, messageId: 'missingJobId', data: { route: 'POST /api/v1/tasks/$taskId/trigger', returns: '{ id, isCached }', keys: ['job_id'] } }],
    },
  ],
});
