import { testRule } from '../../helpers/rule-tester.js';

testRule('BG-005', {
  valid: [
    { name: 'a union of string literals (nullable too)', files: { 'src/models/a.model.ts': "export interface ImportJob { status: 'pending' | 'running' | null; }\n" } },
    {
      name: 'an enum and an alias imported from another file',
      files: {
        'src/models/status.ts': "export enum JobStatus { Pending = 'pending' }\nexport type Phase = 'pending' | 'running';\n",
        'src/models/a.entity.ts': "import { JobStatus, Phase } from './status';\n@Entity() export class ImportJob { @Column() status!: JobStatus; }\nexport interface ExportRun { status: Phase; }\n",
      },
    },
    {
      name: 'the values of an as const object',
      files: { 'src/models/a.model.ts': "export const S = { P: 'pending' } as const;\nexport type ScanRun = { status: (typeof S)[keyof typeof S] };\n" },
    },
    { name: 'a type from a package (Prisma enums) is taken as closed', files: { 'src/models/a.model.ts': "import { JobStatus } from '@prisma/client';\nexport interface SyncTask { status: JobStatus; }\n" } },
    { name: 'a class property initialized with an enum member', files: { 'src/models/a.model.ts': "enum S { P = 'pending' }\nexport class SyncTask { status = S.P; }\n" } },
    {
      name: 'Drizzle columns with enum, pgEnum and $type',
      files: {
        'src/db/schema.ts':
          "const statusEnum = pgEnum('job_status', ['pending', 'running']);\n" +
          "export const importJobs = pgTable('import_jobs', { status: text('status', { enum: ['pending', 'running'] }).notNull() });\n" +
          "export const exportJobs = pgTable('export_jobs', { status: statusEnum('status').notNull() });\n" +
          "export const scanRuns = pgTable('scan_runs', { status: varchar('status').$type<JobStatus>().notNull() });\n",
      },
    },
    { name: 'a User model with a string status is not a job model', files: { 'src/models/user.model.ts': 'export interface User { status: string; }\n' } },
    { name: 'no status at all is BG-001, not BG-005', files: { 'src/models/a.model.ts': 'export interface ImportJob { id: string; }\n' } },
  ],
  invalid: [
    {
      name: 'string, on a decorated TypeORM column, reported at the field',
      files: { 'src/models/import-job.entity.ts': "@Entity()\nexport class ImportJob {\n  @Column({ type: 'enum', enum: ['pending'] })\n  status!: string;\n}\n" },
      errors: [{ line: 3, column: 3, messageId: 'openStatus', data: { model: 'ImportJob', field: 'status', inherited: false, type: 'string' } }],
    },
    {
      name: 'a union that lets any string in, an alias of string, String and any',
      files: {
        'src/models/types.ts': 'export type Status = string;\n',
        'src/models/a.model.ts':
          "import type { Status } from './types';\n" +
          "export interface ImportJob { status: 'pending' | string; }\n" +
          'export interface ExportJob { status: Status; }\n' +
          'export type ScanRun = { status: String };\n' +
          'export interface TestRun { status: any }\n',
      },
      errors: [
        { file: 'src/models/a.model.ts', line: 2, column: 30, messageId: 'openStatus', data: { model: 'ImportJob', field: 'status', inherited: false, type: 'string' } },
        { file: 'src/models/a.model.ts', line: 3, messageId: 'openStatus', data: { model: 'ExportJob', field: 'status', inherited: false, type: 'Status (string)' } },
        { file: 'src/models/a.model.ts', line: 4, messageId: 'openStatus', data: { model: 'ScanRun', field: 'status', inherited: false, type: 'String' } },
        { file: 'src/models/a.model.ts', line: 5, messageId: 'openStatus', data: { model: 'TestRun', field: 'status', inherited: false, type: 'any' } },
      ],
    },
    {
      name: 'inferred from a string initializer; a Drizzle text column without enum',
      files: {
        'src/models/a.model.ts': "export class SyncTask {\n  status = 'pending';\n}\n",
        'src/db/schema.ts': "export const importJobs = pgTable('import_jobs', {\n  status: text('status').notNull().default('pending'),\n});\n",
      },
      errors: [
        { file: 'src/db/schema.ts', line: 2, column: 3, messageId: 'openStatus', data: { model: 'importJobs', field: 'status', inherited: false, type: 'text() without { enum: [...] }' } },
        { file: 'src/models/a.model.ts', line: 2, messageId: 'openStatus', data: { model: 'SyncTask', field: 'status', inherited: false, type: 'string (inferred from its initializer)' } },
      ],
    },
    {
      name: 'inherited from a base class in another file: reported at the model',
      files: {
        'src/models/base.ts': 'export abstract class JobBase { status!: string; }\n',
        'src/models/import-job.ts': "import { JobBase } from './base';\nexport class ImportJob extends JobBase {}\n",
      },
      errors: [{ file: 'src/models/import-job.ts', line: 2, column: 14, messageId: 'openStatus', data: { model: 'ImportJob', field: 'status', inherited: true, type: 'string' } }],
    },
    {
      name: 'a configured status field name',
      subjects: { jobModel: { statusField: 'state' } },
      files: { 'src/models/a.model.ts': 'export interface ImportJob {\n  state: string;\n}\n' },
      errors: [{ line: 2, messageId: 'openStatus', data: { model: 'ImportJob', field: 'state', inherited: false, type: 'string' } }],
    },
  ],
});
