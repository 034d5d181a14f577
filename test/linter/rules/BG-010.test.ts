import { testRule } from '../../helpers/rule-tester.js';

const MODEL = {
  'src/models/import-job.entity.ts':
    "@Entity()\nexport class ImportJob {\n  @Column({ default: 'pending' }) status!: 'pending' | 'running' | 'completed' | 'failed';\n}\n",
};

testRule('BG-010', {
  valid: [
    {
      name: 'standard values written, compared and switched on',
      files: {
        ...MODEL,
        'src/tasks/import.task.ts':
          "import { ImportJob } from '../models/import-job.entity';\n" +
          'export async function run(job: ImportJob, repo: Repository<ImportJob>) {\n' +
          "  job.status = 'running';\n" +
          "  await repo.update(job.id, { status: `completed` });\n" +
          "  switch (job.status) { case 'failed': break; }\n" +
          '}\n',
      },
    },
    {
      name: 'a status in a string, a comment and a log call is not a write',
      files: {
        'src/tasks/import.task.ts':
          'export async function run(job) {\n' +
          "  log('status processing');\n" +
          "  // job.status = 'processing';\n" +
          "  logger.info({ status: 'processing' });\n" +
          "  const note = \"job.status = 'error'\";\n" +
          '}\n',
      },
    },
    {
      name: "user.status = 'active' in a user service is not a job status",
      files: {
        'src/models/user.entity.ts': '@Entity()\nexport class User { @Column() status!: string; }\n',
        'src/services/user.service.ts':
          "import { User } from '../models/user.entity';\n" +
          'export class UserService {\n' +
          '  constructor(private readonly users: Repository<User>) {}\n' +
          "  async activate(user: User) { user.status = 'active'; await this.users.update(user.id, { status: 'disabled' }); }\n" +
          "  async untyped(account) { account.status = 'active'; }\n" +
          '}\n',
      },
    },
    {
      name: 'an untyped record outside task files is not known to be a job',
      files: { 'src/routes/orders.js': "export function ship(order) { order.status = 'shipped'; }\n" },
    },
    {
      name: 'an enum of other things (not a status type) and a value that cannot be known',
      files: {
        'src/shared/colour.ts': "export enum Colour { Red = 'red' }\n",
        'src/tasks/a.task.ts': 'export async function run(job, next: string) { job.status = next; }\n',
      },
    },
    {
      name: 'a task reading a webhook receiver reply cast to its type is not writing a job status',
      files: {
        'src/webhooks/receiver.ts': "export interface ReceiverReply {\n  status: 'ok' | 'error';\n  detail?: string;\n}\n",
        'src/tasks/deliver-webhook.task.ts': [
          "import type { ReceiverReply } from '../webhooks/receiver';",
          'export async function deliverWebhook(job, payload: unknown) {',
          "  const res = await fetch(job.url, { method: 'POST', body: JSON.stringify(payload) });",
          '  const reply = (await res.json()) as ReceiverReply;',
          "  if (reply.status === 'error') throw new Error(reply.detail);",
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: "a task checking Promise.allSettled results: a PromiseSettledResult's \"rejected\" is the library's",
      files: {
        'src/tasks/notify-subscribers.task.ts': [
          'export async function notifySubscribers(job, subscribers: string[]) {',
          '  const results = await Promise.allSettled(subscribers.map((s) => send(s)));',
          "  const failed = results.filter((r) => r.status === 'rejected').length;",
          '  for (const r of results) {',
          "    if (r.status === 'rejected') console.warn(r.reason);",
          '  }',
          '  return failed;',
          '}',
          'declare function send(to: string): Promise<void>;',
          '',
        ].join('\n'),
      },
    },
    {
      name: "a task using a helper's inferred { status: 'retry' } decision is not writing a job status",
      files: {
        'src/tasks/sync-inventory.task.ts': [
          'function decide(error: unknown) {',
          "  return error instanceof TypeError ? { status: 'done' as const, delayMs: 0 } : { status: 'retry' as const, delayMs: 1000 };",
          '}',
          'export async function syncInventory(job) {',
          '  const attempt = decide(new Error());',
          "  if (attempt.status === 'retry') return attempt.delayMs;",
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a configured vocabulary',
      options: { vocabulary: ['queued', 'done'], legacy: {} },
      files: { 'src/tasks/a.task.ts': "export async function run(job) { job.status = 'queued'; if (job.status !== 'done') {} }\n" },
    },
  ],
  invalid: [
    {
      name: 'a legacy literal in a typed task: fixed keeping its quotes; an unknown value',
      files: {
        ...MODEL,
        'src/tasks/import.task.ts':
          "import { ImportJob } from '../models/import-job.entity';\n" +
          'export async function run(job: ImportJob) {\n' +
          '  job.status = "processing";\n' +
          "  if (job.status === 'done') return;\n" +
          '}\n',
      },
      errors: [
        { file: 'src/tasks/import.task.ts', line: 3, column: 16, messageId: 'legacy', data: { value: 'processing', replacement: 'running' }, fixText: '"running"' },
        { file: 'src/tasks/import.task.ts', line: 4, column: 22, messageId: 'nonStandard', data: { value: 'done', vocabulary: ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] } },
      ],
    },
    {
      name: 'an untyped job parameter in a task file is still a job record (the checker has no type for it)',
      files: {
        'src/tasks/cleanup.task.ts': [
          'export async function cleanup(job, results: PromiseSettledResult<void>[]) {',
          "  if (results.some((r) => r.status === 'rejected')) job.status = 'error';",
          '}',
          '',
        ].join('\n'),
      },
      errors: [{ line: 2, column: 66, messageId: 'legacy', data: { value: 'error', replacement: 'failed' }, fixText: "'failed'" }],
    },
    {
      name: 'a JS task file with an untyped job: reported and fixed to failed',
      files: { 'src/jobs/sync.js': "export async function sync(job) {\n  try { await work(); } catch (e) { job.status = 'error'; }\n}\n" },
      errors: [{ line: 2, column: 50, messageId: 'legacy', data: { value: 'error', replacement: 'failed' }, fixText: "'failed'" }],
    },
    {
      name: 'a status enum: reported once, at the member, with a fix; its uses are not reported',
      files: {
        'src/models/import-job.entity.ts':
          'export enum ImportJobStatus {\n' +
          "  Pending = 'pending',\n" +
          "  Processing = 'processing',\n" +
          '}\n' +
          '@Entity()\n' +
          'export class ImportJob { @Column() status!: ImportJobStatus; }\n',
        'src/tasks/import.task.ts':
          "import { ImportJob, ImportJobStatus } from '../models/import-job.entity';\n" +
          'export async function run(job: ImportJob) {\n' +
          '  job.status = ImportJobStatus.Processing;\n' +
          "  if (job.status === ImportJobStatus['Processing']) return;\n" +
          '}\n',
      },
      errors: [{ file: 'src/models/import-job.entity.ts', line: 3, column: 3, messageId: 'legacy', data: { value: 'processing', replacement: 'running' }, fixText: "'running'" }],
    },
    {
      name: 'status enums named with an `Enum` suffix in a shared enums folder (the model is a Prisma one); upper-case words say so',
      files: {
        'src/common/enums/job-status.enum.ts': [
          'export enum JobStatusEnum {',
          "  PENDING = 'PENDING',",
          "  PROCESSING = 'PROCESSING',",
          "  COMPLETED = 'COMPLETED',",
          "  CANCELLED = 'CANCELLED',",
          '}',
          '',
        ].join('\n'),
        'src/common/enums/import-run-status.enum.ts': "export enum ImportRunStatusEnum {\n  Queued = 'queued',\n  Running = 'running',\n}\n",
        'src/common/enums/user-role.enum.ts': "export enum UserRoleEnum {\n  ADMIN = 'ADMIN',\n}\n",
      },
      errors: [
        { file: 'src/common/enums/import-run-status.enum.ts', line: 2, column: 3, messageId: 'nonStandard', data: { value: 'queued', vocabulary: ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] } },
        { file: 'src/common/enums/job-status.enum.ts', line: 2, column: 3, messageId: 'standardInOtherCase', data: { value: 'PENDING', standard: 'pending' } },
        { file: 'src/common/enums/job-status.enum.ts', line: 3, column: 3, messageId: 'legacyInOtherCase', data: { value: 'PROCESSING', legacy: 'processing', replacement: 'running' } },
        { file: 'src/common/enums/job-status.enum.ts', line: 4, column: 3, messageId: 'standardInOtherCase', data: { value: 'COMPLETED', standard: 'completed' } },
        { file: 'src/common/enums/job-status.enum.ts', line: 5, column: 3, messageId: 'nonStandard', data: { value: 'CANCELLED', vocabulary: ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] } },
      ],
    },
    {
      name: 'a legacy value through an imported const is reported at the write, without a fix',
      files: {
        ...MODEL,
        'src/tasks/consts.ts': "export const PROCESSING = 'processing';\n",
        'src/tasks/import.task.ts':
          "import { ImportJob } from '../models/import-job.entity';\n" +
          "import { PROCESSING } from './consts';\n" +
          'export async function run(job: ImportJob) {\n' +
          '  job.status = PROCESSING;\n' +
          '}\n',
      },
      errors: [{ file: 'src/tasks/import.task.ts', line: 4, column: 16, messageId: 'legacy', data: { value: 'processing', replacement: 'running' } }],
    },
    {
      name: 'model defaults and literal type members; a Drizzle default and column enum',
      files: {
        'src/models/scan-run.entity.ts':
          '@Entity()\n' +
          'export class ScanRun {\n' +
          "  @Column({ default: 'queued' }) status!: 'queued' | 'passed' | 'failed';\n" +
          '}\n',
        'src/db/schema.ts':
          "export const exportJobs = pgTable('export_jobs', {\n" +
          "  status: text('status', { enum: ['pending', 'fetching'] }).notNull().default(`fetching`),\n" +
          '});\n',
      },
      errors: [
        { file: 'src/db/schema.ts', line: 2, column: 46, messageId: 'legacy', data: { value: 'fetching', replacement: 'running' }, fixText: "'running'" },
        { file: 'src/db/schema.ts', line: 2, column: 79, messageId: 'legacy', data: { value: 'fetching', replacement: 'running' }, fixText: '`running`' },
        { file: 'src/models/scan-run.entity.ts', line: 3, column: 22, messageId: 'nonStandard', data: { value: 'queued', vocabulary: ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] } },
        { file: 'src/models/scan-run.entity.ts', line: 3, column: 43, messageId: 'nonStandard', data: { value: 'queued', vocabulary: ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] } },
        { file: 'src/models/scan-run.entity.ts', line: 3, column: 54, messageId: 'legacy', data: { value: 'passed', replacement: 'completed' }, fixText: "'completed'" },
      ],
    },
    {
      name: 'repository writes, Prisma data and where filters, MongoDB $set, an as const status object',
      files: {
        ...MODEL,
        'src/shared/status.ts': "export const TaskStatus = { Error: 'error', Done: 'completed' } as const;\n",
        'src/services/import.service.ts':
          "import { ImportJob } from '../models/import-job.entity';\n" +
          'export class ImportService {\n' +
          '  constructor(@InjectRepository(ImportJob) private readonly repo: Repository<ImportJob>) {}\n' +
          "  a(id: string) { return this.repo.update(id, { status: 'passed' }); }\n" +
          "  b(prisma: any) { return prisma.importJob.updateMany({ where: { status: { in: ['fetching', 'pending'] } }, data: { status: 'pending' } }); }\n" +
          "  c(Jobs: Collection<ImportJob>) { return Jobs.updateOne({ id: 1 }, { $set: { status: 'cancelled' } }); }\n" +
          '}\n',
      },
      errors: [
        { file: 'src/services/import.service.ts', line: 4, messageId: 'legacy', data: { value: 'passed', replacement: 'completed' }, fixText: "'completed'" },
        { file: 'src/services/import.service.ts', line: 5, messageId: 'legacy', data: { value: 'fetching', replacement: 'running' }, fixText: "'running'" },
        { file: 'src/services/import.service.ts', line: 6, messageId: 'nonStandard', data: { value: 'cancelled', vocabulary: ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] } },
        { file: 'src/shared/status.ts', line: 1, column: 29, messageId: 'legacy', data: { value: 'error', replacement: 'failed' }, fixText: "'failed'" },
      ],
    },
    {
      name: 'a configured legacy map',
      options: { legacy: { done: 'completed' } },
      files: { 'src/tasks/a.task.ts': "export async function run(job) {\n  job.status = 'done';\n}\n" },
      errors: [{ line: 2, column: 16, messageId: 'legacy', data: { value: 'done', replacement: 'completed' }, fixText: "'completed'" }],
    },
    {
      name: 'a legacy member of a union that already has (or gets) its replacement: the fix removes it',
      files: {
        'src/models/import-job.ts':
          'export interface ImportJob {\n' +
          "  status: 'pending' | 'processing' | 'running';\n" +
          '}\n' +
          'export interface ScanJob {\n' +
          "  status: 'processing' | 'fetching' | 'failed';\n" +
          '}\n',
      },
      errors: [
        { line: 2, column: 23, messageId: 'legacy', data: { value: 'processing', replacement: 'running' }, fixText: '' },
        { line: 5, column: 11, messageId: 'legacy', data: { value: 'processing', replacement: 'running' }, fixText: "'running'" },
        { line: 5, column: 26, messageId: 'legacy', data: { value: 'fetching', replacement: 'running' }, fixText: '' },
      ],
    },
  ],
});
