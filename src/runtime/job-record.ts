/**
 * The runtime's side of the job record (its columns are documented once, in shared/job-record.ts):
 * mapping a row from `pg` or PGlite to a `JobRecord`, and a record to its JSON form. Both walk
 * `JOB_RECORD_COLUMN_KINDS`, so a new column is written in one place.
 */
import {
  JOB_RECORD_COLUMN_KINDS,
  JOB_RECORD_COLUMNS,
  type ColumnKind,
  type JobRecord,
  type JobRecordJson,
} from '../shared/job-record.js';

export type { JobStatus, JobWarning, QueueName } from '../shared/jobs.js';
export type { JobRecord, JobRecordJson } from '../shared/job-record.js';
export { JOB_RECORD_COLUMNS };
export { JOB_STATUSES, FINAL_STATUSES, ACTIVE_STATUSES, isJobStatus, isFinalStatus } from '../shared/jobs.js';

export function toJson(value: unknown): unknown {
  // Both drivers parse jsonb; a text fallback keeps custom type parsers from breaking the record.
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const isAbsent = (value: unknown) => value === null || value === undefined;

const FROM_ROW: Record<ColumnKind, (value: unknown) => unknown> = {
  text: (v) => String(v),
  'nullable-text': (v) => (isAbsent(v) ? null : v),
  int: (v) => Number(v),
  json: toJson,
  'json-list': (v) => toJson(v) ?? [],
  timestamp: toDate,
  'nullable-timestamp': (v) => (isAbsent(v) ? null : toDate(v)),
};

/** Maps a row of the table (from `pg` or PGlite) to a record. */
export function rowToRecord(row: Record<string, unknown>): JobRecord {
  const record: Record<string, unknown> = {};
  for (const column of JOB_RECORD_COLUMNS) record[column] = FROM_ROW[JOB_RECORD_COLUMN_KINDS[column]](row[column]);
  return record as unknown as JobRecord;
}

/** The record as the HTTP API sends it: timestamps as ISO strings. */
export function recordToJson(record: JobRecord): JobRecordJson {
  const json: Record<string, unknown> = { ...record };
  for (const column of JOB_RECORD_COLUMNS) {
    const value = record[column];
    if (value instanceof Date) json[column] = value.toISOString();
  }
  return json as JobRecordJson;
}
