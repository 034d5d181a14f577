import { testRule } from '../../helpers/rule-tester.js';

testRule('BG-033', {
  valid: [
    {
      name: 'a task that opens a query runner and releases it in finally',
      files: {
        'src/tasks/import.ts':
          'export async function processImport(id: string) {\n  const qr = dataSource.createQueryRunner();\n  try {\n    await qr.manager.update(ImportJob, id, { status: "running" });\n' +
          '  } finally {\n    await qr.release();\n  }\n}\n',
      },
    },
    {
      name: 'await using, em.fork() of an injected em, and a transaction callback',
      files: {
        'src/tasks/import.ts':
          'export async function a(id) {\n  await using session = createSession();\n  await session.update(id);\n}\n' +
          'export class Importer {\n  async b(id) {\n    const em = this.em.fork();\n    await em.findOne(ImportJob, id);\n  }\n' +
          '  async c(id) {\n    await this.dataSource.transaction(async (manager) => {\n      await manager.update(ImportJob, id, { status: "running" });\n    });\n  }\n}\n',
      },
    },
    {
      name: 'a route that passes ids to deferred work, and awaits work on its own session',
      files: {
        'src/routes/imports.ts':
          'router.post("/api/imports", async (req, res) => {\n  const job = await createImportJob(req.db, req.body);\n' +
          '  backgroundTasks.add(() => processImport(job.id));\n  setImmediate(async () => {\n    try { await notify(job.id); } catch (e) { log(e); }\n  });\n' +
          '  res.status(202).json({ job_id: job.id });\n});\n',
      },
    },
    {
      name: 'global-connection APIs need no session; a DTO named request is not a request',
      files: {
        'src/tasks/import.ts':
          'export async function processImport(id: string, request: ImportRequest) {\n  await ImportJob.updateOne({ _id: id }, { $set: { status: "running" } });\n  await prisma.importJob.update({ where: { id }, data: { status: "completed" } });\n}\n',
      },
    },
    {
      name: 'a runtime dbTask using ctx.session',
      files: { 'src/tasks/import.ts': 'export const t = rt.dbTask({ name: "import" }, async (ctx, id) => {\n  const session = ctx.session;\n  await session.update(id);\n});\n' },
    },
    {
      name: 'a NestJS processor method with a request-context decorator',
      files: {
        'src/imports/import.processor.ts':
          '@Processor("imports")\nexport class P extends WorkerHost {\n  @CreateRequestContext()\n  async process(job) {\n    await this.em.findOne(ImportJob, job.data.id);\n  }\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a task that takes the session (by name, by type) or the request',
      files: {
        'src/tasks/import.ts':
          'export async function processImport(em, id: string) {\n  await work(id);\n}\n' +
          'export async function processExport(db: EntityManager, req: FastifyRequest) {\n  await work(1);\n}\n',
      },
      errors: [
        { line: 1, column: 37, messageId: 'sessionParameter', data: { task: 'processImport', name: 'em' } },
        { line: 4, column: 37, messageId: 'sessionParameter', data: { task: 'processExport', name: 'db', type: 'EntityManager' } },
        { line: 4, column: 56, messageId: 'requestParameter', data: { task: 'processExport', name: 'req' } },
      ],
    },
    {
      name: 'backgroundTasks.add(() => processImport(req.db, id)) in a route',
      files: {
        'src/routes/imports.ts':
          'router.post("/api/imports", async (req, res) => {\n  const id = await createJob(req.body);\n  backgroundTasks.add(() => processImport(req.db, id));\n  res.json({ job_id: id });\n});\n',
      },
      errors: [{ line: 3, column: 23, messageId: 'capturedSession', data: { session: 'req.db' } }],
    },
    {
      name: 'setImmediate capturing a variable bound to the request em; an un-awaited async call handed request.em',
      files: {
        'src/routes/imports.ts':
          'async function processImport(em, id) {\n  await em.flush();\n}\n' +
          'app.post("/api/imports", async (request, reply) => {\n  const em = request.em;\n' +
          '  setImmediate(async () => {\n    try { await em.flush(); } catch (e) { console.error(e); }\n  });\n' +
          '  processImport(request.em, 1);\n  return { job_id: 1 };\n});\n',
      },
      errors: [
        { line: 6, column: 16, messageId: 'capturedSession', data: { session: 'em' } },
        { line: 9, column: 17, messageId: 'capturedSession', data: { session: 'request.em' } },
      ],
    },
    {
      name: 'a NestJS handler deferring work with its injected EntityManager parameter',
      files: {
        'src/imports/imports.controller.ts':
          '@Controller("imports")\nexport class ImportsController {\n  @Post()\n  create(@Body() body, em: EntityManager) {\n' +
          '    setTimeout(() => runImport(em, body.id), 0);\n    return { job_id: 1 };\n  }\n}\n',
      },
      errors: [{ line: 5, column: 16, messageId: 'capturedSession', data: { session: 'em' } }],
    },
    {
      name: 'a query runner never released; a session held by the class; an imported shared session',
      files: {
        'src/db.ts': 'export const session = createSession();\n',
        'src/tasks/import.ts':
          'import { session } from "../db";\n' +
          'export async function processImport(id) {\n  const qr = dataSource.createQueryRunner();\n  await qr.manager.update(ImportJob, id, { status: "running" });\n  await qr.release();\n}\n' +
          'export class Importer {\n  async run(id) {\n    await this.em.findOne(ImportJob, id);\n  }\n}\n' +
          'export async function processExport(id) {\n  await session.update(id);\n}\n',
      },
      errors: [
        { file: 'src/tasks/import.ts', line: 2, column: 23, messageId: 'notReleased', data: { task: 'processImport', name: 'qr', call: 'dataSource.createQueryRunner()' } },
        { file: 'src/tasks/import.ts', line: 8, column: 9, messageId: 'notOwnSession', data: { task: 'run', session: 'this.em', why: 'classMember' } },
        { file: 'src/tasks/import.ts', line: 12, column: 23, messageId: 'notOwnSession', data: { task: 'processExport', session: 'session', why: 'sharedDeclaration' } },
      ],
    },
  ],
});
