/**
 * One run of one job, the lifecycle the rules BG-030..BG-034 ask of every task, done once here:
 *  1. claim: pending → running + started_at + a lease, in its own short statement;
 *  2. run the body (run.ts: a `dbTask` in a fresh session: committed on success, rolled back on
 *     error, closed), which yields an outcome instead of throwing;
 *  3. settle once, from the outcome: success → completed (or completed_with_warnings) + completed_at;
 *     error → in a NEW transaction, never the failed session: running → pending with run_after (a
 *     retry by the policy) or running → failed + error_message + completed_at;
 * logging each step with the job id and task. The pg-boss job of this try is settled in the same
 * transaction as the record, so the two never disagree.
 */
import { completeRun } from './completions.js';
import { retireDeliveries, sendAttempt, type Engine } from './engine.js';
import { LeaseLostError, ShutdownError, errorMessage } from './errors.js';
import type { JobRecord } from './job-record.js';
import { errorFields, logAt } from './logger.js';
import { isRetriable, nextTry } from './retry.js';
import { logRun as log, Run, type BossJobRef, type Outcome } from './run.js';
import { bossDb } from './store.js';

export interface RunRequest {
  recordId: string;
  /** Which try this delivery is (1-based): a stale or duplicate delivery claims nothing. */
  attempt: number;
  /** The pg-boss job carrying this try; absent for `rt.runNow`. */
  bossJob?: BossJobRef;
}

/**
 * Runs one delivery through the whole lifecycle; returns the record as it was left, or null if
 * stale. `onBodyDone` is called once the body is over (its session closed, its progress written),
 * before the record is settled: a worker frees the job's slot there and lets the write land in the
 * background.
 */
export async function runAttempt(
  engine: Engine,
  request: RunRequest,
  claimed?: JobRecord | null,
  onBodyDone?: () => void,
): Promise<JobRecord | null> {
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
  const run = new Run(engine, record, request.bossJob);
  log(engine, 'info', 'Job started', record, { status: 'running', queue: record.queue });
  try {
    const outcome = await run.execute();
    await run.finishBody();
    onBodyDone?.();
    return await settle(engine, run, request, outcome);
  } finally {
    await run.dispose();
  }
}

/** The one write after the body: completion, or (also when the completion cannot be written) the failure path. */
async function settle(engine: Engine, run: Run, request: RunRequest, outcome: Outcome): Promise<JobRecord | null> {
  if (!outcome.ok) return settleFailure(engine, run, request, outcome.error);
  try {
    return await settleSuccess(engine, run, request, outcome.value);
  } catch (error) {
    return settleFailure(engine, run, request, error);
  }
}

async function settleSuccess(engine: Engine, run: Run, request: RunRequest, value: unknown): Promise<JobRecord> {
  const { record, ctx } = run;
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
}

/** Writes the failure (or retry, or release) through a new transaction on the runtime's database. */
async function settleFailure(engine: Engine, run: Run, request: RunRequest, error: unknown): Promise<JobRecord | null> {
  const { store, repo, boss } = engine;
  const { record, def, ctx } = run;
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
              warnings: ctx.warnings,
              progress: ctx.progress,
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
