/**
 * `npm run bench:runtime`: jobs per second through the runtime's full lifecycle (record insert +
 * pg-boss send in one transaction, claim, run, completion + pg-boss settle in one transaction)
 * beside bare pg-boss (send + work, no record) on the same store and machine. PGlite always;
 * PostgreSQL when BG_LINT_TEST_DATABASE_URL is set. Not part of the tests.
 *   BENCH_JOBS=500 BENCH_CONCURRENCY=8 npm run bench:runtime
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PgBoss, fromPglite } from 'pg-boss';
import { createRuntime, silentLogger } from '../src/runtime/index.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PG_URL = process.env.BG_LINT_TEST_DATABASE_URL;

interface Row {
  store: string;
  system: string;
  enqueuePerSec: number;
  runPerSec: number;
  totalPerSec: number;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function waitUntil(check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function benchRuntime(storeName: string, store: string): Promise<Row> {
  const id = randomUUID().slice(0, 8);
  const rt = await createRuntime({ store, table: `bench_${id}_jobs`, bossSchema: `bench_${id}_boss`, logger: silentLogger });
  let done = 0;
  const noop = rt.simpleTask({ name: 'bench.noop' }, async (ctx) => {
    done++;
    return ctx.successResult();
  });
  const t0 = performance.now();
  for (let i = 0; i < JOBS; i++) await noop.enqueue([], { triggeredBy: 'scheduled' });
  const t1 = performance.now();
  await rt.work({ concurrency: CONCURRENCY, pollIntervalMs: 50 });
  await waitUntil(async () => done >= JOBS && (await rt.jobs.active()).length === 0);
  const t2 = performance.now();
  await rt.close();
  await dropIfPostgres(store, `bench_${id}_boss`, [`bench_${id}_jobs`, `bench_${id}_jobs_migrations`]);
  return { store: storeName, system: 'bg-lint runtime', enqueuePerSec: rate(JOBS, t1 - t0), runPerSec: rate(JOBS, t2 - t1), totalPerSec: rate(JOBS, t2 - t0) };
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
  const t0 = performance.now();
  for (let i = 0; i < JOBS; i++) await boss.send('bench', { i });
  const t1 = performance.now();
  // pg-boss's fastest plain setup: fetch CONCURRENCY at a time and keep fetching while batches come back full.
  await boss.work('bench', { batchSize: CONCURRENCY, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    done += jobs.length;
  });
  await waitUntil(() => done >= JOBS);
  const t2 = performance.now();
  await boss.stop({ graceful: false, close: true });
  await pglite?.close();
  await dropIfPostgres(store, schema, []);
  return { store: storeName, system: 'bare pg-boss (send + work, batch+burst)', enqueuePerSec: rate(JOBS, t1 - t0), runPerSec: rate(JOBS, t2 - t1), totalPerSec: rate(JOBS, t2 - t0) };
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

const header = ['store', 'system', 'enqueue jobs/s', 'run jobs/s', 'end-to-end jobs/s'];
const table = [header, ...rows.map((r) => [r.store, r.system, String(r.enqueuePerSec), String(r.runPerSec), String(r.totalPerSec)])];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log();
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
console.log(`\n${JOBS} jobs, concurrency ${CONCURRENCY}, Node ${process.version}; "run" = from worker start until all completed.`);
