/**
 * Issue 11, item 1: a dropped database connection never kills the process. A worker process runs
 * jobs that hold sessions while every one of its backends is terminated, or while the server
 * restarts: the process lives, every job completes (a run whose connection died is retried by its
 * policy), none is left running or pending, and no job ever runs twice at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime, silentLogger, type Runtime } from '../../src/runtime/index.js';
import { registerResilienceTasks } from './helpers/resilience-tasks.js';
import { startOwnServer, type OwnServer } from './helpers/servers.js';
import { PG_URL, dropNames, uniqueNames, waitFor } from './helpers/stores.js';

const WORKER = fileURLToPath(new URL('./helpers/resilience-proc.ts', import.meta.url));
const FINAL = ['completed', 'failed', 'completed_with_warnings'];

interface RunLine {
  run: 'start' | 'end';
  job: string;
  attempt: number;
  t: number;
}

interface Worker {
  child: ChildProcess;
  runs: RunLine[];
  stderr: () => string;
}

function startWorker(url: string, names: { table: string; bossSchema: string }, concurrency: number): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, names.table, names.bossSchema, String(concurrency)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const runs: RunLine[] = [];
  let err = '';
  let buffered = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const parsed = JSON.parse(line) as RunLine & { ready?: boolean };
        if (parsed.ready) resolve({ child, runs, stderr: () => err });
        else runs.push(parsed);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${err}`)));
  });
}

/**
 * Every run of a job starts after the previous run ended, and every started run ended. "Previous"
 * is the previous run that started, not attempt − 1: an attempt whose session could not be opened
 * (its connection was just terminated) fails before the body, so it prints no line, and the
 * numbers skip (CI saw runs 1 and 3 of one job).
 */
function expectNoOverlap(runs: RunLine[], ids: string[]) {
  for (const id of ids) {
    const mine = runs.filter((r) => r.job === id);
    const starts = mine.filter((r) => r.run === 'start').sort((a, b) => a.attempt - b.attempt);
    const ends = mine.filter((r) => r.run === 'end');
    expect(starts.length).toBeGreaterThan(0);
    expect(ends.length).toBe(starts.length);
    expect(new Set(starts.map((s) => s.attempt)).size, `each attempt of ${id} ran once`).toBe(starts.length);
    for (let i = 1; i < starts.length; i++) {
      const previous = starts[i - 1]!.attempt;
      const previousEnd = ends.find((e) => e.attempt === previous);
      expect(previousEnd, `run ${previous} of ${id} ended`).toBeDefined();
      expect(starts[i]!.t).toBeGreaterThanOrEqual(previousEnd!.t);
    }
  }
}

async function allFinished(rt: Runtime, ids: string[], worker: Worker, timeoutMs: number) {
  return waitFor(
    async () => {
      // A dead worker would leave the jobs for ever: fail now, with what it printed.
      if (worker.child.exitCode !== null) throw new Error(`the worker process died (${worker.child.exitCode}): ${worker.stderr()}`);
      const records = await Promise.all(ids.map((id) => rt.jobs.get(id).catch(() => null)));
      return records.every((r) => r && FINAL.includes(r.status)) ? records.map((r) => r!) : undefined;
    },
    'every job to finish',
    timeoutMs,
  );
}

async function stopWorker(worker: Worker) {
  if (worker.child.exitCode !== null) return;
  worker.child.kill('SIGTERM');
  await new Promise((r) => worker.child.once('exit', r));
}

describe.skipIf(!PG_URL)('a dropped connection', () => {
  const names = uniqueNames('rt_conn');
  const appName = `bg_conn_${names.table.split('_')[2]}`;
  let rt: Runtime | undefined;
  let worker: Worker | undefined;

  afterAll(async () => {
    if (worker) await stopWorker(worker);
    await rt?.close();
    await dropNames(PG_URL, names);
  });

  // Once (1 run in 4 under load) this died of an unhandled 'error' on a pg Client: a FATAL parsed
  // while a pooled connection changed hands. connection-gap.test.ts pins that race down; no retry here.
  it('terminating every backend of a worker while 30 jobs run: the process lives, all 30 complete, none stuck', { timeout: 150_000 }, async () => {
    rt = await createRuntime({ store: PG_URL, ...names, heartbeatSeconds: 1, logger: silentLogger });
    registerResilienceTasks(rt);
    const workerUrl = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}application_name=${appName}`;
    worker = await startWorker(workerUrl, names, 8);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await rt.enqueue('res.hold', [600])).job_id);

    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    let terminated = 0;
    try {
      for (let round = 0; round < 3; round++) {
        await waitFor(async () => (await rt!.jobs.list({ status: 'running' })).length > 0, 'jobs to run');
        const { rows } = await admin.query<{ ok: boolean }>(
          'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
          [appName],
        );
        terminated += rows.filter((r) => r.ok).length;
        await new Promise((r) => setTimeout(r, 700));
      }
    } finally {
      await admin.end();
    }
    expect(terminated).toBeGreaterThan(3);

    const records = await allFinished(rt, ids, worker, 90_000);
    expect(worker.child.exitCode, worker.stderr()).toBeNull();
    expect(records.map((r) => r.status)).toEqual(ids.map(() => 'completed'));
    // Some runs lost their connection and were retried: the terminations did reach tasks.
    expect(records.some((r) => r.attempts > 1)).toBe(true);
    expect(await rt.jobs.active()).toEqual([]);
    expectNoOverlap(worker.runs, ids);
  });
});

describe.skipIf(!PG_URL)('a server restart mid-load', () => {
  const names = uniqueNames('rt_restart');
  let server: OwnServer | undefined;
  let rt: Runtime | undefined;
  let worker: Worker | undefined;

  afterAll(async () => {
    if (worker) await stopWorker(worker);
    await rt?.close();
    server?.stop();
  });

  it('pg_ctl restart while jobs run: every job completes, none twice at once, the worker lives', async () => {
    // Its own throwaway server (port 54345 or the next free one): the suite's shared server is never restarted.
    server = await startOwnServer(54345);
    rt = await createRuntime({ store: server.url, ...names, heartbeatSeconds: 1, logger: silentLogger });
    registerResilienceTasks(rt);
    worker = await startWorker(server.url, names, 8);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await rt.enqueue('res.hold', [600])).job_id);
    await waitFor(async () => (await rt!.jobs.list({ status: 'completed' })).length >= 4, 'a few jobs done');

    server.restart();

    // The test's own runtime lost its connections too: it must keep working after the restart.
    for (let i = 0; i < 10; i++) {
      ids.push(
        (
          await waitFor(() => rt!.enqueue('res.hold', [300]).catch(() => undefined), 'enqueue after the restart')
        ).job_id,
      );
    }
    const records = await allFinished(rt, ids, worker, 100_000);
    expect(worker.child.exitCode, worker.stderr()).toBeNull();
    expect(records.map((r) => r.status)).toEqual(ids.map(() => 'completed'));
    expect(await rt.jobs.active()).toEqual([]);
    expectNoOverlap(worker.runs, ids);
  });
});

describe.skipIf(PG_URL)('a dropped connection', () => {
  it.skip('needs BG_LINT_TEST_DATABASE_URL (terminated backends, server restart)', () => undefined);
});
