/**
 * The runtime suite: the same tests on embedded PGlite and on a real PostgreSQL server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DEDUPLICATED_MESSAGE,
  JOB_RECORD_COLUMNS,
  ModelValidationError,
  QUEUED_MESSAGE,
  TaskConfigurationError,
  TaskValidationError,
  createRuntime,
  type JobRecord,
  type LogEntry,
  type Runtime,
  type Task,
  type SessionHandle,
  type SqlSession,
} from '../../src/runtime/index.js';
import { bossDb } from '../../src/runtime/store.js';
import { STORES, dropNames, gate, uniqueNames, waitFor } from './helpers/stores.js';

interface RecordedHandle {
  queries: unknown[][];
  committed: boolean;
  rolledBack: boolean;
  closed: boolean;
  queriesAfterEnd: number;
}

const FINAL = ['completed', 'failed', 'completed_with_warnings'];

describe.each(STORES)('runtime on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const names = uniqueNames(`rt_${store.name}`);
  const side = `${names.table}_side`;
  const logs: LogEntry[] = [];
  const handles: RecordedHandle[] = [];
  let rt: Runtime;
  const hold = gate();
  let attemptsOfFlaky = 0;
  let add: Task<SqlSession, [number, number], unknown>;

  const bossJobOf = async (recordId: string) => {
    const jobs = await rt.boss.findJobs<{ record_id: string }>(`${names.table}.default`, { data: { record_id: recordId } });
    return jobs[0]?.id;
  };

  /** A task registered for one test, so what that test lists or counts are its own jobs. */
  let freshTasks = 0;
  const freshTask = () => {
    const name = `demo.own_${++freshTasks}`;
    rt.simpleTask({ name }, async (ctx) => ctx.successResult());
    return name;
  };

  const recordsWithKey = async (dedupKey: string) => {
    const { rows } = await rt.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${names.table}" WHERE dedup_key = $1`, [dedupKey]);
    return rows[0]!.n;
  };

  const finished = (id: string) =>
    waitFor(async () => {
      const r = await rt.jobs.get(id);
      return r && FINAL.includes(r.status) ? r : undefined;
    }, `job ${id} to finish`);

  beforeAll(async () => {
    let runtime: Runtime | undefined;
    rt = runtime = await createRuntime({
      store: store.url,
      ...names,
      heartbeatSeconds: 1,
      logger: (e) => void logs.push(e),
      random: () => 0.5,
      // The default factory (a transaction on the runtime's database), recorded so tests can see
      // what happened to each run's session.
      sessions: {
        async open(): Promise<SessionHandle<SqlSession>> {
          const inner = await runtime!.store.begin();
          const rec: RecordedHandle = { queries: [], committed: false, rolledBack: false, closed: false, queriesAfterEnd: 0 };
          handles.push(rec);
          return {
            session: {
              query: (text, params) => {
                rec.queries.push([text, ...(params ?? [])]);
                if (rec.committed || rec.rolledBack) rec.queriesAfterEnd++;
                return inner.session.query(text, params);
              },
            },
            commit: async () => {
              rec.committed = true;
              await inner.commit();
            },
            rollback: async () => {
              rec.rolledBack = true;
              await inner.rollback();
            },
            close: async () => {
              rec.closed = true;
              await inner.close();
            },
          };
        },
      },
    });
    await rt.store.query(`CREATE TABLE "${side}" (job_id uuid, note text)`);

    add = rt.dbTask({ name: 'demo.add' }, async (ctx, a: number, b: number) => {
      await ctx.session.query(`INSERT INTO "${side}" VALUES ($1, 'add')`, [ctx.jobId]);
      ctx.logSuccess('Added');
      return ctx.successResult({ sum: a + b });
    });
    rt.simpleTask({ name: 'demo.warn' }, async (ctx) => {
      ctx.logWarning('Two rows skipped', { skipped: 2 });
      return ctx.successResult();
    });
    rt.dbTask({ name: 'demo.write_then_fail', retryPolicy: 'standard' }, async (ctx) => {
      await ctx.session.query(`INSERT INTO "${side}" VALUES ($1, 'doomed')`, [ctx.jobId]);
      throw ctx.validationError('Bad input after a write');
    });
    rt.simpleTask(
      { name: 'demo.flaky', retryPolicy: { maxRetries: 2, initialDelaySeconds: 0, backoff: 'exponential' } },
      async (ctx, failTimes: number) => {
        attemptsOfFlaky++;
        if (ctx.attempt <= failTimes) throw new Error(`transient failure ${ctx.attempt}`);
        return ctx.successResult({ attempt: ctx.attempt });
      },
    );
    rt.simpleTask({ name: 'demo.hold', queue: 'high_priority' }, async (ctx) => {
      await hold.promise;
      return ctx.successResult();
    });
    rt.dbTask({ name: 'demo.progress' }, async (ctx, batches: number) => {
      // Holds ctx.session (PGlite's only connection) while reporting progress: must not deadlock.
      const stats = ctx.createStatsCounter();
      for await (const batch of ctx.iterBatches(Array.from({ length: batches * 2 }, (_, i) => i), 2)) {
        await ctx.session.query(`INSERT INTO "${side}" VALUES ($1, $2)`, [ctx.jobId, `batch ${batch.join(',')}`]);
        stats.increment('processed', batch.length);
        await ctx.logProgress(stats);
        await ctx.session.query('SELECT 1');
        await ctx.logProgress({ ...stats.toDict(), phase: 'between' });
        await ctx.commitBatch();
      }
      await ctx.logProgress({ ...stats.toDict(), phase: 'done' });
      return ctx.successResult(stats.toDict());
    });
    rt.dbTask({ name: 'demo.reads_jobs' }, async (ctx) => {
      await ctx.session.query('SELECT 1');
      return ctx.successResult({ seen: (await rt.jobs.get(ctx.jobId))?.status ?? null });
    });
    rt.simpleTask({ name: 'demo.validated', validateArgs: ([n]: [number]) => {
      if (typeof n !== 'number') throw new ModelValidationError('n must be a number', { field: 'args[0]' });
    } }, async (ctx, n: number) => ctx.successResult({ n }));

    await rt.work({ concurrency: 4, pollIntervalMs: 100 });
  });

  afterAll(async () => {
    hold.open();
    await rt?.close({ graceMs: 5000 });
    await dropNames(store.url, names, [side]);
  });

  it('enqueues: record and trigger response with exactly the spec\'s columns', async () => {
    const response = await rt.enqueue('demo.add', [1, 2], { triggeredBy: 'manual:alice', delaySeconds: 3600 });
    expect(response).toEqual({ job_id: expect.any(String), status: 'pending', message: QUEUED_MESSAGE });
    const record = (await rt.jobs.get(response.job_id))!;
    expect(Object.keys(record).sort()).toEqual([...JOB_RECORD_COLUMNS].sort());
    expect(record).toMatchObject({
      id: response.job_id, task: 'demo.add', queue: 'default', status: 'pending', args: [1, 2],
      triggered_by: 'manual:alice', attempts: 0, max_attempts: 4, started_at: null, completed_at: null,
    });
    expect(record.created_at).toBeInstanceOf(Date);
    expect(record.run_after.getTime()).toBeGreaterThan(record.created_at.getTime());
    await rt.jobs.cancel(response.job_id, 'manual:test');
  });

  it('runs a dbTask through the lifecycle and commits its session', async () => {
    const { job_id } = await rt.enqueue('demo.add', [2, 3], { triggeredBy: 'api:test' });
    const done = await finished(job_id);
    expect(done).toMatchObject({ status: 'completed', attempts: 1, error_message: null, lease_owner: null });
    expect(done.result).toEqual({ status: 'success', task_id: job_id, sum: 5 });
    expect(done.started_at).toBeInstanceOf(Date);
    expect(done.completed_at!.getTime()).toBeGreaterThanOrEqual(done.started_at!.getTime());
    const { rows } = await rt.store.query(`SELECT note FROM "${side}" WHERE job_id = $1`, [job_id]);
    expect(rows).toEqual([{ note: 'add' }]);
    const steps = logs.filter((l) => l.job_id === job_id).map((l) => l.message);
    expect(steps).toEqual(expect.arrayContaining(['Job queued', 'Job started', 'Added', 'Job completed']));
  });

  it('marks a run that logged warnings completed_with_warnings', async () => {
    const { job_id } = await rt.enqueue('demo.warn');
    const done = await finished(job_id);
    expect(done.status).toBe('completed_with_warnings');
    expect(done.warnings).toEqual([expect.objectContaining({ message: 'Two rows skipped', skipped: 2 })]);
  });

  it('writes a failure through a new session: the failed one is rolled back, the failure persists', async () => {
    const { job_id } = await rt.enqueue('demo.write_then_fail');
    const done = await finished(job_id);
    expect(done).toMatchObject({ status: 'failed', attempts: 1 });
    expect(done.error_message).toContain('Bad input after a write');
    expect(done.completed_at).toBeInstanceOf(Date);
    // The task's write was rolled back with its session...
    const { rows } = await rt.store.query(`SELECT * FROM "${side}" WHERE job_id = $1`, [job_id]);
    expect(rows).toEqual([]);
    // ...and that session was never used again: the failure went through another transaction.
    const handle = handles.find((h) => h.queries.some((q) => q.includes(job_id)))!;
    expect(handle).toMatchObject({ committed: false, rolledBack: true, closed: true, queriesAfterEnd: 0 });
    expect(handle.queries.every((q) => !String(q[0]).includes(names.table + '"'))).toBe(true);
  });

  it('retries retriable errors by the policy, back to pending, then completes', async () => {
    const { job_id } = await rt.enqueue('demo.flaky', [2]);
    const done = await finished(job_id);
    expect(done).toMatchObject({ status: 'completed', attempts: 3, max_attempts: 3, error_message: null });
    const retries = logs.filter((l) => l.job_id === job_id && l.message === 'Job failed, will retry');
    expect(retries.map((l) => l.status)).toEqual(['pending', 'pending']);
  });

  it('fails when retries run out, keeping the last error', async () => {
    const { job_id } = await rt.enqueue('demo.flaky', [5]);
    const done = await finished(job_id);
    expect(done).toMatchObject({ status: 'failed', attempts: 3, max_attempts: 3 });
    expect(done.error_message).toContain('transient failure 3');
  });

  it('deduplicates while a job with the key is pending or running, then frees the key', async () => {
    const first = await rt.enqueue('demo.hold', [], { dedupKey: 'hold-1' });
    const second = await rt.enqueue('demo.hold', [], { dedupKey: 'hold-1' });
    expect(second).toEqual({ job_id: first.job_id, status: expect.stringMatching(/pending|running/), message: DEDUPLICATED_MESSAGE });
    await waitFor(async () => (await rt.jobs.get(first.job_id))?.status === 'running', 'hold to run');
    const third = await rt.enqueue('demo.hold', [], { dedupKey: 'hold-1' });
    expect(third).toMatchObject({ job_id: first.job_id, status: 'running' });
    expect((await rt.jobs.active('demo.hold')).map((j) => j.id)).toEqual([first.job_id]);
    hold.open();
    await finished(first.job_id);
    const fourth = await rt.enqueue('demo.hold', [], { dedupKey: 'hold-1' });
    expect(fourth.job_id).not.toBe(first.job_id);
    expect(fourth.message).toBe(QUEUED_MESSAGE);
    await finished(fourth.job_id);
  });

  it('enqueueMany: one call, responses in order, dedup respected (an active holder, a key repeated in the batch)', async () => {
    const holder = await rt.enqueue('demo.add', [0, 0], { dedupKey: 'bulk-held', delaySeconds: 3600 });
    const responses = await add.enqueueMany([
      { args: [1, 2] },
      { args: [3, 4], dedupKey: 'bulk-held' },
      { args: [5, 6], dedupKey: 'bulk-twice', triggeredBy: 'api:bulk' },
      { args: [7, 8], dedupKey: 'bulk-twice' },
    ]);
    expect(responses.map((r) => r.message)).toEqual([QUEUED_MESSAGE, DEDUPLICATED_MESSAGE, QUEUED_MESSAGE, DEDUPLICATED_MESSAGE]);
    expect(responses[1]!.job_id).toBe(holder.job_id);
    expect(responses[3]!.job_id).toBe(responses[2]!.job_id);
    // The new ones run through the lifecycle: their pg-boss jobs were sent with the records.
    expect((await finished(responses[0]!.job_id)).result).toMatchObject({ sum: 3 });
    const twice = await finished(responses[2]!.job_id);
    expect(twice).toMatchObject({ result: { sum: 11 }, triggered_by: 'api:bulk', dedup_key: 'bulk-twice' });
    await rt.jobs.cancel(holder.job_id);
    // All or nothing: one invalid job refuses the call before anything is written (the valid one's
    // key finds no record).
    await expect(
      add.enqueueMany([{ args: [1, 1], dedupKey: 'bulk-refused' }, { args: [1, 1], triggeredBy: 'nobody' }]),
    ).rejects.toThrow(ModelValidationError);
    expect(await recordsWithKey('bulk-refused')).toBe(0);
    expect(await recordsWithKey('bulk-twice')).toBe(1);
  });

  it('a simple job end to end takes no transaction: enqueue, claim and completion are one statement each', async () => {
    // Who opened a transaction, but the reaper (it runs on its own every half heartbeat).
    const opened: string[] = [];
    const note = () => {
      const stack = new Error().stack ?? '';
      if (!stack.includes('reapExpired')) opened.push(stack);
    };
    const originalBegin = rt.store.begin.bind(rt.store);
    const originalTransaction = rt.store.transaction.bind(rt.store);
    const begin = vi.spyOn(rt.store, 'begin').mockImplementation(() => (note(), originalBegin()));
    const transaction = vi.spyOn(rt.store, 'transaction').mockImplementation((fn) => (note(), originalTransaction(fn)));
    try {
      const { job_id } = await rt.enqueue('demo.flaky', [0]);
      expect(await finished(job_id)).toMatchObject({ status: 'completed', attempts: 1 });
      // Both pg-boss statements (send, complete) were folded into the runtime's own.
      expect(await rt.boss.getJobById(`${names.table}.default`, (await bossJobOf(job_id))!)).toMatchObject({ state: 'completed' });
      expect(opened).toEqual([]);
    } finally {
      begin.mockRestore();
      transaction.mockRestore();
    }
  });

  it('enqueues atomically: no record when the pg-boss send fails', async () => {
    const spy = vi.spyOn(rt.boss, 'send').mockRejectedValueOnce(new Error('send failed'));
    await expect(rt.enqueue('demo.add', [0, 0], { dedupKey: 'atomic-1' })).rejects.toThrow('send failed');
    spy.mockRestore();
    expect(await recordsWithKey('atomic-1')).toBe(0);
    // The same call without the failure does write one: the count above could see it.
    await rt.enqueue('demo.add', [0, 0], { dedupKey: 'atomic-1', delaySeconds: 3600 });
    expect(await recordsWithKey('atomic-1')).toBe(1);
  });

  it('enqueues atomically inside a caller\'s transaction: a rollback removes record and pg-boss job', async () => {
    const handle = await rt.store.begin();
    const { job_id } = await rt.enqueue('demo.add', [0, 1], { session: handle.session, delaySeconds: 3600 });
    expect(await handle.session.query(`SELECT id FROM "${names.table}" WHERE id = $1`, [job_id]).then((r) => r.rows)).toHaveLength(1);
    const inTx = await rt.boss.findJobs(`${names.table}.default`, { data: { record_id: job_id }, db: bossDb(handle.session) });
    expect(inTx).toHaveLength(1);
    await handle.rollback();
    await handle.close();
    expect(await rt.jobs.get(job_id)).toBeNull();
    expect(await rt.boss.findJobs(`${names.table}.default`, { data: { record_id: job_id } })).toEqual([]);
  });

  it('holding ctx.session while logging progress does not deadlock; progress is persisted', async () => {
    const { job_id } = await rt.enqueue('demo.progress', [3]);
    const done = await finished(job_id);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ processed: 6, phase: 'done' });
    expect(done.result).toMatchObject({ processed: 6 });
    const { rows } = await rt.store.query(`SELECT count(*)::int AS n FROM "${side}" WHERE job_id = $1`, [job_id]);
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('a runtime read from inside an open session: works on PostgreSQL, a clear error on PGlite', async () => {
    const { job_id } = await rt.enqueue('demo.reads_jobs', [], { dedupKey: undefined });
    const done = await finished(job_id);
    if (store.name === 'pglite') {
      expect(done.status).toBe('failed');
      expect(done.error_message).toContain(TaskConfigurationError.name);
      expect(done.error_message).toContain('single connection');
    } else {
      expect(done).toMatchObject({ status: 'completed', result: expect.objectContaining({ seen: 'running' }) });
    }
  });

  it('runNow runs one try synchronously through the real lifecycle', async () => {
    const record = await rt.runNow('demo.add', [20, 22], { triggeredBy: 'manual:test' });
    expect(record).toMatchObject({ status: 'completed', attempts: 1, result: expect.objectContaining({ sum: 42 }) });
  });

  it('takes back a job whose worker stopped heartbeating and retries it', async () => {
    // demo.flaky's policy retries at once (initialDelaySeconds 0), so the retry runs right away.
    const { job_id } = await rt.enqueue('demo.flaky', [0], { delaySeconds: 3600 });
    // Simulate a worker on another host that claimed the job and died.
    await rt.store.transaction(async (tx) => {
      await tx.query(
        `UPDATE "${names.table}" SET status = 'running', attempts = 1, started_at = now(), lease_owner = 'ghost:1:dead',
                lease_expires_at = now() - interval '1 second' WHERE id = $1`,
        [job_id],
      );
      await rt.boss.fail(`${names.table}.default`, (await rt.boss.findJobs(`${names.table}.default`, { data: { record_id: job_id }, db: bossDb(tx) }))[0]!.id, {}, { db: bossDb(tx) });
    });
    const done = await finished(job_id);
    expect(done).toMatchObject({ status: 'completed', attempts: 2, result: expect.objectContaining({ attempt: 2 }) });
    expect(logs.some((l) => l.job_id === job_id && l.message === 'Job taken back, will retry' && l.lost_worker === 'ghost:1:dead')).toBe(true);
  });

  it('validates enqueue input as ModelValidationError', async () => {
    await expect(rt.enqueue('demo.validated', ['x'])).rejects.toBeInstanceOf(ModelValidationError);
    await expect(rt.enqueue('demo.add', [1], { triggeredBy: 'somebody' })).rejects.toBeInstanceOf(ModelValidationError);
    await expect(rt.enqueue('demo.nope')).rejects.toMatchObject({ httpStatus: 404 });
    // Values PostgreSQL cannot store are refused before SQL, in code as over HTTP.
    await expect(rt.enqueue('demo.add', [1, 'a\u0000b'])).rejects.toMatchObject({ httpStatus: 422, details: { field: 'args', path: 'args[1]' } });
    await expect(rt.enqueue('demo.add', [1, Infinity])).rejects.toMatchObject({ httpStatus: 422, details: { path: 'args[1]' } });
    await expect(rt.enqueue('demo.add', [1, 2], { dedupKey: '\ud800' })).rejects.toMatchObject({ httpStatus: 422, details: { field: 'dedup_key' } });
    await expect(rt.enqueue('demo.add', [1, 2], { triggeredBy: 'manual:a\u0000' })).rejects.toBeInstanceOf(ModelValidationError);
    expect(() => rt.simpleTask({ name: 'demo.add' }, async () => 1)).toThrow(TaskConfigurationError);
  });

  it('lists the registry and filters jobs', async () => {
    expect(rt.registry.names()).toEqual(expect.arrayContaining(['demo.add', 'demo.flaky', 'demo.progress']));
    expect(rt.registry.list().find((t) => t.name === 'demo.hold')).toMatchObject({ kind: 'simple', queue: 'high_priority' });
    // This test's own task and jobs: three pending (delayed), one of them cancelled (failed).
    const task = freshTask();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await rt.enqueue(task, [], { delaySeconds: 3600 })).job_id);
    await rt.jobs.cancel(ids[0]!);
    const failed = await rt.jobs.list({ status: 'failed', task });
    expect(failed.map((j) => j.id)).toEqual([ids[0]]);
    const pending = await rt.jobs.list({ status: 'pending', task });
    expect(pending.map((j) => j.id).sort()).toEqual([ids[1], ids[2]].sort());
    const newest = await rt.jobs.list({ task, since: new Date(Date.now() - 3600_000), limit: 2 });
    expect(newest).toHaveLength(2);
    expect(newest.every((j) => j.task === task)).toBe(true);
    expect(await rt.jobs.list({ task, since: new Date(Date.now() + 3600_000) })).toEqual([]);
    for (const id of ids.slice(1)) await rt.jobs.cancel(id);
  });

  describe('HTTP', () => {
    const call = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
      const res = await rt.fetch(new Request(`http://app.test${path}`, { method, ...init }));
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null, headers: res.headers };
    };
    const post = (task: string, body: unknown) =>
      call('POST', `/jobs/${task}`, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    it('POST /jobs/:task → 202 trigger response', async () => {
      const res = await post('demo.add', { args: [4, 5], dedup_key: 'http-add-1' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ job_id: expect.any(String), status: 'pending', message: 'Task queued successfully' });
      const done = await finished(res.body!.job_id);
      expect(done).toMatchObject({ triggered_by: 'api:anonymous', dedup_key: 'http-add-1', status: 'completed' });
    });

    it('POST with no body uses defaults', async () => {
      const res = await call('POST', '/jobs/demo.warn');
      expect(res.status).toBe(202);
      expect((await finished(res.body!.job_id)).triggered_by).toBe('api:anonymous');
    });

    it.each([
      ['unknown task', 'demo.nope', { args: [] }, 404],
      ['malformed JSON', 'demo.add', '{"args": [1,', 400],
      ['body not an object', 'demo.add', '[1, 2]', 400],
      ['args not an array', 'demo.add', { args: 'x' }, 400],
      ['args refused by the task (ModelValidationError)', 'demo.validated', { args: ['x'] }, 422],
    ])('POST: %s', async (_case, task, body, status) => {
      const res = await post(task, body);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    });

    it('GET /jobs/:id → 200 record with snake_case columns, 404 unknown or malformed', async () => {
      const { job_id } = await rt.enqueue('demo.add', [1, 1]);
      await finished(job_id);
      const res = await call('GET', `/jobs/${job_id}`);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body!).sort()).toEqual([...JOB_RECORD_COLUMNS].sort());
      expect(res.body).toMatchObject({ id: job_id, status: 'completed', created_at: expect.stringMatching(/Z$/) });
      expect((await call('GET', '/jobs/3f2b8c1e-5d4a-4b7c-9e8f-0a1b2c3d4e5f')).status).toBe(404);
      expect((await call('GET', '/jobs/not-a-uuid')).status).toBe(404);
    });

    it('GET /jobs?status=&task= → 200 filtered list, 400 bad filter', async () => {
      const task = freshTask();
      const done = await rt.enqueue(task);
      await finished(done.job_id);
      const cancelled = await rt.enqueue(task, [], { delaySeconds: 3600 });
      await rt.jobs.cancel(cancelled.job_id);
      const res = await call('GET', `/jobs?status=completed,completed_with_warnings&task=${task}&limit=5`);
      expect(res.status).toBe(200);
      expect(res.body!.jobs.map((j: JobRecord) => [j.id, j.task, j.status])).toEqual([[done.job_id, task, 'completed']]);
      expect((await call('GET', '/jobs?status=processing')).status).toBe(400);
      expect((await call('GET', '/jobs?limit=0')).status).toBe(400);
      expect((await call('GET', '/jobs?since=yesterday')).status).toBe(400);
    });

    it('DELETE /jobs/:id requires X-RESOURCE-NAME: missing 400, different 409, running 409, match 200', async () => {
      const { job_id } = await rt.enqueue('demo.add', [1, 2]);
      await finished(job_id);
      expect((await call('DELETE', `/jobs/${job_id}`)).status).toBe(400);
      expect((await call('DELETE', `/jobs/${job_id}`, { headers: { 'X-RESOURCE-NAME': 'another-job' } })).status).toBe(409);
      const ok = await call('DELETE', `/jobs/${job_id}`, { headers: { 'x-resource-name': job_id } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ deleted: true, name: job_id });
      expect((await call('GET', `/jobs/${job_id}`)).status).toBe(404);
      expect((await call('DELETE', `/jobs/${job_id}`, { headers: { 'X-RESOURCE-NAME': job_id } })).status).toBe(404);
    });

    it('DELETE a running job → 409; cancel a running job → 409', async () => {
      const slow = gate();
      rt.simpleTask({ name: 'demo.http_hold', queue: 'high_priority' }, async (ctx) => {
        await slow.promise;
        return ctx.successResult();
      });
      const { job_id } = await rt.enqueue('demo.http_hold');
      await waitFor(async () => (await rt.jobs.get(job_id))?.status === 'running', 'job to run');
      const res = await call('DELETE', `/jobs/${job_id}`, { headers: { 'X-RESOURCE-NAME': job_id } });
      expect(res.status).toBe(409);
      expect((await call('POST', `/jobs/${job_id}/cancel`)).status).toBe(409);
      slow.open();
      await finished(job_id);
    });

    it('cancel: pending → failed (200), a final job → 422 ModelValidationError', async () => {
      const { job_id } = await rt.enqueue('demo.add', [1, 2], { delaySeconds: 3600 });
      const res = await call('POST', `/jobs/${job_id}/cancel`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'failed', error_message: 'Cancelled by api:anonymous' });
      const again = await call('POST', `/jobs/${job_id}/cancel`);
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ error: 'model_validation_error' });
      // A pending job can be deleted too (its pg-boss job is retired with it).
      const pending = await rt.enqueue('demo.add', [1, 2], { delaySeconds: 3600 });
      expect((await call('DELETE', `/jobs/${pending.job_id}`, { headers: { 'X-RESOURCE-NAME': pending.job_id } })).status).toBe(200);
    });

    it('405 for a wrong method, 404 for unknown routes, 200 GET /tasks', async () => {
      const res = await call('PUT', '/jobs/3f2b8c1e-5d4a-4b7c-9e8f-0a1b2c3d4e5f');
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST, DELETE');
      expect((await call('GET', '/nothing')).status).toBe(404);
      expect((await call('GET', '/jobs/a/b/c')).status).toBe(404);
      const tasks = await call('GET', '/tasks');
      expect(tasks.status).toBe(200);
      expect(tasks.body!.tasks.map((t: { name: string }) => t.name)).toContain('demo.add');
    });
  });

  it('never leaves a job running or pending once the work is done', async () => {
    const stuck = await waitFor(async () => {
      const active = (await rt.jobs.active()).filter((j) => j.run_after.getTime() < Date.now() + 60_000);
      return active.length === 0 ? true : undefined;
    }, 'no active jobs');
    expect(stuck).toBe(true);
    // The logs this reads are the file's own (every test above wrote some): none is a crash.
    expect(logs.filter((l) => l.message === 'Job completed').length).toBeGreaterThan(10);
    expect(logs.filter((l) => l.message === 'Job run crashed')).toEqual([]);
  });
});

it('rejects a failing task validation error as non-retriable (sanity)', () => {
  expect(new TaskValidationError('x').retriable).toBe(false);
});
