/**
 * The job record's state machine as ONE table of data (runtime.md). Every status write in the
 * runtime goes through `assertTransition` before its SQL, and the SQL repeats the `from` status in
 * its WHERE clause, so a concurrent writer cannot slip an illegal transition in between.
 */
import { ModelValidationError } from './errors.js';
import type { JobStatus } from './job-record.js';

export interface Transition {
  from: JobStatus;
  to: JobStatus;
  /** Why the runtime makes this transition; shown in docs and errors. */
  meaning: string;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'pending', to: 'running', meaning: 'a worker claimed the job' },
  { from: 'running', to: 'completed', meaning: 'the task returned' },
  { from: 'running', to: 'completed_with_warnings', meaning: 'the task returned after logging warnings' },
  { from: 'running', to: 'failed', meaning: 'the task threw and its policy allows no more tries' },
  { from: 'running', to: 'pending', meaning: 'a retry (with run_after), or a release on shutdown' },
  { from: 'pending', to: 'failed', meaning: 'cancelled before it ran' },
];

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/** The SQL of one checked status change: `where` guards on the `from` status, `set` writes the `to` status. */
export interface StatusChangeSql {
  where: string;
  set: string;
}

/**
 * Checks `from → to` against the table (throws like `assertTransition`) and returns the WHERE and SET
 * fragments that write exactly that change, so the pair is named once. The statuses are literals of
 * the `JobStatus` union, never input; `alias` qualifies the WHERE column (`t.status`) in a joined UPDATE.
 */
export function statusChangeSql(from: JobStatus, to: JobStatus, options: { jobId?: string; alias?: string } = {}): StatusChangeSql {
  assertTransition(from, to, options.jobId);
  const column = options.alias ? `${options.alias}.status` : 'status';
  return { where: `${column} = '${from}'`, set: `status = '${to}'` };
}

/** Throws `ModelValidationError` (HTTP 422) unless `from → to` is in the table. */
export function assertTransition(from: JobStatus, to: JobStatus, jobId?: string): void {
  if (canTransition(from, to)) return;
  const allowed = TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
  throw new ModelValidationError(
    `Invalid job status transition ${from} → ${to}` +
      (allowed.length ? ` (allowed from ${from}: ${allowed.join(', ')})` : ` (${from} is final)`),
    { ...(jobId !== undefined && { job_id: jobId }), from, to },
  );
}
