/**
 * Enqueue: the record insert and the pg-boss send in ONE transaction, so there is never a record
 * without a job to run it, nor a job without its record. Dedup rides on the partial unique index:
 * while a job with the key is pending or running, the insert does nothing and the existing job is
 * returned, whichever process enqueued it.
 */
import { randomUUID } from 'node:crypto';
import { DEDUPLICATED_MESSAGE, QUEUED_MESSAGE, type TriggerResponse } from '../shared/jobs.js';
import { sendAttempt, type Engine } from './engine.js';
import { ModelValidationError, isIntegrityError, errorMessage } from './errors.js';
import { logAt } from './logger.js';
import type { SqlSession } from './sessions.js';
import type { TaskDefinition } from './task.js';

export interface EnqueueOptions {
  /** `manual:<user>`, `scheduled` or `api:<client>` (BG-004). Default `manual:unknown`. */
  triggeredBy?: string;
  /** While a job with this key is pending or running, enqueue returns that job instead. */
  dedupKey?: string;
  /** Do not start before this many seconds from now. */
  delaySeconds?: number;
  /**
   * Enqueue inside this transaction on the runtime's database (e.g. `ctx.session` of a dbTask with
   * the default sessions): the job exists only if that transaction commits.
   */
  session?: SqlSession;
}

const TRIGGERED_BY = /^(manual:[^\s].{0,98}|scheduled|api:[^\s].{0,98})$/;

export function validateEnqueue(def: TaskDefinition<any, any[], unknown>, args: unknown, options: EnqueueOptions): unknown[] {
  if (!Array.isArray(args)) throw new ModelValidationError('args must be an array of the task\'s arguments', { field: 'args' });
  try {
    JSON.stringify(args);
  } catch (error) {
    throw new ModelValidationError(`args must be JSON-serialisable: ${errorMessage(error)}`, { field: 'args' });
  }
  if (options.triggeredBy !== undefined && !TRIGGERED_BY.test(options.triggeredBy)) {
    throw new ModelValidationError('triggered_by must be "manual:<user>", "scheduled" or "api:<client>"', {
      field: 'triggered_by',
    });
  }
  if (options.dedupKey !== undefined && (typeof options.dedupKey !== 'string' || !options.dedupKey || options.dedupKey.length > 200)) {
    throw new ModelValidationError('dedup_key must be a non-empty string of at most 200 characters', { field: 'dedup_key' });
  }
  const delay = options.delaySeconds;
  if (delay !== undefined && !(Number.isFinite(delay) && delay >= 0)) {
    throw new ModelValidationError('delaySeconds must be a number >= 0', { field: 'delaySeconds' });
  }
  def.options.validateArgs?.(args);
  return args;
}

export async function enqueue(
  engine: Engine,
  def: TaskDefinition<any, any[], unknown>,
  argsInput: unknown,
  options: EnqueueOptions = {},
): Promise<TriggerResponse> {
  const args = validateEnqueue(def, argsInput, options);
  const delayMs = Math.round((options.delaySeconds ?? 0) * 1000);
  const write = async (tx: SqlSession): Promise<TriggerResponse> => {
    // Loop: the job holding the key may finish between our insert and our look-up.
    for (let i = 0; i < 5; i++) {
      const record = await engine.repo.insert(tx, {
        id: randomUUID(),
        task: def.name,
        queue: def.queue,
        args,
        triggeredBy: options.triggeredBy ?? 'manual:unknown',
        dedupKey: options.dedupKey ?? null,
        maxAttempts: def.retryPolicy.maxRetries + 1,
        delayMs,
      });
      if (record) {
        await sendAttempt(engine, tx, record, 1, delayMs);
        return { job_id: record.id, status: record.status, message: QUEUED_MESSAGE };
      }
      const existing = await engine.repo.findActiveByDedupKey(tx, options.dedupKey!);
      if (existing) return { job_id: existing.id, status: existing.status, message: DEDUPLICATED_MESSAGE };
    }
    throw new ModelValidationError('Could not enqueue: the dedup key kept changing hands', { field: 'dedup_key' });
  };
  let response: TriggerResponse;
  try {
    response = options.session ? await write(options.session) : await engine.store.transaction(write);
  } catch (error) {
    // Seed 000: constraint violations reach callers as validation errors, not as 500s.
    if (isIntegrityError(error)) throw new ModelValidationError(`Constraint violated: ${errorMessage(error)}`, {}, { cause: error });
    throw error;
  }
  logAt(engine.logger, 'info', response.message === QUEUED_MESSAGE ? 'Job queued' : 'Job deduplicated', {
    job_id: response.job_id,
    task: def.name,
    queue: def.queue,
    status: response.status,
    triggered_by: options.triggeredBy ?? 'manual:unknown',
    ...(options.dedupKey !== undefined && { dedup_key: options.dedupKey }),
  });
  if (!options.session) engine.wake();
  return response;
}
