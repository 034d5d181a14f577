/**
 * Issue 11, item 7: a job whose task this worker does not have (workers running different code,
 * e.g. mid-rollout). The worker that fetches it and the reaper that takes it back from a lost worker
 * decide alike, through one function: retried under `standard` delays within the record's tries,
 * never failed outright by one and retried by the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, silentLogger, type JobRecord, type Runtime } from '../../src/runtime/index.js';
import { PG_URL, dropNames, uniqueNames, waitFor } from './helpers/stores.js';

describe.skipIf(!PG_URL)('a job whose task the worker does not have', () => {
  const names = uniqueNames('rt_ghost');
  let producer: Runtime;
  let worker: Runtime;

  beforeAll(async () => {
    // The producer knows the task (and enqueues it); the worker runs other code and does not.
    producer = await createRuntime({ store: PG_URL, ...names, heartbeatSeconds: 1, logger: silentLogger, random: () => 0.5 });
    worker = await createRuntime({ store: PG_URL, ...names, heartbeatSeconds: 1, logger: silentLogger, random: () => 0.5 });
    producer.simpleTask({ name: 'ghost.job', retryPolicy: 'aggressive' }, async (ctx) => ctx.successResult());
    await worker.work({ concurrency: 2, pollIntervalMs: 100 });
  });

  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    await dropNames(PG_URL, names);
  });

  const retryWaitMs = (r: JobRecord) => r.run_after.getTime() - r.updated_at.getTime();

  it('the worker retries it under standard delays, as the reaper does; it fails when the tries run out', async () => {
    // Fetched by the worker: the try counts and the job waits for a worker that has the task.
    const fetched = await producer.enqueue('ghost.job', []);
    const afterWorker = await waitFor(async () => {
      const r = await producer.jobs.get(fetched.job_id);
      return r && r.attempts === 1 && r.status === 'pending' ? r : undefined;
    }, 'the worker to give the job back');
    expect(afterWorker.error_message).toMatch(/not registered in this worker/);
    expect(afterWorker.max_attempts).toBe(6); // the producer's policy, aggressive: 5 retries
    expect(retryWaitMs(afterWorker)).toBe(75_000); // standard: 60 s x (1 + 0.5 x 0.5)

    // Taken back by the worker's reaper from a lost worker: the same decision.
    const lost = await producer.enqueue('ghost.job', [], { delaySeconds: 3600 });
    await producer.store.query(
      `UPDATE "${names.table}" SET status = 'running', attempts = 1, lease_owner = 'dead-host:1:x',
         lease_expires_at = now() - interval '1 second', started_at = now() WHERE id = $1`,
      [lost.job_id],
    );
    const afterReaper = await waitFor(async () => {
      const r = await producer.jobs.get(lost.job_id);
      return r && r.status === 'pending' ? r : undefined;
    }, 'the reaper to take the job back');
    expect(afterReaper.attempts).toBe(1);
    expect(retryWaitMs(afterReaper)).toBe(retryWaitMs(afterWorker));

    // Out of tries: failed, with the reason.
    await producer.store.query(`UPDATE "${names.table}" SET attempts = 5, run_after = now() WHERE id = $1`, [fetched.job_id]);
    const { boss } = producer;
    await boss.send(`${names.table}.default`, { record_id: fetched.job_id, attempt: 6 }, { retryLimit: 0 });
    const last = await waitFor(async () => {
      const r = await producer.jobs.get(fetched.job_id);
      return r && r.status === 'failed' ? r : undefined;
    }, 'the last try to fail');
    expect(last.attempts).toBe(6);
    expect(last.error_message).toMatch(/not registered in this worker/);
  });
});
