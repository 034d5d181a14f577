/**
 * Configurable pool sizes (issue 11, throughput): `poolSize` and `bossPoolSize` bound the
 * connections a runtime opens on PostgreSQL, and the runtime still completes more concurrent
 * dbTasks than it has connections for its own pool (they queue for one).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { TaskConfigurationError, createRuntime, silentLogger, type Runtime } from '../../src/runtime/index.js';
import { PG_URL, dropNames, uniqueNames, waitFor } from './helpers/stores.js';

describe.skipIf(!PG_URL)('pool sizes on PostgreSQL', () => {
  const names = uniqueNames('rt_pool');
  const appName = `bg_pool_${randomUUID().slice(0, 8)}`;
  let rt: Runtime | undefined;

  afterAll(async () => {
    await rt?.close();
    await dropNames(PG_URL, names);
  });

  it('poolSize 2 + bossPoolSize 1: never more connections than that, and 6 concurrent dbTasks complete', async () => {
    const url = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}application_name=${appName}`;
    rt = await createRuntime({ store: url, ...names, poolSize: 2, bossPoolSize: 1, heartbeatSeconds: 2, logger: silentLogger });
    rt.dbTask({ name: 'pool.hold' }, async (ctx) => {
      await ctx.session.query('SELECT pg_sleep(0.3)');
      return ctx.successResult();
    });
    await rt.work({ concurrency: 6, pollIntervalMs: 50 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await rt.enqueue('pool.hold', [])).job_id);
    let peak = 0;
    await waitFor(async () => {
      const { rows } = await rt!.store.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [appName],
      );
      peak = Math.max(peak, rows[0]!.n);
      const records = await Promise.all(ids.map((id) => rt!.jobs.get(id)));
      return records.every((r) => r?.status === 'completed');
    }, 'the six jobs to complete');
    expect(peak).toBeGreaterThanOrEqual(2);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('a pool size that is not a positive integer is refused', async () => {
    await expect(createRuntime({ store: PG_URL, ...names, poolSize: 0, logger: silentLogger })).rejects.toThrow(TaskConfigurationError);
    await expect(createRuntime({ store: PG_URL, ...names, bossPoolSize: 1.5, logger: silentLogger })).rejects.toThrow(
      /bossPoolSize must be an integer from 1 to 1000/,
    );
  });
});
