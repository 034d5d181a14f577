/**
 * The job record: one row per job in the runtime's own table (`bg_jobs` by default), beside
 * pg-boss's tables. pg-boss archives and deletes its rows; this record is the history the API, the
 * UI and the rules read. Column names are snake_case exactly as runtime.md lists them, and
 * `rt.jobs.get/list` and the HTTP API return them unchanged. This file is the one place the columns
 * are written: the runtime's row mapping and column list derive from `JOB_RECORD_COLUMN_KINDS`, the
 * browser client's JSON type from `JobRecord` (the migration's SQL is checked against it by a test).
 * Types and constants only, so the client can ship it to a page.
 */
import type { JobStatus, JobWarning, QueueName } from './jobs.js';

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

/** The record as the HTTP API sends it: every timestamp an ISO string (null stays null). */
export type JobRecordJson = {
  [K in keyof JobRecord]: JobRecord[K] extends Date ? string : JobRecord[K] extends Date | null ? string | null : JobRecord[K];
};

/**
 * How a column's value comes out of a row (from `pg` or PGlite): `text` is a string (`nullable-text`
 * may be null), `int` a number, `json` parsed jsonb (`json-list` defaults to `[]`), `timestamp` a Date
 * (`nullable-timestamp` may be null).
 */
export type ColumnKind = 'text' | 'nullable-text' | 'int' | 'json' | 'json-list' | 'timestamp' | 'nullable-timestamp';

/** Every column in table order with its kind: the one list the row mapping and SELECTs derive from. */
export const JOB_RECORD_COLUMN_KINDS = {
  id: 'text',
  task: 'text',
  queue: 'text',
  status: 'text',
  args: 'json-list',
  result: 'json',
  progress: 'json',
  warnings: 'json-list',
  error_message: 'nullable-text',
  triggered_by: 'nullable-text',
  dedup_key: 'nullable-text',
  attempts: 'int',
  max_attempts: 'int',
  run_after: 'timestamp',
  lease_owner: 'nullable-text',
  lease_expires_at: 'nullable-timestamp',
  created_at: 'timestamp',
  started_at: 'nullable-timestamp',
  completed_at: 'nullable-timestamp',
  updated_at: 'timestamp',
} as const satisfies { readonly [K in keyof JobRecord]: ColumnKind };

export type JobRecordColumn = keyof JobRecord;

/** Column names in table order, for SELECTs and for tests that check the record's shape. */
export const JOB_RECORD_COLUMNS = Object.keys(JOB_RECORD_COLUMN_KINDS) as readonly JobRecordColumn[];
