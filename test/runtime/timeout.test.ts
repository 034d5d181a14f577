/**
 * Issue 11, item 2: a timeout stops the task's SQL. A dbTask stuck in `pg_sleep(30)` with a 2 s
 * timeout: the statement is cancelled on the server, the record leaves `running` within 2 s of the
 * timeout, and nothing of it is left in pg_stat_activity. (PGlite runs a statement on the JS thread
 * and cannot be interrupted: see docs/runtime.md.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, silentLogger, type Runtime } from '../../src/runtime/index.js';
import { PG_URL, dropNames, uniqueNames, waitFor } from './helpers/stores.js';

describe.skipIf(!PG_URL)('a dbTask past its timeout on PostgreSQL', () => {
  const names = uniqueNames('rt_timeout');
  const marker = `sleep_${randomUUID().slice(0, 8)}`;
  let rt: Runtime;

  beforeAll(async () => {
    rt = await createRuntime({ store: PG_URL, ...names, heartbeatSeconds: 1, logger: silentLogger });
    rt.dbTask({ name: 'slow.sql', timeoutSeconds: 2, retryPolicy: 'no_retry' }, async (ctx) => {
      await ctx.session.query(`SELECT pg_sleep(30) /* ${marker} */`);
      return ctx.successResult();
    });
    await rt.work({ concurrency: 1, pollIntervalMs: 100 });
  });

  afterAll(async () => {
    await rt?.close({ graceMs: 1000 });
    await dropNames(PG_URL, names);
  });

  it('cancels the statement: the record fails within 2 s of the timeout and no query is left', async () => {
    const { job_id } = await rt.enqueue('slow.sql', []);
    const record = await waitFor(async () => {
      const r = await rt.jobs.get(job_id);
      return r && r.status !== 'pending' && r.status !== 'running' ? r : undefined;
    }, 'the job to leave running', 40_000);
    expect(record.status).toBe('failed');
    expect(record.error_message).toMatch(/timeout of 2s/);
    // Database clocks on both ends: timeout (2 s) + at most 2 s to cancel, roll back and write.
    const ranMs = record.completed_at!.getTime() - record.started_at!.getTime();
    expect(ranMs).toBeGreaterThanOrEqual(2000);
    expect(ranMs).toBeLessThan(4000);
    const { rows } = await rt.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()`,
      [`%${marker}%`],
    );
    expect(rows[0]!.n).toBe(0);
  });
});
