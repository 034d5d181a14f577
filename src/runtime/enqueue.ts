/**
 * Enqueue: the record insert and the pg-boss send in ONE transaction, so there is never a record
 * without a job to run it, nor a job without its record. Dedup rides on the partial unique index:
 * while a job with the key is pending or running, the insert does nothing and the existing job is
 * returned, whichever process enqueued it.
 */
import { randomUUID } from 'node:crypto';
import { DEDUPLICATED_MESSAGE, QUEUED_MESSAGE, type TriggerResponse } from '../shared/jobs.js';
import { captureFirstTries, captureSend, firstTryJobs, sendAttempt, type Engine } from './engine.js';
import type { JobRecord } from './job-record.js';
import { bossDb, inOpenSession } from './store.js';
import { enqueueBatched } from './enqueue-batcher.js';
import { ModelValidationError, isIntegrityError, errorMessage } from './errors.js';
import { checkStorableJson, checkStorableText } from './storable.js';
import { logAt } from './logger.js';
import type { CapturedSend, NewJob } from './records.js';
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
  // NUL, lone surrogates and non-finite numbers would be a database error, or silently changed.
  checkStorableJson(args, 'args');
  if (typeof options.triggeredBy === 'string') checkStorableText(options.triggeredBy, 'triggered_by');
  if (typeof options.dedupKey === 'string') checkStorableText(options.dedupKey, 'dedup_key');
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

/** The record of a new job (a fresh id each call), from validated arguments and the enqueue options. */
export function newJob(
  def: TaskDefinition<any, any[], unknown>,
  args: unknown[],
  options: Omit<EnqueueOptions, 'session'>,
  defaultTrigger = 'manual:unknown',
): NewJob {
  return {
    id: randomUUID(),
    task: def.name,
    queue: def.queue,
    args,
    triggeredBy: options.triggeredBy ?? defaultTrigger,
    dedupKey: options.dedupKey ?? null,
    maxAttempts: def.retryPolicy.maxRetries + 1,
    delayMs: Math.round((options.delaySeconds ?? 0) * 1000),
  };
}

/** Runs `fn` in a transaction of its own unless `ex` already is the caller's transaction. */
function inTransaction<T>(engine: Engine, ex: SqlSession, fn: (tx: SqlSession) => Promise<T>): Promise<T> {
  return ex === engine.store ? engine.store.transaction(fn) : fn(ex);
}

/**
 * The record and its first try in one statement (false on a dedup hit): batched with other enqueues in flight on the
 * runtime's own store; alone in a caller's session (its transaction is its own), and alone inside a
 * task's open session on PGlite (where the store refuses it with a clear error, not a batch's wait).
 */
async function insertWithSend(engine: Engine, ex: SqlSession, job: NewJob, send: CapturedSend): Promise<boolean> {
  if (ex === engine.store && !inOpenSession()) return enqueueBatched(engine, job, send);
  return (await engine.repo.insertManyWithSend(ex, [job], send)).length === 1;
}

export async function enqueue(
  engine: Engine,
  def: TaskDefinition<any, any[], unknown>,
  argsInput: unknown,
  options: EnqueueOptions = {},
): Promise<TriggerResponse> {
  const args = validateEnqueue(def, argsInput, options);
  const write = async (tx: SqlSession): Promise<TriggerResponse> => {
    // Loop: the job holding the key may finish between our insert and our look-up.
    for (let i = 0; i < 5; i++) {
      const job = newJob(def, args, options);
      // One statement (record + pg-boss job) when pg-boss's insert can be folded in; else two.
      const send = await captureSend(engine, job, 1, job.delayMs);
      const inserted = send
        ? await insertWithSend(engine, tx, job, send)
        : await inTransaction(engine, tx, async (t) => {
            const record = await engine.repo.insert(t, job);
            if (record) await sendAttempt(engine, t, record, 1, job.delayMs);
            return !!record;
          });
      if (inserted) return { job_id: job.id, status: 'pending', message: QUEUED_MESSAGE };
      const existing = await engine.repo.findActiveByDedupKey(tx, options.dedupKey!);
      if (existing) return { job_id: existing.id, status: existing.status, message: DEDUPLICATED_MESSAGE };
    }
    throw new ModelValidationError('Could not enqueue: the dedup key kept changing hands', { field: 'dedup_key' });
  };
  let response: TriggerResponse;
  try {
    // Without a caller's session, no transaction of our own: the common path is one atomic
    // statement, and a dedup hit's look-up only reads.
    response = await write(options.session ?? engine.store);
  } catch (error) {
    // Constraint violations reach callers as validation errors (422), not as 500s (docs/runtime.md, Errors → HTTP).
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

/** One job of `enqueueMany`: its arguments and the options `enqueue` takes (but `session`). */
export interface BulkJob<A extends unknown[] = unknown[]> extends Omit<EnqueueOptions, 'session'> {
  args: A;
}

/** Records per statement: bounded so one huge call does not build one huge parameter. */
const BULK_CHUNK = 1000;

/**
 * Inserts a chunk of `enqueueMany`'s jobs and their first tries: one statement (records and
 * pg-boss's own bulk insert folded in), or, if pg-boss's SQL is not the expected shape, the
 * records' insert then pg-boss's `insert` (inside the caller's transaction). Returns the ids inserted.
 */
async function insertChunk(engine: Engine, def: TaskDefinition<any, any[], unknown>, ex: SqlSession, chunk: NewJob[]): Promise<string[]> {
  const send = await captureFirstTries(engine, def, chunk);
  if (send) return engine.repo.insertManyWithSend(ex, chunk, send);
  return inTransaction(engine, ex, async (tx) => {
    const ids = await engine.repo.insertMany(tx, chunk);
    if (ids.length) {
      const delays = new Map<string, number>(chunk.map((c) => [c.id, c.delayMs]));
      const jobs = firstTryJobs(engine, def, ids.map((id) => ({ id, delayMs: delays.get(id)! })));
      await engine.boss.insert(engine.bossQueue(def.queue), jobs, { db: bossDb(tx) });
    }
    return ids;
  });
}

/**
 * Enqueues many jobs of one task in ONE transaction (the caller's `session`, or our own): records
 * inserted a chunk per statement, their pg-boss jobs by pg-boss's bulk `insert`, dedup respected
 * (a key held by an active job, or repeated in the batch, returns that job). Responses come back
 * in the order of `jobs`. All or nothing: an invalid job refuses the whole call before any write.
 */
export async function enqueueMany(
  engine: Engine,
  def: TaskDefinition<any, any[], unknown>,
  jobs: readonly BulkJob[],
  options: { session?: SqlSession } = {},
): Promise<TriggerResponse[]> {
  if (!Array.isArray(jobs)) throw new ModelValidationError('enqueueMany takes an array of { args, ...options }', { field: 'jobs' });
  const prepared = jobs.map((job, i) => {
    if (typeof job !== 'object' || job === null) throw new ModelValidationError(`jobs[${i}] must be { args, ...options }`, { field: `jobs[${i}]` });
    return newJob(def, validateEnqueue(def, job.args, job), job);
  });
  const write = async (tx: SqlSession): Promise<TriggerResponse[]> => {
    const inserted = new Set<string>();
    for (let i = 0; i < prepared.length; i += BULK_CHUNK) {
      const chunk = prepared.slice(i, i + BULK_CHUNK);
      for (const id of await insertChunk(engine, def, tx, chunk)) inserted.add(id);
    }
    const missedKeys = [...new Set(prepared.filter((p) => !inserted.has(p.id)).map((p) => p.dedupKey!))];
    const holders = new Map<string, JobRecord>();
    if (missedKeys.length) for (const r of await engine.repo.findActiveByDedupKeys(tx, missedKeys)) holders.set(r.dedup_key!, r);
    return prepared.map((p) => {
      if (inserted.has(p.id)) return { job_id: p.id, status: 'pending', message: QUEUED_MESSAGE };
      const holder = holders.get(p.dedupKey!);
      if (!holder) throw new ModelValidationError('Could not enqueue: the dedup key kept changing hands', { field: 'dedup_key' });
      return { job_id: holder.id, status: holder.status, message: DEDUPLICATED_MESSAGE };
    });
  };
  let responses: TriggerResponse[];
  try {
    // One chunk without dedup keys is one statement, atomic without a transaction of our own; more
    // chunks, or a dedup hit's look-up after the insert, need one (all or nothing).
    const oneStatement = prepared.length <= BULK_CHUNK && prepared.every((p) => p.dedupKey === null);
    responses = options.session
      ? await write(options.session)
      : oneStatement
        ? await write(engine.store)
        : await engine.store.transaction(write);
  } catch (error) {
    if (isIntegrityError(error)) throw new ModelValidationError(`Constraint violated: ${errorMessage(error)}`, {}, { cause: error });
    throw error;
  }
  logAt(engine.logger, 'info', 'Jobs queued', {
    task: def.name,
    queue: def.queue,
    queued: responses.filter((r) => r.message === QUEUED_MESSAGE).length,
    deduplicated: responses.filter((r) => r.message === DEDUPLICATED_MESSAGE).length,
  });
  if (!options.session) engine.wake();
  return responses;
}
