/**
 * `npm run bench:runtime`: jobs per second through the runtime's full lifecycle (record + pg-boss
 * job, claim, run, completion + pg-boss settle) beside bare pg-boss (send + work, no record) on the
 * same store, in the same run: end to end (workers started first, enqueues IN_FLIGHT at a time) and
 * bulk enqueue (`enqueueMany` against pg-boss `insert`). PGlite always; PostgreSQL when
 * BG_LINT_TEST_DATABASE_URL is set. Not part of the tests (speed is never asserted).
 *   BENCH_JOBS=2000 BENCH_CONCURRENCY=16 BENCH_IN_FLIGHT=16 npm run bench:runtime
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PgBoss, fromPglite } from 'pg-boss';
import { createRuntime, silentLogger } from '../src/runtime/index.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Enqueues in flight at once, as an HTTP server under load would have them. */
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const PG_URL = process.env.BG_LINT_TEST_DATABASE_URL;

interface Row {
  store: string;
  system: string;
  /** End to end: workers started first, then JOBS enqueued IN_FLIGHT at a time, until all completed. */
  endToEndPerSec: number;
  /** Bulk enqueue of JOBS in one call. */
  bulkPerSec: number;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function waitUntil(check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Runs `send(i)` for i < n with `inFlight` calls outstanding at a time. */
async function inFlight(n: number, width: number, send: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await send(next++);
  }));
}

async function benchRuntime(storeName: string, store: string): Promise<Row> {
  const id = randomUUID().slice(0, 8);
  const rt = await createRuntime({ store, table: `bench_${id}_jobs`, bossSchema: `bench_${id}_boss`, logger: silentLogger });
  let done = 0;
  const noop = rt.simpleTask({ name: 'bench.noop' }, async (ctx) => {
    done++;
    return ctx.successResult();
  });
  await rt.work({ concurrency: CONCURRENCY, pollIntervalMs: 50 });
  const t0 = performance.now();
  await inFlight(JOBS, IN_FLIGHT, () => noop.enqueue([], { triggeredBy: 'scheduled' }));
  await waitUntil(async () => done >= JOBS && (await rt.jobs.active()).length === 0);
  const t1 = performance.now();
  await rt.close();
  // Bulk enqueue on a runtime without workers.
  const bulk = await createRuntime({ store, table: `bench_${id}_jobs`, bossSchema: `bench_${id}_boss`, logger: silentLogger });
  const bulkTask = bulk.simpleTask({ name: 'bench.noop' }, async (ctx) => ctx.successResult());
  const t2 = performance.now();
  await bulkTask.enqueueMany(Array.from({ length: JOBS }, () => ({ args: [] as [], triggeredBy: 'scheduled' })));
  const t3 = performance.now();
  await bulk.close();
  await dropIfPostgres(store, `bench_${id}_boss`, [`bench_${id}_jobs`, `bench_${id}_jobs_migrations`]);
  return { store: storeName, system: 'bg-lint runtime', endToEndPerSec: rate(JOBS, t1 - t0), bulkPerSec: rate(JOBS, t3 - t2) };
}

async function benchBareBoss(storeName: string, store: string): Promise<Row> {
  const schema = `bench_${randomUUID().slice(0, 8)}_bare`;
  const pglite = store.startsWith('pglite') ? new PGlite() : undefined;
  const boss = pglite
    ? new PgBoss({ db: fromPglite(pglite), backend: 'pglite', schema, schedule: false })
    : new PgBoss({ connectionString: store, schema, schedule: false, max: 4 });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue('bench', { retryLimit: 0 });
  let done = 0;
  // pg-boss's fastest plain setup: batches of 50, fetching again at once while batches come back full.
  await boss.work('bench', { batchSize: 50, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    done += jobs.length;
  });
  const t0 = performance.now();
  await inFlight(JOBS, IN_FLIGHT, (i) => boss.send('bench', { i }));
  await waitUntil(() => done >= JOBS);
  const t1 = performance.now();
  await boss.createQueue('bulk', { retryLimit: 0 });
  const t2 = performance.now();
  await boss.insert('bulk', Array.from({ length: JOBS }, (_, i) => ({ data: { i } })));
  const t3 = performance.now();
  await boss.stop({ graceful: false, close: true });
  await pglite?.close();
  await dropIfPostgres(store, schema, []);
  return { store: storeName, system: 'bare pg-boss (send + work batch 50; insert)', endToEndPerSec: rate(JOBS, t1 - t0), bulkPerSec: rate(JOBS, t3 - t2) };
}

async function dropIfPostgres(store: string, schema: string, tables: string[]) {
  if (!store.startsWith('postgres')) return;
  const client = new pg.Client({ connectionString: store });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  for (const t of tables) await client.query(`DROP TABLE IF EXISTS "${t}"`);
  await client.end();
}

const rows: Row[] = [];
const stores: [string, string][] = [['PGlite (in-memory)', 'pglite:memory']];
if (PG_URL) stores.push(['PostgreSQL', PG_URL]);
else console.log('BG_LINT_TEST_DATABASE_URL not set: PostgreSQL skipped');
for (const [name, url] of stores) {
  console.log(`benchmarking ${name}: ${JOBS} jobs, concurrency ${CONCURRENCY}…`);
  rows.push(await benchRuntime(name, url));
  rows.push(await benchBareBoss(name, url));
}

const header = ['store', 'system', 'end-to-end jobs/s', 'bulk enqueue jobs/s'];
const table = [header, ...rows.map((r) => [r.store, r.system, String(r.endToEndPerSec), String(r.bulkPerSec)])];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log();
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
for (let i = 0; i + 1 < rows.length; i += 2) {
  const [runtime, bare] = [rows[i]!, rows[i + 1]!];
  console.log(
    `${runtime.store}: bare pg-boss / runtime = ${(bare.endToEndPerSec / runtime.endToEndPerSec).toFixed(2)} end to end, ` +
      `${(bare.bulkPerSec / runtime.bulkPerSec).toFixed(2)} bulk`,
  );
}
console.log(`\n${JOBS} no-op jobs, worker concurrency ${CONCURRENCY}, ${IN_FLIGHT} enqueues in flight, Node ${process.version}.`);
