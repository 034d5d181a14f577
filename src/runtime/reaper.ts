/**
 * Takes back jobs whose worker died (kill -9, lost host): a running record whose lease expired
 * (its holder stopped heartbeating) goes back to pending with run_after (a retry by its policy) or
 * to failed, and any pg-boss job still carrying it is failed, in one transaction. pg-boss's own
 * expiry and heartbeat (when `heartbeatSeconds` >= 10) retire the delivery too; the reaper makes the
 * record follow. `FOR UPDATE SKIP LOCKED` lets every worker reap without two of them taking one job.
 */
import { retireDeliveries, sendAttempt, type Engine } from './engine.js';
import { errorFields, logAt } from './logger.js';
import { LeaseLostError } from './errors.js';
import { nextTry } from './retry.js';

export interface ReapOptions {
  /**
   * Take back every running job not run by this process, expired or not. Right at start on PGlite:
   * its folder is opened by one process at a time, so any job still running there was orphaned.
   */
  allForeign?: boolean;
}

export async function reapExpired(engine: Engine, options: ReapOptions = {}): Promise<number> {
  const local = [...engine.localRuns.keys()];
  return engine.store.transaction(async (tx) => {
    const expired = await engine.repo.expiredLeases(tx, local, options.allForeign ?? false);
    for (const record of expired) {
      const reason =
        `Worker lost: ${record.lease_owner ?? 'unknown worker'} stopped heartbeating` +
        (record.lease_expires_at ? ` (lease expired at ${record.lease_expires_at.toISOString()})` : '');
      const policy = engine.registry.get(record.task)?.retryPolicy;
      const { retry, delayMs } = nextTry(record, policy, new LeaseLostError(reason), engine.random);
      const next = retry
        ? await engine.repo.retry(tx, record.id, { owner: record.lease_owner ?? '', delayMs, errorMessage: reason })
        : await engine.repo.fail(tx, record.id, { from: 'running', owner: record.lease_owner, errorMessage: reason });
      if (!next) continue;
      await retireDeliveries(engine, tx, record, reason);
      if (next.status === 'pending') await sendAttempt(engine, tx, next, next.attempts + 1, delayMs);
      logAt(engine.logger, retry ? 'warning' : 'error', retry ? 'Job taken back, will retry' : 'Job taken back and failed', {
        job_id: record.id,
        task: record.task,
        attempt: record.attempts,
        status: next.status,
        lost_worker: record.lease_owner,
        ...(retry && { retry_in_ms: delayMs }),
      });
    }
    return expired.length;
  });
}

/** Runs `reapExpired` now and then every half heartbeat until stopped. */
export function startReaper(engine: Engine, options: ReapOptions = {}): { stop(): void; first: Promise<void> } {
  let busy = false;
  const run = async (opts: ReapOptions) => {
    if (busy) return;
    busy = true;
    try {
      await reapExpired(engine, opts);
    } catch (error) {
      logAt(engine.logger, 'warning', 'Reaper pass failed', errorFields(error));
    } finally {
      busy = false;
    }
  };
  const first = run(options);
  const timer = setInterval(() => void run({}).catch(() => undefined), engine.heartbeatMs / 2);
  timer.unref?.();
  return { stop: () => clearInterval(timer), first };
}
