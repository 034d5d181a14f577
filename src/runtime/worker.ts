/**
 * One run of one job, the lifecycle the rules BG-030..BG-034 ask of every task, done once here:
 *  1. claim: pending → running + started_at + a lease, in its own short statement;
 *  2. run the body (a `dbTask` in a fresh session: committed on success, rolled back on error, closed);
 *  3. success: running → completed (or completed_with_warnings) + completed_at;
 *  4. error: in a NEW transaction, never the failed session: running → pending with run_after (a retry
 *     by the policy) or running → failed + error_message + completed_at;
 * logging each step with the job id and task. The pg-boss job of this try is settled in the same
 * transaction as the record, so the two never disagree.
 */
import { completeRun } from './completions.js';
import { TaskContext } from './context.js';
import { retireDeliveries, sendAttempt, type Engine } from './engine.js';
import {
  LeaseLostError,
  ShutdownError,
  TaskConfigurationError,
  TaskNotRegisteredError,
  TaskTimeoutError,
  errorMessage,
} from './errors.js';
import type { JobRecord } from './job-record.js';
import { errorFields, logAt, type LogLevel } from './logger.js';
import { ProgressWriter } from './progress.js';
import { isRetriable, nextTry } from './retry.js';
import { bossDb, outsideSession, runInOpenSession } from './store.js';
import type { SessionHandle } from './sessions.js';
import type { TaskDefinition } from './task.js';

export interface RunRequest {
  recordId: string;
  /** Which try this delivery is (1-based): a stale or duplicate delivery claims nothing. */
  attempt: number;
  /** The pg-boss job carrying this try; absent for `rt.runNow`. */
  bossJob?: { queue: string; id: string };
}

function log(engine: Engine, level: LogLevel, message: string, record: JobRecord, fields: Record<string, unknown> = {}) {
  logAt(engine.logger, level, message, { job_id: record.id, task: record.task, attempt: record.attempts, ...fields });
}

/** Rejects when `signal` aborts, with its reason; never resolves. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Runs one delivery through the whole lifecycle; returns the record as it was left, or null if stale. */
export async function runAttempt(engine: Engine, request: RunRequest, claimed?: JobRecord | null): Promise<JobRecord | null> {
  const { store, repo, boss } = engine;
  // A worker claims its fetched batch in one statement and passes each record (null: stale).
  const record =
    claimed !== undefined ? claimed : await repo.claim(store, request.recordId, request.attempt - 1, engine.owner, engine.heartbeatMs);
  if (!record) {
    // Already claimed, cancelled or deleted: settle the delivery so pg-boss does not keep it.
    if (request.bossJob) await boss.complete(request.bossJob.queue, request.bossJob.id).catch(() => undefined);
    logAt(engine.logger, 'debug', 'Stale delivery ignored', { job_id: request.recordId, attempt: request.attempt });
    return null;
  }
  const controller = new AbortController();
  engine.localRuns.set(record.id, controller);
  log(engine, 'info', 'Job started', record, { status: 'running', queue: record.queue });

  const progress = new ProgressWriter(store, repo, record.id, engine.owner, engine.logger);
  const heartbeat = startHeartbeat(engine, record, request, controller);
  const def = engine.registry.get(record.task);
  const sessionRef: SessionRef = {};
  const open = () => (engine.sessions ? engine.sessions.open() : engine.store.begin());
  const ctx = new TaskContext<unknown>({
    jobId: record.id,
    task: record.task,
    attempt: record.attempts,
    triggeredBy: record.triggered_by,
    signal: controller.signal,
    logger: engine.logger,
    onProgress: (p) => progress.push(p),
    ...(def?.kind === 'db' && {
      session: () => {
        if (!sessionRef.handle) throw new TaskConfigurationError('ctx.session is only open while the task runs');
        return sessionRef.handle.session;
      },
      commitBatch: () =>
        outsideSession(async () => {
          controller.signal.throwIfAborted();
          const handle = sessionRef.handle!;
          sessionRef.handle = undefined;
          try {
            await handle.commit();
          } finally {
            await handle.close();
          }
          // Between sessions the connection is free: a good moment to persist progress.
          await progress.drain();
          sessionRef.handle = await open();
          log(engine, 'debug', 'Batch committed, new session opened', record);
        }),
    }),
  });
  try {
    if (!def) throw new TaskNotRegisteredError(`Task "${record.task}" is not registered in this worker`, { task: record.task });
    const value = await runBody(engine, def, record, ctx, controller, sessionRef, open);
    heartbeat.stop();
    await progress.drain();
    const done = await completeRun(
      engine,
      { id: record.id, result: value ?? null, warnings: ctx.warnings, progress: ctx.progress },
      request.bossJob,
    );
    if (!done) throw new LeaseLostError('The job was taken back before it could be marked completed');
    log(engine, done.status === 'completed' ? 'success' : 'warning', 'Job completed', done, {
      status: done.status,
      warnings: done.warnings.length,
    });
    return done;
  } catch (error) {
    heartbeat.stop();
    await progress.drain();
    return await settleFailure(engine, record, def, request, error, ctx);
  } finally {
    heartbeat.stop();
    engine.localRuns.delete(record.id);
  }
}

interface SessionRef {
  handle?: SessionHandle<unknown>;
}

/**
 * Runs the body, with its own session for a `dbTask`. The returned promise rejects as soon as the
 * run is aborted (timeout, shutdown, lost lease) even if the body ignores its signal.
 */
async function runBody(
  engine: Engine,
  def: TaskDefinition<any, any[], unknown>,
  record: JobRecord,
  ctx: TaskContext<unknown>,
  controller: AbortController,
  sessionRef: SessionRef,
  open: () => Promise<SessionHandle<unknown>>,
): Promise<unknown> {
  const timer = def.timeoutSeconds
    ? setTimeout(
        () => controller.abort(new TaskTimeoutError(`Task exceeded its timeout of ${def.timeoutSeconds}s`)),
        def.timeoutSeconds * 1000,
      )
    : undefined;
  const race = async (run: () => Promise<unknown>) => {
    const body = run();
    body.catch(() => undefined);
    return Promise.race([body, whenAborted(controller.signal)]);
  };
  try {
    if (def.kind === 'simple') return await race(() => def.run(ctx, ...record.args));
    // Single connection (PGlite): a runtime call from inside the body would wait for the session the
    // body holds, forever; the scope makes the store throw a clear error instead.
    const guarded = engine.store.singleConnection;
    sessionRef.handle = await open();
    log(engine, 'debug', 'Session opened', record);
    try {
      const run = () => def.run(ctx, ...record.args);
      const value = await race(guarded ? () => runInOpenSession(run) : run);
      controller.signal.throwIfAborted();
      await sessionRef.handle.commit();
      log(engine, 'debug', 'Session committed', record);
      return value;
    } catch (error) {
      // Aborted (timeout, shutdown, lost lease) while a statement may still run: stop it first, or
      // the rollback waits behind it and the slot and connection stay held until it ends.
      if (controller.signal.aborted && sessionRef.handle?.cancel) {
        await sessionRef.handle.cancel().catch((e: unknown) => log(engine, 'warning', 'Statement cancel failed', record, errorFields(e)));
      }
      await sessionRef.handle
        ?.rollback()
        .catch((e: unknown) => log(engine, 'warning', 'Rollback failed', record, errorFields(e)));
      log(engine, 'debug', 'Session rolled back', record);
      throw error;
    } finally {
      const handle = sessionRef.handle;
      sessionRef.handle = undefined;
      await handle?.close().catch((e: unknown) => log(engine, 'warning', 'Session close failed', record, errorFields(e)));
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Renews the lease (and touches the pg-boss job) every half heartbeat; aborts the run if the lease is gone. */
function startHeartbeat(engine: Engine, record: JobRecord, request: RunRequest, controller: AbortController) {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || controller.signal.aborted) return;
    busy = true;
    (async () => {
      const held = await engine.repo.renewLease(engine.store, record.id, engine.owner, engine.heartbeatMs);
      if (!held) {
        controller.abort(new LeaseLostError('Another worker took the job back: its lease expired'));
        return;
      }
      if (request.bossJob) await engine.boss.touch(request.bossJob.queue, request.bossJob.id);
    })()
      .catch((error: unknown) => log(engine, 'warning', 'Heartbeat failed', record, errorFields(error)))
      .finally(() => {
        busy = false;
      });
  }, engine.heartbeatMs / 2);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}

/** Writes the failure (or retry, or release) through a new transaction on the runtime's database. */
async function settleFailure(
  engine: Engine,
  record: JobRecord,
  def: TaskDefinition<any, any[], unknown> | undefined,
  request: RunRequest,
  error: unknown,
  ctx: TaskContext<unknown> | undefined,
): Promise<JobRecord | null> {
  const { store, repo, boss } = engine;
  const message = errorMessage(error);
  if (error instanceof LeaseLostError) {
    log(engine, 'warning', 'Job lease lost: another worker owns it now, nothing written', record, errorFields(error));
    return null;
  }
  const release = error instanceof ShutdownError;
  const { retry, delayMs } = release ? { retry: false, delayMs: 0 } : nextTry(record, def?.retryPolicy, error, engine.random);
  try {
    const updated = await store.transaction(async (tx) => {
      const next = release
        ? await repo.retry(tx, record.id, { owner: engine.owner, release: true })
        : retry
          ? await repo.retry(tx, record.id, { owner: engine.owner, delayMs, errorMessage: message })
          : await repo.fail(tx, record.id, {
              from: 'running',
              owner: engine.owner,
              errorMessage: message,
              warnings: ctx?.warnings ?? [],
              progress: ctx?.progress ?? null,
            });
      if (!next) return null;
      if (request.bossJob) {
        await boss.fail(request.bossJob.queue, request.bossJob.id, { message }, { db: bossDb(tx) });
      } else {
        await retireDeliveries(engine, tx, next, message);
      }
      if (next.status === 'pending') await sendAttempt(engine, tx, next, next.attempts + 1, delayMs);
      return next;
    });
    if (!updated) {
      log(engine, 'warning', 'Job lease lost before the failure could be written', record, errorFields(error));
    } else if (release) {
      log(engine, 'info', 'Job released on shutdown', updated, { status: updated.status });
    } else if (retry) {
      log(engine, 'warning', 'Job failed, will retry', updated, {
        status: updated.status,
        retry_in_ms: delayMs,
        run_after: updated.run_after.toISOString(),
        ...errorFields(error),
      });
    } else {
      log(engine, 'error', 'Job failed', updated, { status: updated.status, retriable: isRetriable(error), ...errorFields(error) });
    }
    return updated;
  } catch (writeError) {
    // The record stays running with a lease nobody renews: the reaper takes it back after expiry.
    log(engine, 'error', 'Could not write the job failure; the reaper will take the job back', record, {
      ...errorFields(writeError),
      job_error: message,
    });
    return null;
  }
}
