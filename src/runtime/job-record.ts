/**
 * The job record: one row per job in the runtime's own table (`bg_jobs` by default), beside
 * pg-boss's tables. pg-boss archives and deletes its rows; this record is the history the API, the
 * UI and the rules read. Column names are snake_case exactly as runtime.md lists them, and
 * `rt.jobs.get/list` and the HTTP API return them unchanged.
 */
import type { JobRecordJson, JobStatus, JobWarning, QueueName } from '../shared/jobs.js';

export type { JobStatus, JobWarning, QueueName, JobRecordJson } from '../shared/jobs.js';
export { JOB_STATUSES, FINAL_STATUSES, ACTIVE_STATUSES, isJobStatus, isFinalStatus } from '../shared/jobs.js';

/** @bgJobModel */
export interface JobRecord {
  /** uuid, primary key; the `job_id` of trigger responses. */
  id: string;
  /** Registered task name, e.g. `marketplace.import`. */
  task: string;
  /** Queue the job was sent to: `high_priority`, `default` or `low_priority`. */
  queue: QueueName;
  /** Lifecycle status; indexed. Changes only along `TRANSITIONS` (transitions.ts). */
  status: JobStatus;
  /** Positional arguments of the task, as JSON. */
  args: unknown[];
  /** What the task returned (`ctx.successResult(...)`), as JSON; null until it completes. */
  result: unknown;
  /** Last `ctx.logProgress(...)` metrics, as JSON; null until the task reports any. */
  progress: Record<string, unknown> | null;
  /** Every `ctx.logWarning(...)` of the last run, as JSON; non-empty means `completed_with_warnings`. */
  warnings: JobWarning[];
  /** Last error of a failed (or retried) run: `Name: message`; null when none. */
  error_message: string | null;
  /** Who asked: `manual:<user>`, `scheduled` or `api:<client>`. */
  triggered_by: string | null;
  /** While pending or running, no other job has this key (partial unique index). */
  dedup_key: string | null;
  /** Runs started so far (claimed by a worker). */
  attempts: number;
  /** Runs allowed: the retry policy's `maxRetries + 1`. */
  max_attempts: number;
  /** Earliest time the next try may start (a retry's backoff). */
  run_after: Date;
  /** Worker that holds the job while it runs (`host:pid:nonce`); null otherwise. */
  lease_owner: string | null;
  /** The holder must heartbeat before this; after it, the reaper takes the job back. */
  lease_expires_at: Date | null;
  /** When the job was enqueued. */
  created_at: Date;
  /** When the last run started (status → running). */
  started_at: Date | null;
  /** When the job reached a final status. */
  completed_at: Date | null;
  /** Last write to the row. */
  updated_at: Date;
}

/** Column list in table order, for SELECTs and for tests that check the record's shape. */
export const JOB_RECORD_COLUMNS = [
  'id',
  'task',
  'queue',
  'status',
  'args',
  'result',
  'progress',
  'warnings',
  'error_message',
  'triggered_by',
  'dedup_key',
  'attempts',
  'max_attempts',
  'run_after',
  'lease_owner',
  'lease_expires_at',
  'created_at',
  'started_at',
  'completed_at',
  'updated_at',
] as const satisfies readonly (keyof JobRecord)[];

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

function toJson(value: unknown): unknown {
  // Both drivers parse jsonb; a text fallback keeps custom type parsers from breaking the record.
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Maps a row of the table (from `pg` or PGlite) to a record. */
export function rowToRecord(row: Record<string, unknown>): JobRecord {
  return {
    id: String(row.id),
    task: String(row.task),
    queue: row.queue as QueueName,
    status: row.status as JobStatus,
    args: (toJson(row.args) as unknown[] | null) ?? [],
    result: toJson(row.result),
    progress: toJson(row.progress) as Record<string, unknown> | null,
    warnings: (toJson(row.warnings) as JobWarning[] | null) ?? [],
    error_message: (row.error_message as string | null) ?? null,
    triggered_by: (row.triggered_by as string | null) ?? null,
    dedup_key: (row.dedup_key as string | null) ?? null,
    attempts: Number(row.attempts),
    max_attempts: Number(row.max_attempts),
    run_after: toDate(row.run_after),
    lease_owner: (row.lease_owner as string | null) ?? null,
    lease_expires_at: toDateOrNull(row.lease_expires_at),
    created_at: toDate(row.created_at),
    started_at: toDateOrNull(row.started_at),
    completed_at: toDateOrNull(row.completed_at),
    updated_at: toDate(row.updated_at),
  };
}

/** The record as the HTTP API sends it. */
export function recordToJson(record: JobRecord): JobRecordJson {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    ...record,
    run_after: record.run_after.toISOString(),
    lease_expires_at: iso(record.lease_expires_at),
    created_at: record.created_at.toISOString(),
    started_at: iso(record.started_at),
    completed_at: iso(record.completed_at),
    updated_at: record.updated_at.toISOString(),
  };
}
