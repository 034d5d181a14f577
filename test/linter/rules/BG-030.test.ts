import { testRule } from '../../helpers/rule-tester.js';
import { PRISMA_EXPORT_TASK } from './idioms.js';

const MODEL = {
  'src/models/import-job.entity.ts':
    'export class ImportJob {\n  id!: string;\n  status!: string;\n  started_at?: Date;\n  completed_at?: Date;\n  error_message?: string;\n}\n',
};

/** A compliant task body (for a `repo` of job records), as lines. */
const GOOD_BODY =
  '  await repo.update(id, { status: "running", started_at: new Date() });\n' +
  '  try {\n' +
  '    await work(id);\n' +
  '    await repo.update(id, { status: "completed", completed_at: new Date() });\n' +
  '  } catch (err) {\n' +
  '    await repo.update(id, { status: "failed", error_message: String(err), completed_at: new Date() });\n' +
  '  }\n';

testRule('BG-030', {
  valid: [
    {
      // Outline's idiom: Sequelize models declared as a class, default-exported at the end of the file
      // and re-exported by name from models/index.ts; a task that reads such a record's status is not
      // a job task (the access request is not a job model).
      name: 'a status read on a default-exported, re-exported model that is not a job model',
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@server/*': ['./server/*'] } } }),
        'server/models/AccessRequest.ts': [
          'import { Column, Model, Table } from "sequelize-typescript";',
          'export enum AccessRequestStatus {',
          '  Pending = "pending",',
          '  Approved = "approved",',
          '}',
          '@Table({ tableName: "access_requests" })',
          'class AccessRequest extends Model {',
          '  @Column',
          '  status: AccessRequestStatus;',
          '}',
          'export default AccessRequest;',
          '',
        ].join('\n'),
        'server/models/index.ts': 'export { default as AccessRequest } from "./AccessRequest";\n',
        'server/queues/tasks/DocumentAccessRequestNotificationsTask.ts': [
          'import { AccessRequest } from "@server/models";',
          'import { AccessRequestStatus } from "@server/models/AccessRequest";',
          'import { BaseTask } from "./base/BaseTask";',
          '',
          'export default class DocumentAccessRequestNotificationsTask extends BaseTask<{ modelId: string }> {',
          '  public async perform(event: { modelId: string }) {',
          '    const accessRequest = await AccessRequest.findByPk(event.modelId);',
          '    if (!accessRequest || accessRequest.status !== AccessRequestStatus.Pending) {',
          '      return;',
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
        'server/queues/tasks/base/BaseTask.ts': 'export abstract class BaseTask<T> {\n  abstract perform(props: T): Promise<unknown>;\n}\n',
      },
    },
    { name: 'running and started_at before the work', files: { 'src/tasks/import.ts': `export async function runImport(id) {\n${GOOD_BODY}}\n` } },
    {
      name: 'an exported utility in a task file that touches no job',
      files: { 'src/tasks/util.ts': 'export function formatRow(row: string[]) {\n  return row.join(",");\n}\n' },
    },
    {
      name: 'a task defined with the runtime dbTask is compliant by construction',
      files: {
        'src/tasks/import.ts':
          'import { rt } from "../runtime";\n' +
          'export const importTask = rt.dbTask({ name: "import" }, async (ctx, id) => {\n' +
          '  await ctx.session.update(id, { status: "completed" });\n' +
          '});\n',
      },
    },
    {
      name: 'a body typed with the runtime TaskContext, registered elsewhere',
      files: {
        'src/tasks/import.ts':
          'import type { TaskContext } from "bg-lint/runtime";\n' +
          'export async function importBody(ctx: TaskContext, job) {\n  job.status = "completed";\n}\n',
      },
    },
    {
      name: 'status written through an imported const and an enum',
      files: {
        'src/tasks/status.ts': 'export const RUNNING = "running";\nexport enum JobStatus { Done = "completed" }\n',
        'src/tasks/import.ts':
          'import { RUNNING, JobStatus } from "./status";\n' +
          'export async function runImport(job) {\n' +
          '  job.status = RUNNING;\n  job.started_at = new Date();\n' +
          '  job.status = JobStatus.Done;\n  job.completed_at = new Date();\n}\n',
      },
    },
    {
      name: 'a helper that receives the status as a parameter (setStatus(id, "running"))',
      files: {
        'src/tasks/import.ts':
          'async function setStatus(id, status, extra = {}) {\n  await repo.update(id, { status, ...extra });\n}\n' +
          'export async function runImport(id) {\n' +
          '  await setStatus(id, "running");\n  await repo.update(id, { started_at: new Date() });\n' +
          '  await setStatus(id, "completed");\n}\n',
      },
    },
    {
      name: 'a non-exported helper and an _underscored export are not tasks',
      files: {
        'src/tasks/import.ts':
          'async function finish(job) {\n  job.status = "completed";\n}\n' +
          'export async function _finish(job) {\n  job.status = "completed";\n}\n',
      },
    },
    {
      name: 'not a task file: an exported function elsewhere is not a task',
      files: { 'src/services/import.ts': 'export async function finish(job) {\n  job.status = "completed";\n}\n' },
    },
    {
      name: 'JS task file with CommonJS exports',
      files: {
        'src/jobs/cleanup.js':
          'async function runCleanup(run) {\n  run.status = "running";\n  run.started_at = new Date();\n  run.status = "completed";\n}\nmodule.exports = { runCleanup };\n',
      },
    },
    {
      name: 'an export task whose only lifecycle-looking key is createdAt in its archive metadata (type behind an alias)',
      files: {
        'server/queues/tasks/ExportJSONTask.ts': [
          'import type { FileOperation } from "@server/models";',
          'import type { JSONExportMetadata } from "@server/types";',
          'import ExportTask from "./ExportTask";',
          '',
          'export default class ExportJSONTask extends ExportTask {',
          '  public async exportCollections(collections: unknown[], fileOperation: FileOperation) {',
          '    return ZipHelper.toTmpFile(async (zip) => {',
          '      await this.addMetadataToArchive(zip, fileOperation);',
          '    });',
          '  }',
          '',
          '  private async addMetadataToArchive(zip: any, fileOperation: FileOperation) {',
          '    const metadata: JSONExportMetadata = {',
          '      exportVersion: 1,',
          '      createdAt: new Date().toISOString(),',
          '      createdById: fileOperation.userId,',
          '    };',
          '    zip.addBuffer(Buffer.from(JSON.stringify(metadata)), "metadata.json");',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a Remix job helper that stores its state (not status) with a createdAt in a KV record',
      files: {
        'app/jobs/search.server.ts': [
          "import { SearchJobStage, SearchJobState } from '~/constants/job';",
          "import { SearchJobParsedSchema } from '~/schemas/job';",
          "import { putKVRecord } from '~/services/cloudflare.server';",
          '',
          'export async function createSearchJob(context: unknown, favoriteMealName: string) {',
          '  const key = crypto.randomUUID();',
          '  const initState = SearchJobParsedSchema.parse({',
          '    input: { favoriteMealName },',
          '    state: SearchJobState.Created,',
          '    stage: SearchJobStage.Initial,',
          '    createdAt: Date.now(),',
          '  });',
          '  await putKVRecord(context, key, initState);',
          '  return key;',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a Mongoose worker: status and startedAt in one $set (findOneAndUpdate with upsert and $setOnInsert)',
      files: {
        'src/models/job.model.ts': [
          "import { Schema, model, Document } from 'mongoose';",
          'export interface IJob extends Document {',
          "  status: 'pending' | 'running' | 'completed' | 'failed';",
          '  startedAt?: Date;',
          '  completedAt?: Date;',
          '}',
          "export const Job = model<IJob>('Job', new Schema<IJob>({ status: { type: String, index: true } }));",
          '',
        ].join('\n'),
        'src/workers/report.worker.ts': [
          "import { Job } from '../models/job.model';",
          '',
          'export async function processReport(reportKey: string) {',
          '  const startedAt = new Date();',
          '  await Job.findOneAndUpdate(',
          '    { key: reportKey },',
          "    { $set: { status: 'running', startedAt }, $setOnInsert: { createdAt: startedAt } },",
          '    { upsert: true, new: true },',
          '  );',
          '  await buildReport(reportKey);',
          "  await Job.updateOne({ key: reportKey }, { $set: { status: 'completed', completedAt: new Date() } });",
          '}',
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'a camelCase Prisma task: the message names startedAt as the project spells it',
      files: { 'src/jobs/export.job.ts': PRISMA_EXPORT_TASK },
      errors: [{ line: 4, column: 23, messageId: 'startNotRecorded', data: { task: 'processExport', missing: ['startedAt'], late: [] } }],
    },
    {
      name: 'a NestJS task service whose repository is typed with the model: its startedAt write alone makes it a job task',
      files: {
        'src/entities/export-job.entity.ts':
          '@Entity()\nexport class ExportJob {\n  @Index() @Column() status!: string;\n  @Column() startedAt?: Date;\n}\n',
        'src/jobs/export.task.ts': [
          "import { Injectable } from '@nestjs/common';",
          "import { InjectRepository } from '@nestjs/typeorm';",
          "import { Repository } from 'typeorm';",
          "import { ExportJob } from '../entities/export-job.entity';",
          '',
          '@Injectable()',
          'export class ExportTask {',
          '  constructor(@InjectRepository(ExportJob) private readonly jobs: Repository<ExportJob>) {}',
          '',
          '  async run(id: string) {',
          '    await this.jobs.update(id, { startedAt: new Date() });',
          '    await this.render(id);',
          '  }',
          '',
          '  private async render(id: string) {}',
          '}',
          '',
        ].join('\n'),
      },
      errors: [{ file: 'src/jobs/export.task.ts', line: 10, column: 9, messageId: 'startNotRecorded', message: /task "run" does not write status "running"/ }],
    },
    {
      name: 'no start writes at all',
      files: {
        'src/tasks/import.ts':
          'export async function runImport(id) {\n  try {\n    await work(id);\n    await repo.update(id, { status: "completed", completed_at: new Date() });\n' +
          '  } catch (err) {\n    await repo.update(id, { status: "failed", error_message: String(err) });\n  }\n}\n',
      },
      errors: [{ line: 1, column: 23, messageId: 'startNotRecorded', data: { task: 'runImport', missing: ['status "running"', 'started_at'], late: [] } }],
    },
    {
      name: 'running only inside catch, started_at after completion',
      files: {
        'src/tasks/import.ts':
          'export async function runImport(job) {\n  try {\n    job.status = "completed";\n    job.started_at = new Date();\n' +
          '  } catch (e) {\n    job.status = "running";\n  }\n}\n',
      },
      errors: [{ line: 1, messageId: 'startNotRecorded', data: { task: 'runImport', missing: ['status "running"'], late: ['started_at'] } }],
    },
    {
      name: 'a BullMQ Worker imported under an alias, outside task files',
      files: {
        ...MODEL,
        'src/queue/consumers.ts':
          'import { Worker as BullWorker } from "bullmq";\nimport { ImportJob } from "../models/import-job.entity";\n' +
          'const repo = dataSource.getRepository(ImportJob);\n' +
          'export const worker = new BullWorker("imports", async (job) => {\n' +
          '  await repo.update(job.data.id, { status: "completed", completed_at: new Date() });\n});\n',
      },
      errors: [{ file: 'src/queue/consumers.ts', line: 4, column: 27, messageId: 'startNotRecorded', data: { task: 'processor', missing: ['status "running"', 'started_at'], late: [] } }],
    },
    {
      name: 'a NestJS @Processor: process is the task, its event hooks are not',
      files: {
        ...MODEL,
        'src/imports/import.processor.ts':
          'import { Processor, WorkerHost, OnWorkerEvent } from "@nestjs/bullmq";\nimport { ImportJob } from "../models/import-job.entity";\n' +
          '@Processor("imports")\nexport class ImportProcessor extends WorkerHost {\n' +
          '  constructor(private readonly repo: Repository<ImportJob>) { super(); }\n' +
          '  async process(job) {\n    await this.repo.update(job.data.id, { status: "completed", completed_at: new Date() });\n  }\n' +
          '  @OnWorkerEvent("failed")\n  async onFailed(job) {\n    await this.repo.update(job.data.id, { status: "failed" });\n  }\n}\n',
      },
      errors: [{ file: 'src/imports/import.processor.ts', line: 6, column: 9, messageId: 'startNotRecorded', data: { task: 'process', missing: ['status "running"', 'started_at'], late: [] } }],
    },
    {
      name: 'a public method of an exported class in a task file (private ones are helpers)',
      files: {
        'src/jobs/export.job.ts':
          'export class ExportJobRunner {\n  async run(job) {\n    job.status = "completed";\n  }\n  private async fail(job) {\n    job.status = "failed";\n  }\n}\n',
      },
      errors: [{ line: 2, column: 9, messageId: 'startNotRecorded', data: { task: 'run', missing: ['status "running"', 'started_at'], late: [] } }],
    },
    {
      name: 'a callback handed to backgroundTasks.add that writes through a same-file function',
      files: {
        'src/routes/imports.ts':
          'import { ImportJob } from "../models/import-job.entity";\n' +
          'async function finish(repo: Repository<ImportJob>, id: string) {\n  await repo.update(id, { status: "completed" });\n}\n' +
          'router.post("/imports", async (req, res) => {\n  backgroundTasks.add(() => finish(repo, req.body.id));\n  res.json({ job_id: 1 });\n});\n',
        ...MODEL,
      },
      errors: [{ file: 'src/routes/imports.ts', line: 6, column: 3, messageId: 'startNotRecorded', data: { task: 'background callback', missing: ['status "running"', 'started_at'], late: [] } }],
    },
    {
      name: 'JS task file: exported arrow and exports.x',
      files: {
        'src/jobs/cleanup.js':
          'export const runCleanup = async (run) => {\n  run.status = "completed";\n};\nexports.runPurge = async function (run) {\n  run.status = "completed";\n};\n',
      },
      errors: [
        { line: 1, column: 14, messageId: 'startNotRecorded', data: { task: 'runCleanup', missing: ['status "running"', 'started_at'], late: [] } },
        { line: 4, column: 9, messageId: 'startNotRecorded', data: { task: 'runPurge', missing: ['status "running"', 'started_at'], late: [] } },
      ],
    },
  ],
});
