import type { ts } from 'ts-morph';

/* A job record's field as the code writes or tests it: computed per file by record-writes.ts. */

/** How a job record's field is written or tested (rules.md "status write"). */
export type FieldWriteKind =
  /** `job.status = V` */
  | 'assign'
  /** `{ status: V }` as an argument or initializer: `repo.update(id, { status: V })`, `.set({...})`, `$set` */
  | 'object'
  /** `job.status === V`, `!==` */
  | 'compare'
  /** `case V:` under `switch (job.status)` */
  | 'case'
  /** A status property's initializer or ORM `default: V`. */
  | 'default'
  /** A string literal member of the status property's declared type. */
  | 'type'
  /** A member of a status enum or status `as const` object. */
  | 'enum-member';

/** A write (or test) of a job record's field: status, started_at, completed_at, error_message, … */
export interface FieldWrite {
  /** Normalized field name (normalizeFieldName): `status`, `startedat`, `errormessage`. */
  field: string;
  kind: FieldWriteKind;
  /** True when it changes the record (assign, object, default); false for compare, case, type, enum-member. */
  isWrite: boolean;
  /** The value node: what BG-010 reports and fixes (the literal, the enum member, the const reference). */
  valueNode: ts.Node;
  /** The value folded to a string (literal, template, const — also imported —, enum member), if it can be. */
  value: string | undefined;
  /**
   * Where the value was written as a literal that a fix may replace: the string literal node itself.
   * Absent when the value came through a const or an enum used elsewhere (reported at its declaration).
   */
  literal?: ts.StringLiteralLike;
  /** The record: `job` in `job.status = V` / `job.status === V`. */
  target?: ts.Expression;
  /** The call a write goes through: `repo.update(id, {…})`, `trx.update(t).set({…})`, `session.save(job)`. */
  call?: ts.CallExpression;
  /**
   * The root receiver of `call`'s chain, the thing the write goes through: `trx` in
   * `trx.update(t).set({…}).where(…)`, `manager` in `manager.getRepository(Job).update(…)`,
   * `this.jobRepo` in `this.jobRepo.update(…)`, `prisma.importJob` in `prisma.importJob.update(…)`.
   * Set with `call`. (record-writes.ts makes `call` the OUTERMOST call of the chain.)
   */
  receiver?: ts.Expression;
  /**
   * Set when the value names a member of a status enum / status `as const` object
   * (`ImportJobStatus.Processing`): the member's declaration. Its value is judged there, once, by
   * that member's own `enum-member` FieldWrite, not at each use.
   */
  member?: ts.Node;
  /**
   * True when the record is known to be a job record by its type (a job model, or a repository,
   * table or delegate of one), not only presumed one because its type is unknown in a task file.
   * A task is a job task (BG-030..036) through a status write or such a typed record, never
   * through another key of an untyped object (`createdAt` in export metadata).
   */
  typed?: true;
}
