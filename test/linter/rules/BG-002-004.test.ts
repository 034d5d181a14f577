import { testRule } from '../../helpers/rule-tester.js';
import { DERIVED_MODEL_FILES } from './derived-models.js';

const FULL = 'status: string; created_at: Date; started_at: Date; completed_at: Date; error_message: string; triggered_by: string;';

testRule('BG-002', {
  valid: [
    { name: 'types derived from a model (Omit/Pick/intersection, a Mongo document type) are not models again', files: DERIVED_MODEL_FILES },
    { name: 'snake_case fields', files: { 'src/models/a.ts': `export interface ImportJob { ${FULL} }\n` } },
    {
      name: 'camelCase fields',
      files: { 'src/models/a.ts': 'export interface ImportJob { status: string; createdAt: Date; startedAt: Date; completedAt: Date }\n' },
    },
    {
      name: 'inherited from a base class in another file',
      files: {
        'src/models/base.ts': 'export class Timestamps { created_at!: Date; started_at!: Date; completed_at!: Date; }\n',
        'src/models/a.ts': "import { Timestamps } from './base';\nexport class ImportJob extends Timestamps { status!: string }\n",
      },
    },
    {
      name: 'intersection with a type from another file',
      files: {
        'src/models/base.ts': 'export type Stamps = { created_at: Date; started_at: Date; completed_at: Date };\n',
        'src/models/a.ts': "import type { Stamps } from './base';\nexport type ExportRun = Stamps & { status: string };\n",
      },
    },
    {
      name: 'Drizzle spread columns from a const in another file',
      files: {
        'src/db/columns.ts': "export const stamps = { created_at: timestamp('c'), started_at: timestamp('s'), completed_at: timestamp('d') };\n",
        'src/db/schema.ts': "import { stamps } from './columns';\nexport const importJobs = pgTable('import_jobs', { status: text('s').notNull(), ...stamps });\n",
      },
    },
  ],
  invalid: [
    {
      name: 'fields picked from a shared columns type (Pick from the standard library) count as the model’s',
      files: {
        'src/models/columns.ts': 'export interface AuditColumns { created_at: Date; updated_at: Date; deleted_at: Date | null }\n',
        'src/models/export-run.ts': "import type { AuditColumns } from './columns';\nexport type ExportRun = Pick<AuditColumns, 'created_at'> & { status: string; started_at: Date };\n",
      },
      errors: [{ file: 'src/models/export-run.ts', line: 2, column: 13, messageId: 'missingField', data: { model: 'ExportRun', field: 'completed_at' } }],
    },
    {
      name: 'one finding per missing field, in the model’s own spelling',
      files: { 'src/models/a.ts': 'export interface ScanJob {\n  status: string;\n  createdAt: Date;\n}\n' },
      errors: [
        { line: 1, column: 18, messageId: 'missingField', data: { model: 'ScanJob', field: 'startedAt' } },
        { line: 1, column: 18, messageId: 'missingField', data: { model: 'ScanJob', field: 'completedAt' } },
      ],
    },
    {
      name: 'a Mongoose model: the interface prefix `I` before the ending (`IJob`), its schema and model beside it',
      files: {
        'src/models/job.model.ts': [
          "import { Schema, model, Document } from 'mongoose';",
          '',
          'export interface IJob extends Document {',
          "  status: 'pending' | 'running' | 'completed' | 'failed';",
          '  createdAt: Date;',
          '  completedAt?: Date;',
          '}',
          '',
          'const JobSchema = new Schema<IJob>({',
          "  status: { type: String, default: 'pending', index: true },",
          '  completedAt: Date,',
          '}, { timestamps: true });',
          '',
          "export const Job = model<IJob>('Job', JobSchema);",
          '',
        ].join('\n'),
      },
      errors: [{ line: 3, column: 18, messageId: 'missingField', data: { model: 'IJob', field: 'startedAt' } }],
    },
    {
      name: 'an acronym before the ending: a TypeORM `ETLJob` entity and an `SMSRun` interface',
      files: {
        'src/entities/etl-job.entity.ts': [
          "import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';",
          '',
          "@Entity('etl_jobs')",
          'export class ETLJob {',
          '  @PrimaryGeneratedColumn() id!: number;',
          "  @Index() @Column({ default: 'pending' }) status!: string;",
          '  @CreateDateColumn() created_at!: Date;',
          '  @Column({ nullable: true }) completed_at?: Date;',
          '}',
          '',
        ].join('\n'),
        'src/entities/sms-run.ts': 'export interface SMSRun {\n  status: string;\n  createdAt: Date;\n  startedAt: Date;\n}\n',
      },
      errors: [
        { file: 'src/entities/etl-job.entity.ts', line: 4, column: 14, messageId: 'missingField', data: { model: 'ETLJob', field: 'started_at' } },
        { file: 'src/entities/sms-run.ts', line: 1, column: 18, messageId: 'missingField', data: { model: 'SMSRun', field: 'completedAt' } },
      ],
    },
    {
      name: 'words in comments and strings are not fields',
      files: { 'src/models/a.ts': '// started_at completed_at\nexport class ImportJob {\n  status = "started_at";\n  created_at = new Date();\n}\n' },
      errors: [
        { line: 2, messageId: 'missingField', data: { model: 'ImportJob', field: 'started_at' } },
        { line: 2, messageId: 'missingField', data: { model: 'ImportJob', field: 'completed_at' } },
      ],
    },
  ],
});

testRule('BG-003', {
  valid: [{ name: 'has error_message', files: { 'src/models/a.ts': `export interface ImportJob { ${FULL} }\n` } }],
  invalid: [
    {
      name: 'missing error_message',
      files: { 'src/models/a.ts': 'export interface ImportJob { status: string }\n' },
      errors: [{ line: 1, messageId: 'missingField', data: { model: 'ImportJob', field: 'error_message' } }],
    },
  ],
});

testRule('BG-004', {
  valid: [{ name: 'has triggered_by', files: { 'src/models/a.ts': `export interface ImportJob { ${FULL} }\n` } }],
  invalid: [
    {
      name: 'missing triggeredBy (camelCase model)',
      files: { 'src/models/a.ts': 'export interface ImportJob { status: string; createdAt: Date }\n' },
      errors: [{ line: 1, messageId: 'missingField', data: { model: 'ImportJob', field: 'triggeredBy' } }],
    },
  ],
});
