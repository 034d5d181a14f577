import { testRule } from '../../helpers/rule-tester.js';
import { DERIVED_MODEL_FILES } from './derived-models.js';

testRule('BG-001', {
  valid: [
    { name: 'types derived from a model (Omit/Pick/intersection, a Mongo document type) are not models again', files: DERIVED_MODEL_FILES },
    {
      name: 'TypeORM entity with an indexed, required status',
      files: {
        'src/models/import-job.entity.ts':
          "import { Entity, Column, Index } from 'typeorm';\n@Entity()\nexport class ImportJob {\n  @Index() @Column({ default: 'pending' }) status!: string;\n}\n",
      },
    },
    {
      name: 'status inherited from a base class in another file (type checker)',
      files: {
        'src/models/base.ts': "@Entity()\nexport abstract class JobBase {\n  @Column({ index: true }) status!: 'pending' | 'running';\n}\n",
        'src/models/import-job.ts': "import { JobBase } from './base';\n@Entity()\nexport class ImportJob extends JobBase {}\n",
      },
    },
    {
      name: 'class-level @Index([status])',
      files: { 'src/entities/scan.ts': "@Entity() @Index(['status', 'created_at'])\nexport class SecurityScan {\n  @Column() status!: string;\n}\n" },
    },
    {
      name: 'plain interface: no index needed',
      files: { 'src/models/run.ts': 'export interface TestRun {\n  status: string;\n}\n' },
    },
    {
      name: 'a status field named only in a comment is still missing, but only in a model',
      files: { 'src/services/import-job.ts': '// status\nexport class ImportJob {}\n' },
    },
    {
      name: 'a NestJS GraphQL @ObjectType mirror of a Prisma table asks no index (the table is declared in schema.prisma)',
      files: {
        'apps/jobs/src/app/models/job.model.ts': [
          "import { ObjectType, Field } from '@nestjs/graphql';",
          '',
          '@ObjectType()',
          'export class Job {',
          '  @Field()',
          '  id: number;',
          '',
          '  @Field()',
          '  status: string;',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'User is not a job model',
      files: { 'src/models/user.entity.ts': '@Entity()\nexport class User {\n  @Column() name!: string;\n}\n' },
    },
    {
      name: 'a configured status field name',
      files: { 'src/models/run.ts': 'export interface TestRun {\n  state: string;\n}\n' },
      subjects: { jobModel: { statusField: 'state' } },
    },
    {
      name: 'Drizzle table with notNull and index',
      files: {
        'src/db/schema.ts':
          "export const importJobs = pgTable('import_jobs', {\n  status: text('status').notNull(),\n}, (t) => ({ statusIdx: index('s').on(t.status) }));\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a TypeORM entity that is also a GraphQL type (@ObjectType() @Entity()) is ORM-declared: its status must be indexed',
      files: {
        'src/entities/sync-run.entity.ts': [
          "import { Field, ObjectType } from '@nestjs/graphql';",
          "import { Column, Entity } from 'typeorm';",
          '',
          '@ObjectType()',
          "@Entity('sync_runs')",
          'export class SyncRun {',
          '  @Field() @Column() status!: string;',
          '}',
          '',
        ].join('\n'),
      },
      errors: [{ line: 7, messageId: 'unindexedStatus', data: { model: 'SyncRun', field: 'status' } }],
    },
    {
      name: 'a field named only in a comment does not count',
      files: { 'src/models/import-job.model.ts': '// status: string\nexport interface ImportJob {\n  id: string;\n}\n' },
      errors: [{ line: 2, column: 18, messageId: 'missingStatus', data: { model: 'ImportJob', field: 'status' } }],
    },
    {
      name: 'state instead of status',
      files: { 'src/models/export-run.ts': 'export type ExportRun = {\n  state: string;\n};\n' },
      errors: [
        {
          line: 1,
          column: 13,
          messageId: 'missingStatus', data: { model: 'ExportRun', field: 'status', synonym: 'state' },
        },
      ],
    },
    {
      name: 'optional and unindexed on an ORM model: two findings at the field',
      files: { 'src/entities/import-job.entity.ts': '@Entity()\nexport class ImportJobEntity {\n  @Column({ nullable: true }) status?: string;\n}\n' },
      errors: [
        { line: 3, column: 3, messageId: 'optionalStatus', data: { model: 'ImportJobEntity', field: 'status' } },
        { line: 3, column: 3, messageId: 'unindexedStatus', data: { model: 'ImportJobEntity', field: 'status' } },
      ],
    },
    {
      name: 'nullable union type',
      files: { 'src/models/sync-task.ts': 'export interface SyncTask {\n  status: string | null;\n}\n' },
      errors: [{ line: 2, messageId: 'optionalStatus', data: { model: 'SyncTask', field: 'status' } }],
    },
    {
      name: 'inherited status, unindexed in the base in another file: reported at the model',
      files: {
        'src/models/base.ts': 'export abstract class JobBase {\n  @Column() status!: string;\n}\n',
        'src/models/import-job.ts': "import { JobBase } from './base';\n@Entity()\nexport class ImportJob extends JobBase {}\n",
      },
      errors: [{ file: 'src/models/import-job.ts', line: 3, column: 14, messageId: 'unindexedStatus', data: { model: 'ImportJob', field: 'status' } }],
    },
    {
      name: 'Drizzle status without notNull or index',
      files: { 'src/db/schema.ts': "export const scanRuns = pgTable('scan_runs', {\n  status: text('status'),\n});\n" },
      errors: [
        { line: 2, messageId: 'optionalStatus', data: { model: 'scanRuns', field: 'status' } },
        { line: 2, messageId: 'unindexedStatus', data: { model: 'scanRuns', field: 'status' } },
      ],
    },
    {
      name: 'tagged @bgJobModel outside model folders',
      files: { 'src/domain/thing.ts': '/** @bgJobModel */\nexport class Thing {\n  id = 1;\n}\n' },
      errors: [{ line: 2, messageId: 'missingStatus', data: { model: 'Thing', field: 'status' } }],
    },
  ],
});
