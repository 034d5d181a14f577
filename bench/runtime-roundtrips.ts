/**
 * `npx tsx bench/runtime-roundtrips.ts`: client statements (round trips) per completed job, split by
 * kind, counted by PostgreSQL itself (`pg_stat_statements`, top-level statements only, BEGIN and
 * COMMIT included), for the runtime and for bare pg-boss in the same shape as bench/runtime.ts.
 * Counts, not times: they do not depend on the machine's load (batch sizes do, a little).
 * Needs a server started with `shared_preload_libraries=pg_stat_statements`
 * (`BG_LINT_PG_PRELOAD=pg_stat_statements scripts/start-test-postgres.sh`).
 *   BG_LINT_TEST_DATABASE_URL=$(BG_LINT_PG_PRELOAD=pg_stat_statements scripts/start-test-postgres.sh) \
 *     npx tsx bench/runtime-roundtrips.ts   # BENCH_JOBS=2000 BENCH_CONCURRENCY=16 BENCH_IN_FLIGHT=16 BENCH_POOL=10
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { createRuntime, silentLogger } from '../src/runtime/index.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const PG_URL = process.env.BG_LINT_TEST_DATABASE_URL;
if (!PG_URL) throw new Error('BG_LINT_TEST_DATABASE_URL is required (a PostgreSQL server with pg_stat_statements)');

/**
 * Statement kinds, first match wins; the pattern runs on the normalised text pg_stat_statements keeps.
 * The foreign-key check pg-boss's job table makes on every insert is run by the server inside the
 * INSERT (a trigger); pg_stat_statements lists it apart, so it is shown but not counted as a round trip.
 */
const SERVER_SIDE = 'foreign-key check inside INSERT (server side)';
const KINDS: [string, RegExp][] = [
  [SERVER_SIDE, /FOR KEY SHARE OF x/],
  ['BEGIN', /^\s*begin/i],
  ['COMMIT', /^\s*commit/i],
  ['ROLLBACK', /^\s*rollback/i],
  ['enqueue: record + pg-boss job, one CTE', /^\s*WITH rec AS \(INSERT INTO/],
  ['fetch + claim: pg-boss fetch and records, one statement', /^\s*WITH fetched AS \(/],
  ['claim: records pending → running', /FROM unnest\(\$1::uuid\[\]/],
  ['completion: records + pg-boss complete', /^\s*WITH done AS \(UPDATE/],
  ['pg-boss fetch: created → active', /^\s*WITH next AS[\s\S]*SKIP LOCKED/],
  ['pg-boss send', /^\s*INSERT INTO \S+\.job_common/],
  ['pg-boss complete', /SET completed_on = now\(\)/],
  ['pg-boss queue cache', /^\s*SELECT q\.name, q\.policy/],
  ['lease renewal', /SET lease_expires_at = now\(\) \+ \$3/],
];

/** Whitespace folded first: pg-boss writes its SQL over many indented lines. */
const kindOf = (query: string) => KINDS.find(([, re]) => re.test(query.replace(/\s+/g, ' ')))?.[0] ?? 'other';

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function inFlight(n: number, width: number, send: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await send(next++);
  }));
}

async function waitUntil(check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Counts the statements `body` causes, by kind, over every database user and connection. */
async function counted(label: string, body: () => Promise<void>): Promise<void> {
  await sql('SELECT pg_stat_statements_reset()');
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  await body();
  const [wallMs, cpu] = [performance.now() - t0, process.cpuUsage(cpu0)];
  const rows = await sql<{ query: string; calls: string; ms: number; rows: string }>(
    `SELECT query, calls, total_exec_time AS ms, rows FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'`,
  );
  const byKind = new Map<string, { calls: number; ms: number; rows: number }>();
  for (const r of rows) {
    const k = byKind.get(kindOf(r.query)) ?? { calls: 0, ms: 0, rows: 0 };
    byKind.set(kindOf(r.query), { calls: k.calls + Number(r.calls), ms: k.ms + r.ms, rows: k.rows + Number(r.rows) });
  }
  const trips = [...byKind].filter(([k]) => k !== SERVER_SIDE).reduce((a, [, v]) => a + v.calls, 0);
  const ms = [...byKind].reduce((a, [, v]) => a + v.ms, 0);
  console.log(`\n${label}: ${trips} round trips for ${JOBS} jobs = ${(trips / JOBS).toFixed(3)} per job; server execution ${ms.toFixed(0)} ms`);
  console.log(`  wall ${wallMs.toFixed(0)} ms (${Math.round((JOBS / wallMs) * 1000)} jobs/s); this process's CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
  console.log(`  ${'kind'.padEnd(46)} ${'calls'.padStart(6)} ${'per job'.padStart(8)} ${'rows/call'.padStart(9)} ${'exec ms'.padStart(8)} ${'ms/call'.padStart(8)}`);
  for (const [kind, v] of [...byKind].sort((a, b) => b[1].calls - a[1].calls)) {
    console.log(
      `  ${kind.padEnd(46)} ${String(v.calls).padStart(6)} ${(v.calls / JOBS).toFixed(3).padStart(8)} ${(v.rows / v.calls).toFixed(1).padStart(9)} ` +
        `${v.ms.toFixed(0).padStart(8)} ${(v.ms / v.calls).toFixed(3).padStart(8)}`,
    );
  }
  if (process.env.BENCH_SHOW_OTHER) {
    for (const r of rows.filter((r) => kindOf(r.query) === 'other')) console.log(`  other ×${r.calls}: ${r.query.slice(0, 160).replace(/\s+/g, ' ')}`);
  }
}

try {
  await sql('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await sql('SELECT pg_stat_statements_reset()');
} catch (error) {
  throw new Error(
    `pg_stat_statements is not usable on this server (${(error as Error).message}); start one with ` +
      'BG_LINT_PG_PRELOAD=pg_stat_statements scripts/start-test-postgres.sh',
  );
}
// Top-level statements only: what the clients sent, not what functions run inside them.
await sql(`ALTER SYSTEM SET pg_stat_statements.track = 'top'`);
await sql('SELECT pg_reload_conf()');

const id = randomUUID().slice(0, 8);
const POOL = process.env.BENCH_POOL ? Number(process.env.BENCH_POOL) : undefined;
const rt = await createRuntime({ store: PG_URL, table: `rt_${id}_jobs`, bossSchema: `rt_${id}_boss`, logger: silentLogger, poolSize: POOL });
let done = 0;
const noop = rt.simpleTask({ name: 'bench.noop' }, async (ctx) => {
  done++;
  return ctx.successResult();
});
await counted('bg-lint runtime, end to end', async () => {
  await rt.work({ concurrency: CONCURRENCY, pollIntervalMs: 50 });
  const t0 = performance.now();
  await inFlight(JOBS, IN_FLIGHT, () => noop.enqueue([], { triggeredBy: 'scheduled' }));
  const enqueued = done;
  const t1 = performance.now();
  await waitUntil(() => done >= JOBS);
  console.log(`\n(runtime: all enqueued after ${(t1 - t0).toFixed(0)} ms with ${enqueued} done; the rest drained in ${(performance.now() - t1).toFixed(0)} ms)`);
  await rt.close();
});

const schema = `rt_${id}_bare`;
const boss = new PgBoss({ connectionString: PG_URL, schema, schedule: false, max: 4 });
boss.on('error', () => undefined);
await boss.start();
await boss.createQueue('bench', { retryLimit: 0 });
let bareDone = 0;
await counted('bare pg-boss (send + work batch 50), end to end', async () => {
  await boss.work('bench', { batchSize: 50, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    bareDone += jobs.length;
  });
  const t0 = performance.now();
  await inFlight(JOBS, IN_FLIGHT, (i) => boss.send('bench', { i }));
  const enqueued = bareDone;
  const t1 = performance.now();
  await waitUntil(() => bareDone >= JOBS);
  console.log(`\n(pg-boss: all sent after ${(t1 - t0).toFixed(0)} ms with ${enqueued} done; the rest drained in ${(performance.now() - t1).toFixed(0)} ms)`);
  await boss.stop({ graceful: true, close: true });
});

await sql(`DROP SCHEMA IF EXISTS "rt_${id}_boss" CASCADE`);
await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
await sql(`DROP TABLE IF EXISTS "rt_${id}_jobs", "rt_${id}_jobs_migrations"`);
console.log(`\n${JOBS} no-op jobs, worker concurrency ${CONCURRENCY}, ${IN_FLIGHT} enqueues in flight, Node ${process.version}.`);
