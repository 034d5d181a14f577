/**
 * `POST /jobs/:id/retry`: runs a failed job again. A failed record is final (transitions.ts), so a
 * retry is a new job of the same task with the same arguments and dedup key, triggered by whoever
 * asked; the failed record stays as history. Answers 202 with the new job's trigger response.
 */
import type { TriggerResponse } from '../shared/jobs.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { JobsApi } from './jobs.js';
import type { EnqueueOptions } from './enqueue.js';
import { jsonResponse } from './responses.js';

interface RetryTarget {
  jobs: JobsApi;
  enqueue(task: string, args: unknown[], options: EnqueueOptions): Promise<TriggerResponse>;
}

export async function retryJob(target: RetryTarget, id: string, triggeredBy: string, base: string): Promise<Response> {
  const record = await target.jobs.get(id);
  if (!record) throw new NotFoundError(`No job ${id}`, { job_id: id });
  if (record.status !== 'failed') {
    throw new ConflictError('Only a failed job can be retried', { job_id: id, status: record.status });
  }
  const response = await target.enqueue(record.task, record.args, {
    triggeredBy,
    ...(record.dedup_key !== null && { dedupKey: record.dedup_key }),
  });
  return jsonResponse(202, { ...response, retry_of: id }, { location: `${base}/jobs/${response.job_id}` });
}
