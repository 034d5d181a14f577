/**
 * What only a server can show: several runtimes (processes) on one PostgreSQL. Dedup holds across
 * them, and a worker killed with SIGKILL mid-job leaves no job stuck in running nor run twice at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, silentLogger, type Runtime } from '../../src/runtime/index.js';
import { registerKillTasks } from './helpers/kill-tasks.js';
import { PG_URL, dropNames, uniqueNames, waitFor } from './helpers/stores.js';

const WORKER = fileURLToPath(new URL('./helpers/worker-proc.ts', import.meta.url));

describe.skipIf(!PG_URL)('on one PostgreSQL server', () => {
  const names = uniqueNames('rt_multi');
  const runsTable = `${names.table}_runs`;
  let a: Runtime;
  let b: Runtime;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    a = await createRuntime({ store: PG_URL, ...names, heartbeatSeconds: 2, logger: silentLogger });
    b = await createRuntime({ store: PG_URL, ...names, heartbeatSeconds: 2, logger: silentLogger });
    registerKillTasks(a);
    registerKillTasks(b);
    await a.store.query(`CREATE TABLE "${runsTable}" (
      run_id serial PRIMARY KEY, job_id uuid NOT NULL, attempt int NOT NULL, pid int NOT NULL,
      started_at timestamptz NOT NULL, ended_at timestamptz)`);
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await a?.close();
    await b?.close();
    await dropNames(PG_URL, names, [runsTable]);
  });

  it('dedups across two runtimes enqueuing the same key at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).enqueue('kill.slow', [1], { dedupKey: 'same-key', delaySeconds: 3600 })),
    );
    expect(new Set(responses.map((r) => r.job_id)).size).toBe(1);
    expect(responses.filter((r) => r.message === 'Task queued successfully')).toHaveLength(1);
    const [job] = await a.jobs.list({ task: 'kill.slow' });
    await b.jobs.cancel(job!.id);
  });

  function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, PG_URL!, names.table, names.bossSchema], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
      child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${err}`)));
    });
  }

  it('a SIGKILLed worker: every job ends completed or failed by its policy, none stuck, none run twice at once', async () => {
    const once = await a.enqueue('kill.once', [4000], { triggeredBy: 'manual:test' });
    const slow = [];
    for (let i = 0; i < 5; i++) slow.push(await a.enqueue('kill.slow', [2500], { triggeredBy: 'manual:test' }));
    const ids = [once.job_id, ...slow.map((s) => s.job_id)];

    const first = await startWorker();
    await waitFor(async () => {
      const running = await a.jobs.list({ status: 'running' });
      return running.length >= 3 && running.some((j) => j.id === once.job_id) ? true : undefined;
    }, 'three jobs running on the first worker');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const killedAt = (await a.store.query<{ t: Date }>('SELECT clock_timestamp() AS t')).rows[0]!.t;
    // Read after the exit, not before the kill: the worker may claim another job in between, and
    // with no worker left alive, every record still `running` is one the killed worker held.
    const killedRuns = await a.jobs.list({ status: 'running' });
    expect(killedRuns.length).toBeGreaterThanOrEqual(3);

    const second = await startWorker();
    const records = await waitFor(async () => {
      const all = await Promise.all(ids.map((id) => a.jobs.get(id)));
      return all.every((r) => r && ['completed', 'failed', 'completed_with_warnings'].includes(r.status)) ? all.map((r) => r!) : undefined;
    }, 'every job to finish', 60_000);

    // The no_retry job that died with the worker failed; everything else completed.
    const onceRecord = records.find((r) => r.id === once.job_id)!;
    expect(onceRecord).toMatchObject({ status: 'failed', attempts: 1 });
    expect(onceRecord.error_message).toMatch(/Worker lost/);
    for (const r of records.filter((r) => r.id !== once.job_id)) {
      expect(r.status).toBe('completed');
      const wasKilled = killedRuns.some((k) => k.id === r.id);
      expect(r.attempts).toBe(wasKilled ? 2 : 1);
    }
    expect(await a.jobs.list({ status: 'running' })).toEqual([]);

    // No job ever ran twice at once: runs of one job do not overlap (a killed run ends at the kill).
    const { rows: runs } = await a.store.query<{ job_id: string; attempt: number; started_at: Date; ended_at: Date | null }>(
      `SELECT job_id, attempt, started_at, ended_at FROM "${runsTable}" ORDER BY started_at`,
    );
    for (const id of ids) {
      const mine = runs.filter((r) => r.job_id === id);
      expect(mine.length).toBeGreaterThan(0);
      for (let i = 1; i < mine.length; i++) {
        const previousEnd = mine[i - 1]!.ended_at ?? killedAt;
        expect(mine[i]!.started_at.getTime()).toBeGreaterThanOrEqual(previousEnd.getTime());
        expect(mine[i]!.attempt).toBe(mine[i - 1]!.attempt + 1);
      }
    }
    // A run left open is one the kill cut short. (A killed job may have no run row at all: the
    // body records its run, and the kill can land between the claim and that insert.)
    const open = runs.filter((r) => r.ended_at === null);
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) expect(killedRuns.map((k) => k.id)).toContain(r.job_id);
    expect(new Set(open.map((r) => r.job_id)).size).toBe(open.length);

    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  });
});

describe.skipIf(PG_URL)('on one PostgreSQL server', () => {
  it.skip('needs BG_LINT_TEST_DATABASE_URL (dedup across runtimes, SIGKILLed worker)', () => undefined);
});
