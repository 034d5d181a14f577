/**
 * `bg-lint/client`: trigger a job, poll it every 3–5 s until it ends, and find the job a page
 * started before it was reloaded. Browser-safe: fetch and AbortSignal only.
 */
export { triggerJob, getJob, resumeActiveJob, JobRequestError, type ClientOptions, type TriggerBody, type FetchLike } from './api.js';
export {
  pollJob,
  clampInterval,
  backoffDelay,
  MIN_POLL_INTERVAL_MS,
  MAX_POLL_INTERVAL_MS,
  DEFAULT_POLL_INTERVAL_MS,
  MAX_BACKOFF_MS,
  type PollOptions,
} from './poll.js';
export {
  FINAL_STATUSES,
  ACTIVE_STATUSES,
  isFinalStatus,
  type JobStatus,
  type JobRecordJson,
  type TriggerResponse,
  type ErrorBody,
} from '../../shared/jobs.js';
