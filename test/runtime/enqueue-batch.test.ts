/**
 * Enqueues in flight are coalesced into one statement (enqueue-batcher.ts): each caller still gets
 * its own record, its own dedup answer or its own error, and the records are the same as enqueuing
 * one by one. On PGlite and on PostgreSQL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEDUPLICATED_MESSAGE,
  ModelValidationError,
  QUEUED_MESSAGE,
  createRuntime,
  silentLogger,
  type JobRecord,
  type Runtime,
  type TriggerResponse,
} from '../../src/runtime/index.js';
import { STORES, dropNames, uniqueNames, waitFor } from './helpers/stores.js';

interface Op {
  args: unknown;
  key: string | null;
  triggeredBy: string;
  delaySeconds: number;
}

/** What a caller saw, with job ids replaced by the index of the call whose job it is. */
type Seen = { queued: number } | { deduplicated: number } | { error: string };

const op: fc.Arbitrary<Op> = fc.record({
  // A few bad ones: not an array (refused before SQL), so the batch around them must still land.
  args: fc.oneof({ weight: 9, arbitrary: fc.array(fc.integer(), { maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant('x') }),
  key: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }),
  triggeredBy: fc.constantFrom('scheduled', 'api:batch', 'manual:ann'),
  delaySeconds: fc.constantFrom(3600, 7200),
});

describe.each(STORES)('batched enqueue on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const names = uniqueNames(`rt_batch_${store.name}`);
  let rt: Runtime;
  let tasks = 0;

  beforeAll(async () => {
    rt = await createRuntime({ store: store.url, ...names, logger: silentLogger });
  });

  afterAll(async () => {
    await rt?.close();
    await dropNames(store.url, names);
  });

  /** Runs `ops` of a fresh task with keys of their own, one by one or all at once. */
  async function enqueueAll(ops: Op[], together: boolean): Promise<{ seen: Seen[]; records: (JobRecord | null)[] }> {
    const prefix = `run${++tasks}`;
    const task = rt.simpleTask({ name: `batch.t${tasks}` }, async (_ctx, ..._args: unknown[]) => null);
    const call = (o: Op) =>
      task.enqueue(o.args as unknown[], {
        triggeredBy: o.triggeredBy,
        delaySeconds: o.delaySeconds,
        ...(o.key !== null && { dedupKey: `${prefix}:${o.key}` }),
      });
    const settled: PromiseSettledResult<TriggerResponse>[] = [];
    if (together) settled.push(...(await Promise.allSettled(ops.map(call))));
    else for (const o of ops) settled.push(...(await Promise.allSettled([call(o)])));
    const firstOf = new Map<string, number>();
    settled.forEach((s, i) => s.status === 'fulfilled' && !firstOf.has(s.value.job_id) && firstOf.set(s.value.job_id, i));
    const seen = settled.map((s): Seen => {
      if (s.status === 'rejected') return { error: (s.reason as Error).constructor.name };
      const index = firstOf.get(s.value.job_id)!;
      return s.value.message === QUEUED_MESSAGE ? { queued: index } : { deduplicated: index };
    });
    const records = await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? rt.jobs.get(s.value.job_id) : null)));
    return { seen, records };
  }

  /** The record without what differs between two runs of the same calls (ids, times, task name). */
  const shape = (r: JobRecord | null) =>
    r && {
      status: r.status,
      args: r.args,
      triggered_by: r.triggered_by,
      dedup_key: r.dedup_key?.replace(/^run\d+:/, ''),
      attempts: r.attempts,
      max_attempts: r.max_attempts,
      // The delay, to the second (the two runs' clocks differ by milliseconds).
      delay: Math.round((r.run_after.getTime() - r.created_at.getTime()) / 1000),
    };

  it('property: calls in flight together leave the same records and answers as one by one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const one = await enqueueAll(ops, false);
        const all = await enqueueAll(ops, true);
        expect(all.seen).toEqual(one.seen);
        expect(all.records.map(shape)).toEqual(one.records.map(shape));
      }),
      { numRuns: 15 },
    );
    // A dedup hit inserts no pg-boss job: every pg-boss job has its record, and every record one job.
    const { rows } = await rt.store.query<{ orphans: number; jobless: number }>(
      `SELECT (SELECT count(*) FROM ${names.bossSchema}.job j
                WHERE NOT EXISTS (SELECT 1 FROM "${names.table}" r WHERE r.id::text = j.data->>'record_id'))::int AS orphans,
              (SELECT count(*) FROM "${names.table}" r
                WHERE NOT EXISTS (SELECT 1 FROM ${names.bossSchema}.job j WHERE r.id::text = j.data->>'record_id'))::int AS jobless`,
    );
    expect(rows[0]).toEqual({ orphans: 0, jobless: 0 });
  });

  it('coalesces calls in flight into one statement, and each queued job gets its own pg-boss job', async () => {
    const task = rt.simpleTask({ name: 'batch.counted' }, async (_ctx, ..._args: unknown[]) => null);
    const original = rt.store.query.bind(rt.store);
    let inserts = 0;
    rt.store.query = ((text: string, params?: unknown[]) => {
      if (text.includes('WITH rec AS')) inserts++;
      return original(text, params);
    }) as typeof rt.store.query;
    let responses: TriggerResponse[];
    try {
      responses = await Promise.all(Array.from({ length: 20 }, (_, i) => task.enqueue([i], { delaySeconds: 3600 })));
    } finally {
      rt.store.query = original;
    }
    expect(inserts).toBeGreaterThanOrEqual(1);
    expect(inserts).toBeLessThanOrEqual(2);
    expect(new Set(responses.map((r) => r.job_id)).size).toBe(20);
    for (const [i, r] of responses.entries()) {
      expect(r.message).toBe(QUEUED_MESSAGE);
      const jobs = await rt.boss.findJobs<{ record_id: string; attempt: number }>(`${names.table}.default`, {
        data: { record_id: r.job_id },
      });
      expect(jobs.map((j) => j.data)).toEqual([{ record_id: r.job_id, attempt: 1 }]);
      expect((await rt.jobs.get(r.job_id))!.args).toEqual([i]);
    }
  });

  it('a job the server refuses fails only its own caller; the rest of its batch is queued and runs', async () => {
    // A constraint only the database knows: the batch statement fails, its jobs are retried alone.
    await rt.store.query(`ALTER TABLE "${names.table}" ADD CONSTRAINT no_poison CHECK (args->>0 IS DISTINCT FROM 'poison')`);
    let ran = 0;
    const task = rt.simpleTask({ name: 'batch.poisoned' }, async (_ctx, ..._args: unknown[]) => ++ran);
    try {
      const settled = await Promise.allSettled(['a', 'poison', 'b', 'c'].map((arg) => task.enqueue([arg], { dedupKey: `poison-${arg}` })));
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const refused = (settled[1] as PromiseRejectedResult).reason;
      expect(refused).toBeInstanceOf(ModelValidationError);
      expect(String(refused.message)).toContain('no_poison');
      const { rows } = await rt.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${names.table}" WHERE task = 'batch.poisoned'`);
      expect(rows[0]!.n).toBe(3);
      await rt.work({ concurrency: 4, pollIntervalMs: 50 });
      for (const s of settled) {
        if (s.status !== 'fulfilled') continue;
        await waitFor(async () => (await rt.jobs.get(s.value.job_id))?.status === 'completed', `job ${s.value.job_id} to complete`);
      }
      expect(ran).toBe(3);
    } finally {
      await rt.store.query(`ALTER TABLE "${names.table}" DROP CONSTRAINT no_poison`);
    }
  });

  it('the same key in one batch: the first call queues, the others get its job', async () => {
    const task = rt.simpleTask({ name: 'batch.same_key' }, async (_ctx, ..._args: unknown[]) => null);
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => task.enqueue([i], { dedupKey: 'batch-same', delaySeconds: 3600 })));
    expect(responses.map((r) => r.message)).toEqual([QUEUED_MESSAGE, ...Array(4).fill(DEDUPLICATED_MESSAGE)]);
    expect(new Set(responses.map((r) => r.job_id))).toEqual(new Set([responses[0]!.job_id]));
    expect((await rt.jobs.get(responses[0]!.job_id))!.args).toEqual([0]);
  });

  it('enqueueMany without dedup keys is one statement: records and pg-boss jobs, no transaction', async () => {
    const task = rt.simpleTask({ name: 'batch.bulk' }, async (_ctx, ..._args: unknown[]) => null);
    const original = { query: rt.store.query.bind(rt.store), transaction: rt.store.transaction.bind(rt.store) };
    const statements: string[] = [];
    let transactions = 0;
    rt.store.query = ((text: string, params?: unknown[]) => (statements.push(text), original.query(text, params))) as typeof rt.store.query;
    rt.store.transaction = ((fn: never) => (transactions++, original.transaction(fn))) as typeof rt.store.transaction;
    let responses: TriggerResponse[];
    try {
      responses = await task.enqueueMany([{ args: [1] }, { args: [2], delaySeconds: 3600 }, { args: [3], triggeredBy: 'api:bulk' }]);
    } finally {
      Object.assign(rt.store, original);
    }
    // The worker started above polls through the store too: only the statements writing records count.
    expect(statements.filter((s) => s.includes(`INSERT INTO "${names.table}"`))).toHaveLength(1);
    expect(statements.filter((s) => s.includes(`INSERT INTO ${names.bossSchema}.job_common`))).toHaveLength(1);
    expect(transactions).toBe(0);
    for (const r of responses) {
      const jobs = await rt.boss.findJobs<{ record_id: string; attempt: number }>(`${names.table}.default`, { data: { record_id: r.job_id } });
      expect(jobs.map((j) => j.data)).toEqual([{ record_id: r.job_id, attempt: 1 }]);
    }
    const delayed = (await rt.jobs.get(responses[1]!.job_id))!;
    expect(Math.round((delayed.run_after.getTime() - delayed.created_at.getTime()) / 1000)).toBe(3600);
  });
});
