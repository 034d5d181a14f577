import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { jobModelsOf, jobModelNamePattern, projectJobModels } from '../../../../src/linter/facts/records/job-models.js';
import { ProjectFacts } from '../../../../src/linter/facts/project/project-facts.js';
import { ProjectSnapshot } from '../../../../src/linter/facts/project/project-snapshot.js';
import { tempProject } from '../../../helpers/temp-project.js';
import { projectOf, defaultSubjects } from '../../../helpers/project-facts.js';

function models(files: Record<string, string>, path: string) {
  const { project, file } = projectOf(files);
  return { models: jobModelsOf(project, file(path)), project };
}

describe('job model names', () => {
  const pattern = jobModelNamePattern(defaultSubjects().jobModel);
  it.each(['ImportJob', 'Job', 'TestRun', 'SecurityScan', 'SyncTask', 'ImportJobs', 'ImportJobEntity', 'ScanRunTable', 'import_jobs', 'import_job_record', 'ExportJobDBModel', 'IJob', 'ETLJob', 'SMSRun', 'APIImportTask', 'AIScan', 'IJobDocument'])(
    '%s is a model name',
    (name) => expect(pattern.test(name)).toBe(true),
  );
  it.each(['ImportService', 'Rerun', 'JobService', 'Taskbar', 'jobsCount', 'User', 'ImportJobHandler', 'Subtask', 'Outrun', 'IJobOptions'])('%s is not', (name) =>
    expect(pattern.test(name)).toBe(false),
  );
});

describe('jobModelsOf', () => {
  it('reads a decorated class: fields, optionality and indexes', () => {
    const { models: [m] } = models(
      {
        'src/models/import-job.entity.ts': `
          @Entity() @Index(['status'])
          export class ImportJob {
            @Column() status!: string;
            @Column({ nullable: true }) startedAt?: Date;
            @Column({ index: true }) triggered_by!: string;
          }`,
      },
      'src/models/import-job.entity.ts',
    );
    expect(m).toMatchObject({ name: 'ImportJob', kind: 'class', orm: true, camelCase: false });
    expect(m!.fields.get('status')).toMatchObject({ optional: false, indexed: true });
    expect(m!.fields.get('startedat')).toMatchObject({ name: 'startedAt', optional: true });
    expect(m!.fields.get('triggeredby')).toMatchObject({ indexed: true });
  });

  it('collects fields inherited from a base class in another file, read from its declaration', () => {
    const { models: [m], project } = models(
      {
        'src/models/base.ts': 'export abstract class JobBase { status!: string; created_at!: Date; }',
        'src/models/import-job.ts': "import { JobBase } from './base';\nexport class ImportJob extends JobBase { extra!: number; }",
      },
      'src/models/import-job.ts',
    );
    expect([...m!.fields.keys()].sort()).toEqual(['createdat', 'extra', 'status']);
    expect(project.typeCheckersCreated).toBe(0);
  });

  it('asks the type checker for fields syntax cannot read (a mixin)', () => {
    const { models: [m], project } = models(
      {
        'src/models/base.ts':
          'export abstract class JobBase { status!: string; }\n' +
          'export const Stamped = <T extends abstract new (...a: any[]) => object>(B: T) => { abstract class S extends B { created_at!: Date } return S; };',
        'src/models/import-job.ts': "import { JobBase, Stamped } from './base';\nexport class ImportJob extends Stamped(JobBase) { extra!: number; }",
      },
      'src/models/import-job.ts',
    );
    expect([...m!.fields.keys()].sort()).toEqual(['createdat', 'extra', 'status']);
    expect(project.typeCheckersCreated).toBe(1);
  });

  it('does not build a type checker for models without inheritance', () => {
    const { project } = models({ 'src/models/a.ts': 'export interface ImportJob { status: string }' }, 'src/models/a.ts');
    expect(project.typeCheckersCreated).toBe(0);
  });

  it('reads intersections and Drizzle tables with spread columns', () => {
    const { models: list } = models(
      {
        'src/db/schema.ts': `
          import { pgTable, text, index } from 'drizzle-orm/pg-core';
          const stamps = { created_at: text('c').notNull() };
          type Base = { id: string };
          export type ExportRun = Base & { status: 'pending' };
          export const scanJobs = pgTable('scan_jobs', { status: text('status').notNull(), ...stamps }, (t) => [index('i').on(t.status)]);
          export const auditLog = pgTable('audit_log', { status: text('status') });`,
      },
      'src/db/schema.ts',
    );
    expect(list.map((m) => m.name)).toEqual(['ExportRun', 'scanJobs']);
    const table = list[1]!;
    expect(table.fields.get('status')).toMatchObject({ optional: false, indexed: true });
    expect(table.fields.has('createdat')).toBe(true);
    expect(list[0]!.fields.has('id')).toBe(true);
  });

  it('resolves a variable initializer callee only for table candidates (no import followed for ordinary code)', () => {
    const { project, file, root } = projectOf({
      'src/util/helper.ts': 'export function helper() { return 1; }',
      'src/services/report.ts': "import { helper } from '../util/helper';\nexport const value = helper();",
      'src/db/schema.ts': "import { helper } from '../util/helper';\nexport const importJobs = helper();",
    });
    const read = (path: string) => [...project.trackDependencies(() => jobModelsOf(project, file(path)))];
    expect(read('src/services/report.ts')).not.toContain(`${root}/src/util/helper.ts`);
    // A candidate's callee is followed (here to a function that is no table factory).
    expect(read('src/db/schema.ts')).toContain(`${root}/src/util/helper.ts`);
  });

  it('needs a model file or the @bgJobModel tag', () => {
    expect(models({ 'src/services/import-job.ts': 'export class ImportJob {}' }, 'src/services/import-job.ts').models).toEqual([]);
    const tagged = models({ 'src/anywhere.ts': '/** @bgJobModel */\nexport class Thing {}' }, 'src/anywhere.ts').models;
    expect(tagged.map((m) => m.name)).toEqual(['Thing']);
  });

  it('does not count an interface that a model class implements as a second model', () => {
    const { models: list } = models(
      { 'src/models/job.ts': 'export interface ImportJob { status: string }\nexport class ImportJobEntity implements ImportJob { status!: string }' },
      'src/models/job.ts',
    );
    expect(list.map((m) => m.name)).toEqual(['ImportJobEntity']);
  });
});

describe('projectJobModels', () => {
  it('parses only the model files whose text can declare a model', () => {
    const files: Record<string, string> = {
      'src/models/user.ts': 'export class User { name!: string; }',
      'src/models/import-job.ts': 'export class ImportJob { status!: string; }',
      'src/db/schema.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const imports = pgTable('import_jobs', { status: text('status') });",
      'src/anywhere.ts': '/** @bgJobModel */\nexport class Thing { status!: string; }',
    };
    const root = tempProject(files);
    const targets = Object.entries(files).map(([relativePath, text]) => ({ path: join(root, relativePath), relativePath, text }));
    const parse = vi.spyOn(ProjectSnapshot.prototype, 'parse');
    try {
      const project = new ProjectFacts(root, defaultSubjects(), targets);
      expect(projectJobModels(project).map((m) => m.name).sort()).toEqual(['ImportJob', 'Thing', 'imports']);
      expect(parse.mock.calls.map((c) => c[1]).sort()).toEqual(['src/anywhere.ts', 'src/db/schema.ts', 'src/models/import-job.ts']);
    } finally {
      parse.mockRestore();
    }
  });
});
