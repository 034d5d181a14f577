/**
 * The job vocabulary shared by the server runtime (`bg-lint/runtime`) and the browser client
 * (`bg-lint/client`). Plain types and constants only: no Node API, so a bundler can ship it to a page.
 */

/** The five standard statuses (BG-010). A union, never `string` (BG-005). */
export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'completed_with_warnings';

export const JOB_STATUSES: readonly JobStatus[] = [
  'pending',
  'running',
  'completed',
  'failed',
  'completed_with_warnings',
];

/** Statuses a job never leaves: polling stops on these. */
export const FINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'completed_with_warnings'];

/** Statuses that count as "active" for dedup and for a page that resumes its job (BG-040). */
export const ACTIVE_STATUSES: readonly JobStatus[] = ['pending', 'running'];

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

export function isFinalStatus(status: JobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** The queues a task may name; workers serve them in this order of preference. */
export type QueueName = 'high_priority' | 'default' | 'low_priority';
export const QUEUE_NAMES: readonly QueueName[] = ['high_priority', 'default', 'low_priority'];

/** What a trigger returns (BG-020): the record's id as `job_id`, so the caller can poll it. */
export interface TriggerResponse {
  job_id: string;
  status: JobStatus;
  message: string;
}

export const QUEUED_MESSAGE = 'Task queued successfully';
export const DEDUPLICATED_MESSAGE = 'Task already queued';

/** A job record as the HTTP API sends it (job-record.ts derives it from the record). */
export type { JobRecordJson } from './job-record.js';

/** One `ctx.logWarning(...)` call, kept on the record; any warning makes the run `completed_with_warnings`. */
export interface JobWarning {
  message: string;
  at: string;
  [field: string]: unknown;
}

/** The JSON error body every non-2xx answer of the runtime's HTTP API carries. */
export interface ErrorBody {
  error: string;
  message: string;
  details?: Record<string, unknown>;
}
