/**
 * A worker's slot is freed when the task body returns, not when its record write lands: the next
 * job starts while the completion is still being written (in the background, batched), the record
 * shows `completed` only once that write landed, and the writes pending are bounded (twice the
 * concurrency). On PGlite and on PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime, silentLogger, type Runtime } from '../../src/runtime/index.js';
import { STORES, dropNames, gate, uniqueNames, waitFor } from './helpers/stores.js';

describe.each(STORES)('worker slots on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  let rt: Runtime | undefined;
  let names = uniqueNames(`rt_slots_${store.name}`);

  /** The gate of the current test's held writes: opened before closing, whatever the test did. */
  let release: (() => void) | undefined;

  afterEach(async () => {
    release?.();
    await rt?.close({ graceMs: 5000 });
    await dropNames(store.url, names);
    rt = undefined;
    names = uniqueNames(`rt_slots_${store.name}`);
  });

  /** A runtime whose completion writes wait for `held` to open; `writes` counts those asked for, `landed` those done. */
  async function withHeldCompletions() {
    rt = await createRuntime({ store: store.url, ...names, logger: silentLogger });
    const held = gate();
    release = held.open;
    const state = { writes: 0, landed: 0 };
    const original = rt.store.query.bind(rt.store);
    rt.store.query = (async (text: string, params?: unknown[]) => {
      if (/^\s*WITH done AS/.test(text)) {
        state.writes++;
        await held.promise;
        const result = await original(text, params);
        state.landed++;
        return result;
      }
      return original(text, params);
    }) as typeof rt.store.query;
    return { rt, held, state };
  }

  it('starts the next job while the last one\'s completion is still being written; completed only once written', async () => {
    const { rt, held } = await withHeldCompletions();
    const started: number[] = [];
    const task = rt.simpleTask({ name: 'slots.one' }, async (_ctx, n: number) => {
      started.push(n);
      return { n };
    });
    const first = await task.enqueue([1]);
    await rt.work({ concurrency: 1, pollIntervalMs: 50 });
    await waitFor(() => started.includes(1), 'the first body to run');
    const second = await task.enqueue([2]);
    // The first completion is held, yet the only slot runs the second job.
    await waitFor(() => started.includes(2), 'the second body to run while the first write is held');
    expect((await rt.jobs.get(first.job_id))!.status).toBe('running');
    held.open();
    const done = await waitFor(async () => {
      const r = await rt.jobs.get(first.job_id);
      return r?.status === 'completed' ? r : undefined;
    }, 'the first job to be completed');
    expect(done).toMatchObject({ result: { n: 1 }, attempts: 1, lease_owner: null });
    expect(done.completed_at!.getTime()).toBeGreaterThanOrEqual(done.started_at!.getTime());
    await waitFor(async () => (await rt.jobs.get(second.job_id))?.status === 'completed', 'the second job to be completed');
  });

  it('bounds the writes pending: with concurrency 1 and completions held, a third body waits', async () => {
    const { rt, held, state } = await withHeldCompletions();
    let ran = 0;
    const task = rt.simpleTask({ name: 'slots.bounded' }, async () => ++ran);
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await task.enqueue([])).job_id);
    await rt.work({ concurrency: 1, pollIntervalMs: 50 });
    await waitFor(() => ran >= 2 && state.writes >= 1, 'two bodies run and their writes asked for');
    // Two completions pending (twice the concurrency; in one batch or two): the worker fetches
    // nothing more until they land.
    await new Promise((r) => setTimeout(r, 600));
    expect(ran).toBe(2);
    expect((await rt.jobs.list({ status: 'completed' })).length).toBe(0);
    held.open();
    await waitFor(async () => (await rt.jobs.list({ status: 'completed' })).length === 4, 'all four completed');
    expect(ran).toBe(4);
  });

  it('a graceful stop waits for the completion writes still pending', async () => {
    const { rt: runtime, held, state } = await withHeldCompletions();
    const task = runtime.simpleTask({ name: 'slots.stop' }, async () => 'ok');
    await task.enqueue([]);
    await runtime.work({ concurrency: 2, pollIntervalMs: 50 });
    await waitFor(() => state.writes >= 1, 'the completion write to be asked for');
    const closing = runtime.close({ graceMs: 10_000 });
    setTimeout(() => held.open(), 300);
    await closing;
    rt = undefined;
    expect(state.landed).toBe(1);
  });
});
