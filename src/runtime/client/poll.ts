/**
 * Polls a job until it reaches a final status (BG-041: every 3–5 s). The interval is clamped to
 * 3000–5000 ms whatever the caller asks; network errors and 5xx answers back off (doubling, up to
 * 60 s) instead of hammering a struggling server, and the next success returns to the interval.
 */
import { exponentialBackoff } from '../../shared/backoff.js';
import { FINAL_STATUSES, type JobRecordJson } from '../../shared/jobs.js';
import { getJob, JobRequestError, type ClientOptions } from './api.js';

export const MIN_POLL_INTERVAL_MS = 3000;
export const MAX_POLL_INTERVAL_MS = 5000;
export const DEFAULT_POLL_INTERVAL_MS = 4000;
export const MAX_BACKOFF_MS = 60_000;

export interface PollOptions extends ClientOptions {
  /** Wait between polls; clamped to 3000–5000 ms. Default 4000. */
  intervalMs?: number;
  /** Called with every record fetched (including the final one). */
  onUpdate?: (job: JobRecordJson) => void;
  /** Called on each failed poll that will be retried. */
  onError?: (error: unknown, retryInMs: number) => void;
}

export function clampInterval(intervalMs: number | undefined): number {
  const value = Number.isFinite(intervalMs) ? (intervalMs as number) : DEFAULT_POLL_INTERVAL_MS;
  return Math.min(MAX_POLL_INTERVAL_MS, Math.max(MIN_POLL_INTERVAL_MS, value));
}

/** Delay after `failures` consecutive failed polls. */
export function backoffDelay(intervalMs: number, failures: number): number {
  return exponentialBackoff(intervalMs, failures, MAX_BACKOFF_MS);
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves with the job's final record; rejects when `signal` aborts or the job is gone (4xx). */
export async function pollJob(id: string, options: PollOptions = {}): Promise<JobRecordJson> {
  const pollIntervalMs = clampInterval(options.intervalMs);
  let failures = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    let job: JobRecordJson | undefined;
    try {
      job = await getJob(id, options);
      failures = 0;
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      // A 4xx will not get better by asking again (the job is gone, or the request is wrong).
      if (error instanceof JobRequestError && error.status < 500) throw error;
      failures++;
      const retryInMs = backoffDelay(pollIntervalMs, failures);
      options.onError?.(error, retryInMs);
      await wait(retryInMs, options.signal);
      continue;
    }
    options.onUpdate?.(job);
    if (FINAL_STATUSES.includes(job.status)) return job;
    await wait(pollIntervalMs, options.signal);
  }
}
