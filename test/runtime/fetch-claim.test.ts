/**
 * A worker fetches pg-boss jobs and claims their records in ONE statement (records.ts
 * `fetchAndClaim`). What pg-boss hands out that is not a runnable try is settled, never run: a
 * payload that is not ours fails, a delivery whose record id is not a uuid or whose try is stale
 * completes; the jobs beside them in the batch run. On PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, silentLogger, type Runtime } from '../../src/runtime/index.js';
import { STORES, dropNames, uniqueNames, waitFor } from './helpers/stores.js';

describe.each(STORES)('fetch and claim on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const names = uniqueNames(`rt_fetch_${store.name}`);
  let rt: Runtime;
  const statements: string[] = [];
  const ran: number[] = [];

  beforeAll(async () => {
    rt = await createRuntime({ store: store.url, ...names, logger: silentLogger });
    const original = rt.store.query.bind(rt.store);
    rt.store.query = ((text: string, params?: unknown[]) => (statements.push(text), original(text, params))) as typeof rt.store.query;
    rt.simpleTask({ name: 'fetch.run' }, async (_ctx, n: number) => (ran.push(n), n));
  });

  afterAll(async () => {
    await rt?.close();
    await dropNames(store.url, names);
  });

  const stateOf = async (id: string) => (await rt.boss.getJobById(`${names.table}.default`, id))?.state;

  it('one statement fetches and claims a batch; foreign, malformed and stale deliveries are settled, not run', async () => {
    const queue = `${names.table}.default`;
    // A try that already ran: its record is completed, so a second delivery of try 1 is stale.
    const done = await rt.enqueue('fetch.run', [0]);
    await rt.work({ concurrency: 4, pollIntervalMs: 50 });
    await waitFor(async () => (await rt.jobs.get(done.job_id))?.status === 'completed', 'the first job to complete');
    statements.length = 0;
    const foreign = (await rt.boss.send(queue, { hello: 'world' }))!;
    const notUuid = (await rt.boss.send(queue, { record_id: 'not-a-uuid', attempt: 1 }))!;
    const stale = (await rt.boss.send(queue, { record_id: done.job_id, attempt: 1 }))!;
    const good = await rt.enqueue('fetch.run', [1]);
    await waitFor(async () => (await rt.jobs.get(good.job_id))?.status === 'completed', 'the good job to complete');
    await waitFor(async () => (await stateOf(foreign)) === 'failed', 'the foreign payload to fail');
    expect(await waitFor(() => stateOf(notUuid).then((s) => s === 'completed' && s), 'the malformed delivery to be settled')).toBe('completed');
    expect(await waitFor(() => stateOf(stale).then((s) => s === 'completed' && s), 'the stale delivery to be settled')).toBe('completed');
    expect(ran).toEqual([0, 1]);
    expect((await rt.jobs.get(done.job_id))!).toMatchObject({ status: 'completed', attempts: 1 });
    // The claims rode on the fetches: no claim statement of its own.
    expect(statements.some((s) => /^\s*WITH fetched AS/.test(s))).toBe(true);
    expect(statements.filter((s) => s.includes('FROM unnest($1::uuid[]'))).toEqual([]);
  });
});
