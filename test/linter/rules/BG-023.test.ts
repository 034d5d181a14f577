import { testRule } from '../../helpers/rule-tester.js';

testRule('BG-023', {
  valid: [
    {
      name: 'Express: req.headers[...] compared before deleting',
      files: {
        'src/routes.ts': [
          "router.delete('/api/datasets/:id', async (req, res) => {",
          '  const dataset = await repo.findOne(req.params.id);',
          "  if (req.headers['x-resource-name'] !== dataset.name) return res.status(409).end();",
          '  await repo.remove(dataset);',
          '  res.status(204).end();',
          '});',
        ].join('\n'),
      },
    },
    {
      name: 'through a variable, with trim and a default; req.get in any case',
      files: {
        'src/routes.js': [
          "app.delete('/api/items/:id', async (req, res) => {",
          "  const confirm = (req.get('X-Resource-Name') ?? '').trim();",
          '  const item = await Item.findById(req.params.id);',
          '  if (!confirm || confirm !== item.name) return res.status(400).json({ error: "confirm" });',
          '  await Item.findByIdAndDelete(item.id);',
          '  res.json({ deleted: true });',
          '});',
        ].join('\n'),
      },
    },
    {
      name: 'Hono c.req.header, Fetch request.headers.get with a constant, destructuring',
      files: {
        'src/hono.ts': "app.delete('/api/a/:id', async (c) => {\n  if (c.req.header('x-resource-name') !== (await load(c)).name) return c.json({}, 409);\n  await drop();\n  return c.body(null, 204);\n});\n",
        'src/fetch.ts':
          "const HEADER = 'X-RESOURCE-NAME';\n" +
          "router.delete('/api/b/:id', async (request) => {\n  const name = request.headers.get(HEADER);\n  await service.deleteByName(request.params.id, name);\n});\n",
        'src/destructure.ts':
          "router.delete('/api/c/:id', async (req, res) => {\n  const { 'x-resource-name': name } = req.headers;\n  if (name !== thing.name) throw new Error('no');\n  await thing.destroy();\n});\n",
      },
    },
    {
      name: 'the runtime helpers safeDelete and checkResourceName',
      files: {
        'src/routes.ts': [
          "import { safeDelete, checkResourceName, RESOURCE_NAME_HEADER } from 'bg-lint/runtime';",
          "app.delete('/api/jobs/:id', (c) => safeDelete(c.req.raw, { find, name: (j) => j.id, remove }));",
          "app.delete('/api/files/:id', async (req, res) => {\n  checkResourceName(req.headers, file.name);\n  await files.delete(file.id);\n});",
          "app.delete('/api/dirs/:id', async (req, res) => {\n  if (req.get(RESOURCE_NAME_HEADER) !== dir.name) return;\n  await dirs.delete(dir.id);\n});",
        ].join('\n'),
      },
    },
    {
      name: 'a same-file helper that confirms',
      files: {
        'src/routes.ts': [
          'function confirmName(req: any, name: string) {',
          "  if (req.header('x-resource-name') !== name) throw new Error('mismatch');",
          '}',
          "router.delete('/api/projects/:id', async (req, res) => {",
          '  confirmName(req, project.name);',
          '  await projects.delete(project.id);',
          '});',
        ].join('\n'),
      },
    },
    {
      name: 'NestJS @Headers parameter',
      files: {
        'src/datasets.controller.ts': [
          "@Controller('datasets')",
          'export class DatasetsController {',
          "  @Delete(':id')",
          "  async remove(@Param('id') id: string, @Headers('x-resource-name') name: string) {",
          '    const ds = await this.repo.findOneOrFail(id);',
          '    if (ds.name !== name) throw new ConflictException();',
          '    await this.repo.delete(id);',
          '  }',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'not a delete: a GET, a POST whose last segment is not delete, cache.delete',
      files: {
        'src/routes.ts': "router.get('/api/items/:id', (req, res) => res.json({}));\nrouter.post('/api/items/delete-log', (req, res) => res.json({}));\ncache.delete('/api/items');\n",
      },
    },
    {
      name: 'a Koa DELETE that only refuses the method (405, "use POST") deletes nothing',
      files: {
        'server/routes/mcp/index.ts': [
          'import Koa from "koa";',
          'import Router from "koa-router";',
          '',
          'const app = new Koa();',
          'const router = new Router();',
          '',
          'router.delete("/", async (ctx) => {',
          '  ctx.status = 405;',
          '  ctx.set("Allow", "POST");',
          '  ctx.body = { error: "Method not allowed. Use POST for MCP requests." };',
          '});',
          '',
          'app.use(router.routes());',
          'export default app;',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'Next.js route.ts DELETE that compares the header with the dataset name first',
      files: {
        'app/api/datasets/[id]/route.ts': [
          "import { NextResponse } from 'next/server';",
          "import { prisma } from '@/lib/prisma';",
          '',
          'export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {',
          '  const { id } = await params;',
          '  const dataset = await prisma.dataset.findUniqueOrThrow({ where: { id } });',
          "  if (request.headers.get('x-resource-name') !== dataset.name) {",
          "    return NextResponse.json({ error: 'X-RESOURCE-NAME does not match' }, { status: 409 });",
          '  }',
          '  await prisma.dataset.delete({ where: { id } });',
          '  return new NextResponse(null, { status: 204 });',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a Remix action that never branches on DELETE is a POST, not a delete route',
      files: {
        'app/routes/datasets.$id.tsx': [
          "import { redirect, type ActionFunctionArgs } from '@remix-run/node';",
          "import { db } from '~/db.server';",
          '',
          'export async function action({ request, params }: ActionFunctionArgs) {',
          '  const form = await request.formData();',
          "  await db.dataset.removeTag(params.id!, String(form.get('tag')));",
          '  return redirect(`/datasets/${params.id}`);',
          '}',
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'a chained Hono app: reported at the .delete( of the chain, not at new Hono()',
      files: {
        'src/routes/projects.ts': [
          "import { Hono } from 'hono';",
          '',
          'export const projects = new Hono()',
          "  .get('/', async (c) => c.json(await listProjects()))",
          "  .delete('/:id', async (c) => {",
          "    await deleteProject(c.req.param('id'));",
          '    return c.body(null, 204);',
          '  });',
          '',
        ].join('\n'),
      },
      errors: [{ line: 5, column: 4, messageId: 'headerNotRead', data: { route: 'DELETE /:id', header: 'X-RESOURCE-NAME' } }],
    },
    {
      name: 'a DELETE route that never reads the header',
      files: { 'src/routes.ts': "router.delete('/api/datasets/:id', async (req, res) => {\n  await datasets.delete(req.params.id);\n  res.status(204).end();\n});\n" },
      errors: [{ line: 1, column: 1, messageId: 'headerNotRead', data: { route: 'DELETE /api/datasets/:id', header: 'X-RESOURCE-NAME' } }],
    },
    {
      name: 'reads it but only tests that it is present',
      files: {
        'src/routes.ts': "router.delete('/api/datasets/:id', async (req, res) => {\n  if (!req.headers['x-resource-name']) return res.status(400).end();\n  await datasets.delete(req.params.id);\n});\n",
      },
      errors: [{ line: 1, messageId: 'headerNotCompared', data: { route: 'DELETE /api/datasets/:id', header: 'X-RESOURCE-NAME' } }],
    },
    {
      name: 'compares only after deleting',
      files: {
        'src/routes.ts': [
          "router.delete('/api/datasets/:id', async (req, res) => {",
          '  const removed = await datasets.delete(req.params.id);',
          "  if (req.get('x-resource-name') !== removed.name) console.warn('mismatch');",
          '});',
        ].join('\n'),
      },
      errors: [{ line: 1, messageId: 'headerComparedLate', data: { route: 'DELETE /api/datasets/:id', header: 'X-RESOURCE-NAME' } }],
    },
    {
      name: 'a Koa-router RPC delete without a slash (Outline "imports.delete")',
      files: {
        'server/routes/api/imports/imports.ts': [
          'import Router from "koa-router";',
          'import auth from "@server/middlewares/authentication";',
          'import { transaction } from "@server/middlewares/transaction";',
          '',
          'const router = new Router();',
          '',
          'router.post(',
          '  "imports.delete",',
          '  auth(),',
          '  transaction(),',
          '  async (ctx: APIContext) => {',
          '    const { id } = ctx.input.body;',
          '    const importModel = await Import.findByPk(id, { rejectOnEmpty: true });',
          '    await importModel.destroy();',
          '    ctx.body = { success: true };',
          '  }',
          ');',
          '',
          'export default router;',
          '',
        ].join('\n'),
      },
      errors: [{ line: 7, column: 1, messageId: 'headerNotRead', data: { route: 'POST /imports.delete', header: 'X-RESOURCE-NAME' } }],
    },
    {
      name: 'RPC-style POST .../delete and a Fastify route object',
      files: {
        'src/routes.ts': [
          "router.post('/api/collections/:id/delete', async (req, res) => { await collections.destroy(req.params.id); });",
          "fastify.route({ method: 'DELETE', url: '/api/users/:id', handler: async (request, reply) => { await users.remove(request.params.id); } });",
          "router.post('/api/documents.remove', removeDocument);",
          'async function removeDocument(req: any, res: any) { await documents.remove(req.body.id); }',
        ].join('\n'),
      },
      errors: [
        { line: 1, messageId: 'headerNotRead', data: { route: 'POST /api/collections/:id/delete', header: 'X-RESOURCE-NAME' } },
        { line: 2, messageId: 'headerNotRead', data: { route: 'DELETE /api/users/:id', header: 'X-RESOURCE-NAME' } },
        { line: 3, messageId: 'headerNotRead', data: { route: 'POST /api/documents.remove', header: 'X-RESOURCE-NAME' } },
      ],
    },
    {
      name: 'NestJS controller with a prefix: reported at the decorated method',
      files: {
        'src/datasets.controller.ts': [
          "@Controller('api/datasets')",
          'export class DatasetsController {',
          '  constructor(private readonly repo: any) {}',
          "  @Delete(':id')",
          "  async remove(@Param('id') id: string) {",
          '    await this.repo.delete(id);',
          '  }',
          '}',
        ].join('\n'),
      },
      errors: [{ line: 4, messageId: 'headerNotRead', data: { route: 'DELETE /api/datasets/:id', header: 'X-RESOURCE-NAME' } }],
    },
    {
      name: 'Next.js route.ts DELETE without the X-RESOURCE-NAME check (reported at DELETE)',
      files: {
        'app/api/datasets/[id]/route.ts': [
          "import { NextResponse } from 'next/server';",
          "import { prisma } from '@/lib/prisma';",
          '',
          'export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {',
          '  const { id } = await params;',
          '  return NextResponse.json(await prisma.dataset.findUnique({ where: { id } }));',
          '}',
          '',
          'export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {',
          '  const { id } = await params;',
          '  await prisma.dataset.delete({ where: { id } });',
          '  return new NextResponse(null, { status: 204 });',
          '}',
          '',
        ].join('\n'),
      },
      errors: [{ line: 9, column: 23, messageId: 'headerNotRead', data: { route: 'DELETE /api/datasets/[id]', header: 'X-RESOURCE-NAME' } }],
    },
    {
      name: 'a Remix action that deletes when request.method === "DELETE", unchecked',
      files: {
        'app/routes/datasets.$id.tsx': [
          "import { json, redirect, type ActionFunctionArgs } from '@remix-run/node';",
          "import { db } from '~/db.server';",
          '',
          'export async function action({ request, params }: ActionFunctionArgs) {',
          "  if (request.method === 'DELETE') {",
          '    await db.dataset.delete({ where: { id: params.id } });',
          "    return redirect('/datasets');",
          '  }',
          '  const form = await request.formData();',
          "  await db.dataset.update({ where: { id: params.id }, data: { name: String(form.get('name')) } });",
          '  return json({ ok: true });',
          '}',
          '',
        ].join('\n'),
      },
      errors: [{ line: 4, messageId: 'headerNotRead', data: { route: 'DELETE /datasets/$id', header: 'X-RESOURCE-NAME' } }],
    },
  ],
});
