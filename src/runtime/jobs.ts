/**
 * The monitoring view (BG-022; docs/runtime.md, HTTP API): one API over every task's jobs.
 */
import { ACTIVE_STATUSES, type JobStatus } from '../shared/jobs.js';
import { retireDeliveries, type Engine } from './engine.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { JobRecord } from './job-record.js';
import { logAt } from './logger.js';
import type { ListFilter } from './records.js';
import { assertTransition } from './transitions.js';

export interface JobsApi {
  /** The record, or null (also for a malformed id). */
  get(id: string): Promise<JobRecord | null>;
  /** Newest first; `status` may be one status or several. Default limit 100, at most 1000. */
  list(filter?: ListFilter): Promise<JobRecord[]>;
  /** Pending and running jobs (of one task, or all), newest first. */
  active(task?: string): Promise<JobRecord[]>;
  /** pending → failed (cancelled). A running job cannot be cancelled (409); a final one is a 422. */
  cancel(id: string, by?: string): Promise<JobRecord>;
  /** Deletes a job that is not running (a pending one is cancelled in pg-boss first). */
  delete(id: string): Promise<JobRecord>;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createJobsApi(engine: Engine): JobsApi {
  const { store, repo } = engine;
  const load = async (id: string) => {
    const record = UUID_RE.test(id) ? await repo.get(store, id) : null;
    if (!record) throw new NotFoundError(`No job ${id}`, { job_id: id });
    return record;
  };
  return {
    get: (id) => (UUID_RE.test(id) ? repo.get(store, id) : Promise.resolve(null)),
    list: (filter) => repo.list(store, filter),
    active: (task) => repo.list(store, { status: ACTIVE_STATUSES, ...(task !== undefined && { task }) }),

    async cancel(id, by = 'manual:unknown') {
      const record = await load(id);
      if (record.status === 'running') throw new ConflictError('A running job cannot be cancelled', { job_id: id, status: record.status });
      assertTransition(record.status, 'failed', id);
      const cancelled = await store.transaction(async (tx) => {
        const next = await repo.fail(tx, id, { from: 'pending', owner: null, errorMessage: `Cancelled by ${by}` });
        if (next) await retireDeliveries(engine, tx, next, 'cancelled');
        return next;
      });
      if (!cancelled) throw new ConflictError('The job changed while being cancelled; try again', { job_id: id });
      logAt(engine.logger, 'info', 'Job cancelled', { job_id: id, task: record.task, status: cancelled.status, by });
      return cancelled;
    },

    async delete(id) {
      const record = await load(id);
      if (record.status === 'running') throw new ConflictError('A running job cannot be deleted', { job_id: id, status: 'running' });
      const deleted = await store.transaction(async (tx) => {
        if (record.status === 'pending') await retireDeliveries(engine, tx, record, 'deleted');
        return repo.delete(tx, id, record.status as JobStatus);
      });
      if (!deleted) throw new ConflictError('The job changed while being deleted; try again', { job_id: id });
      logAt(engine.logger, 'info', 'Job deleted', { job_id: id, task: record.task, status: record.status });
      return record;
    },
  };
}
