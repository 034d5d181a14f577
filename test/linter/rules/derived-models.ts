/**
 * A Mongo-backed TypeORM entity and the types real code derives from it (the driver's document
 * type, a list row, a record with extra columns). rules.md: a type derived from a model is not
 * reported again. Shared by the model rules' tests.
 */
export const DERIVED_MODEL_FILES: Record<string, string> = {
  'src/models/job.entity.ts': [
    "import { Column, Entity, Index, ObjectId, ObjectIdColumn } from 'typeorm';",
    '@Entity()',
    'export class JobEntity {',
    '  @ObjectIdColumn() id!: ObjectId;',
    "  @Index() @Column({ default: 'pending' }) status!: 'pending' | 'running' | 'completed' | 'failed';",
    '  @Column() createdAt!: Date;',
    '  @Column({ nullable: true }) startedAt!: Date | null;',
    '  @Column({ nullable: true }) completedAt!: Date | null;',
    '  @Column({ nullable: true }) errorMessage!: string | null;',
    '  @Column() triggeredBy!: string;',
    '}',
    "/** What the driver hands back: the entity without the ORM id, with Mongo's own. */",
    "export type JobDBModel = Omit<JobEntity, 'id'> & { _id: ObjectId };",
    "export type JobListRow = Pick<JobEntity, 'status' | 'createdAt'> & { total: number };",
    'export type JobRecord = JobEntity & { attempts: number };',
    '',
  ].join('\n'),
};
