import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { recordWritesOf } from '../../../../src/linter/facts/records/record-writes.js';
import type { FieldWrite } from '../../../../src/linter/facts/records/field-write.js';
import { projectOf } from '../../../helpers/project-facts.js';

const MODEL = {
  'src/models/import-job.entity.ts': `
export enum ImportJobStatus { Pending = 'pending', Processing = 'processing' }
@Entity()
export class ImportJob {
  @Column({ default: 'pending' }) status!: ImportJobStatus;
  @Column({ nullable: true }) started_at?: Date;
  @Column({ nullable: true }) error_message?: string;
}
`,
  'src/models/user.entity.ts': '@Entity()\nexport class User { @Column() status!: string; }\n',
};

function writesIn(files: Record<string, string>, path: string) {
  const { project, file } = projectOf({ ...MODEL, ...files });
  const f = file(path);
  return recordWritesOf(project, f);
}

/** A compact view: kind, field, value, write?, literal?, member?, target/call/receiver text. */
function show(w: FieldWrite, sf?: ts.SourceFile) {
  const text = (n: ts.Node | undefined) => (n ? n.getText(sf ?? n.getSourceFile()) : undefined);
  return {
    kind: w.kind,
    field: w.field,
    value: w.value,
    isWrite: w.isWrite,
    literal: Boolean(w.literal),
    member: Boolean(w.member),
    ...(w.target ? { target: text(w.target) } : {}),
    ...(w.call ? { call: text(w.call)!.replace(/\s+/g, ' ') } : {}),
    ...(w.receiver ? { receiver: text(w.receiver) } : {}),
  };
}

describe('recordWritesOf: the forms of a write', () => {
  it('assignments, comparisons and switch cases on a parameter typed with the job model (imported)', () => {
    const writes = writesIn(
      {
        'src/services/import.service.ts': `
import { ImportJob } from '../models/import-job.entity';
export function finish(job: ImportJob, ok: boolean) {
  if (job.status === 'processing') job.status = ok ? 'completed' : 'failed';
  if ('pending' !== job['status']) {}
  switch (job.status) { case 'running': break; default: break; }
  job.error_message = 'boom';
}`,
      },
      'src/services/import.service.ts',
    );
    expect(writes.map((w) => show(w))).toEqual([
      { kind: 'compare', field: 'status', value: 'processing', isWrite: false, literal: true, member: false, target: 'job' },
      { kind: 'assign', field: 'status', value: 'completed', isWrite: true, literal: true, member: false, target: 'job' },
      { kind: 'assign', field: 'status', value: 'failed', isWrite: true, literal: true, member: false, target: 'job' },
      { kind: 'compare', field: 'status', value: 'pending', isWrite: false, literal: true, member: false, target: 'job' },
      { kind: 'case', field: 'status', value: 'running', isWrite: false, literal: true, member: false, target: 'job' },
      { kind: 'assign', field: 'errormessage', value: 'boom', isWrite: true, literal: true, member: false, target: 'job' },
    ]);
  });

  it('a TypeORM repository injected in the constructor: object writes, filters, call and receiver', () => {
    const writes = writesIn(
      {
        'src/services/import.service.ts': `
import { ImportJob } from '../models/import-job.entity';
export class ImportService {
  constructor(@InjectRepository(ImportJob) private readonly jobRepo: Repository<ImportJob>) {}
  async start(id: string) {
    await this.jobRepo.update(id, { status: 'running', started_at: new Date() });
    const stuck = await this.jobRepo.find({ where: { status: In(['processing', 'fetching']) }, select: { status: true } });
    const job = await this.jobRepo.findOneBy({ id });
    job.status = 'done';
  }
}`,
      },
      'src/services/import.service.ts',
    );
    expect(writes.map((w) => show(w))).toEqual([
      { kind: 'object', field: 'status', value: 'running', isWrite: true, literal: true, member: false, call: "this.jobRepo.update(id, { status: 'running', started_at: new Date() })", receiver: 'this.jobRepo' },
      { kind: 'object', field: 'startedat', value: undefined, isWrite: true, literal: false, member: false, call: "this.jobRepo.update(id, { status: 'running', started_at: new Date() })", receiver: 'this.jobRepo' },
      expect.objectContaining({ kind: 'object', value: 'processing', isWrite: false }),
      expect.objectContaining({ kind: 'object', value: 'fetching', isWrite: false }),
      { kind: 'assign', field: 'status', value: 'done', isWrite: true, literal: true, member: false, target: 'job' },
    ]);
  });

  it('Drizzle: set() through a transaction, call is the outermost call of the chain, receiver its root; eq() compares', () => {
    const writes = writesIn(
      {
        'src/db/schema.ts': "export const importJobs = pgTable('import_jobs', { id: text('id'), status: text('status').notNull().default('pending') });\n",
        'src/services/run.ts': `
import { importJobs } from '../db/schema';
export async function run(db: Db, id: string) {
  await db.transaction(async (trx) => {
    await trx.update(importJobs).set({ status: 'running' }).where(eq(importJobs.status, 'pending'));
  });
}`,
      },
      'src/services/run.ts',
    );
    const call = "trx.update(importJobs).set({ status: 'running' }).where(eq(importJobs.status, 'pending'))";
    expect(writes.map((w) => show(w))).toEqual([
      { kind: 'object', field: 'status', value: 'running', isWrite: true, literal: true, member: false, call, receiver: 'trx' },
      { kind: 'compare', field: 'status', value: 'pending', isWrite: false, literal: true, member: false, target: 'importJobs', call, receiver: 'trx' },
    ]);
  });

  it('a Drizzle column default and inline enum are writes of the model file', () => {
    const writes = writesIn(
      { 'src/db/schema.ts': "export const importJobs = pgTable('import_jobs', { status: text('status', { enum: ['pending', 'fetching'] }).notNull().default('pending') });\n" },
      'src/db/schema.ts',
    );
    expect(writes.map((w) => [w.kind, w.value, w.isWrite])).toEqual([
      ['type', 'pending', false],
      ['type', 'fetching', false],
      ['default', 'pending', true],
    ]);
  });

  it('Prisma delegates: data is written, where is a filter; MongoDB $set / $setOnInsert', () => {
    const writes = writesIn(
      {
        'src/services/p.ts': `
export async function go(prisma: any, Jobs: any) {
  await prisma.importJob.update({ where: { id, status: 'pending' }, data: { status: 'running' } });
  await prisma.user.update({ where: { id }, data: { status: 'active' } });
}`,
        'src/models/job.model.ts': `
export const ImportJobModel = model('ImportJob', schema);
export async function touch(id: string) {
  await ImportJobModel.updateOne({ _id: id, status: 'queued' }, { $set: { status: 'processing' }, $setOnInsert: { status: 'pending' } });
}`,
      },
      'src/services/p.ts',
    );
    expect(writes.map((w) => [w.kind, w.value, w.isWrite, w.receiver?.getText()])).toEqual([
      ['object', 'pending', false, 'prisma.importJob'],
      ['object', 'running', true, 'prisma.importJob'],
    ]);
    const { project, file } = projectOf({
      'src/models/job.model.ts': `
export const ImportJobModel = model('ImportJob', schema);
export async function touch(id: string) {
  await ImportJobModel.updateOne({ _id: id, status: 'queued' }, { $set: { status: 'processing' }, $setOnInsert: { status: 'pending' } });
}`,
    });
    expect(recordWritesOf(project, file('src/models/job.model.ts')).map((w) => [w.value, w.isWrite])).toEqual([
      ['queued', false],
      ['processing', true],
      ['pending', true],
    ]);
  });

  it('an initializer typed as the job model, Object.assign and new', () => {
    const writes = writesIn(
      {
        'src/services/a.ts': `
import { ImportJob } from '../models/import-job.entity';
const draft: Partial<ImportJob> = { status: 'pending' };
export function f(job: ImportJob) { Object.assign(job, { status: 'error' }); return new ImportJob({ status: 'passed' }); }`,
      },
      'src/services/a.ts',
    );
    expect(writes.map((w) => [w.kind, w.value, w.isWrite, w.target?.getText()])).toEqual([
      ['object', 'pending', true, undefined],
      ['object', 'error', true, 'job'],
      ['object', 'passed', true, undefined],
    ]);
  });
});

describe('recordWritesOf: status types, constants, members', () => {
  it('reports the enum members once in their file, and marks uses of them as member writes', () => {
    const { project, file } = projectOf({
      ...MODEL,
      'src/tasks/import.task.ts': `
import { ImportJob, ImportJobStatus } from '../models/import-job.entity';
import { RUNNING } from './statuses';
export async function run(job: ImportJob) {
  job.status = ImportJobStatus.Processing;
  job.status = RUNNING;
}`,
      'src/tasks/statuses.ts': "export const RUNNING = 'running';\n",
    });
    const model = recordWritesOf(project, file('src/models/import-job.entity.ts'));
    expect(model.map((w) => [w.kind, w.value, w.valueNode.getText(), w.literal?.getText()])).toEqual([
      ['enum-member', 'pending', "Pending = 'pending'", "'pending'"],
      ['enum-member', 'processing', "Processing = 'processing'", "'processing'"],
      ['default', 'pending', "'pending'", "'pending'"],
    ]);
    const task = recordWritesOf(project, file('src/tasks/import.task.ts'));
    expect(task.map((w) => [w.value, Boolean(w.literal), w.member?.getText()])).toEqual([
      ['processing', false, "Processing = 'processing'"],
      ['running', false, undefined],
    ]);
  });

  it('as const objects and literal aliases named like status types; a literal union on the model', () => {
    const writes = writesIn(
      {
        'src/shared/status.ts': `
export const TaskStatus = { Running: 'running', Error: 'error' } as const;
export type ScanRunStatus = 'pending' | 'passed';
type Colour = 'red' | 'green';
export const Colours = { Red: 'red' } as const;`,
      },
      'src/shared/status.ts',
    );
    expect(writes.map((w) => [w.kind, w.value])).toEqual([
      ['enum-member', 'running'],
      ['enum-member', 'error'],
      ['type', 'pending'],
      ['type', 'passed'],
    ]);
  });

  it('a type alias used as a model status type, in another file, is a status type', () => {
    const { project, file } = projectOf({
      'src/models/run.model.ts': "import type { Phase } from '../types';\nexport interface TestRun { status: Phase; }\n",
      'src/types.ts': "export type Phase = 'queued' | 'done';\nexport type Other = 'x' | 'y';\n",
    });
    expect(recordWritesOf(project, file('src/types.ts')).map((w) => w.value)).toEqual(['queued', 'done']);
  });
});

describe('recordWritesOf: what is not a job record', () => {
  it('user.status in a user service, typed or not, is never a job status', () => {
    const writes = writesIn(
      {
        'src/services/user.service.ts': `
import { User } from '../models/user.entity';
export class UserService {
  constructor(private readonly users: Repository<User>) {}
  async activate(user: User, other) {
    user.status = 'active';
    other.status = 'active';
    await this.users.update(user.id, { status: 'active' });
  }
}`,
      },
      'src/services/user.service.ts',
    );
    expect(writes).toEqual([]);
  });

  it('strings, comments and log calls are not writes', () => {
    const writes = writesIn(
      {
        'src/tasks/a.task.ts': `
export async function run(job) {
  log('status processing');
  // job.status = 'processing';
  logger.info({ status: 'processing' });
  const msg = "job.status = 'error'";
}`,
      },
      'src/tasks/a.task.ts',
    );
    expect(writes).toEqual([]);
  });

  it('untyped records count in task files only (plain JS)', () => {
    const task = writesIn({ 'src/jobs/sync.js': "export async function sync(job) { job.status = 'error'; await db.jobs.update(job.id, { status: 'fetching' }); }\n" }, 'src/jobs/sync.js');
    expect(task.map((w) => [w.kind, w.value])).toEqual([
      ['assign', 'error'],
      ['object', 'fetching'],
    ]);
    const route = writesIn({ 'src/routes/sync.js': "export function h(job) { job.status = 'error'; }\n" }, 'src/routes/sync.js');
    expect(route).toEqual([]);
  });

  it('asks the type checker only when syntax cannot tell, and it knows the project model', () => {
    const { project, file } = projectOf({
      ...MODEL,
      'src/services/s.ts': `
import { ImportJob } from '../models/import-job.entity';
function make() { return new ImportJob(); }
function other() { return { status: 'x' }; }
export function f() { const job = make(); job.status = 'queued'; const o = other(); o.status = 'nope'; }`,
    });
    const writes = recordWritesOf(project, file('src/services/s.ts'));
    expect(writes.map((w) => w.value)).toEqual(['queued']);
    expect(project.typeCheckersCreated).toBe(1);
  });

  it('a typed record needs no type checker', () => {
    const { project, file } = projectOf({
      ...MODEL,
      'src/services/s.ts': "import { ImportJob } from '../models/import-job.entity';\nexport function f(job: ImportJob) { job.status = 'queued'; }\n",
    });
    expect(recordWritesOf(project, file('src/services/s.ts')).map((w) => w.value)).toEqual(['queued']);
    expect(project.typeCheckersCreated).toBe(0);
  });
});
