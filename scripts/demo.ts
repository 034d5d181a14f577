/**
 * `npm run demo`: the runtime on its zero-setup default, an embedded PGlite database in
 * ./.bg-jobs (no server). Starts a worker, enqueues one job, and prints its record as it goes
 * pending → running → completed. It serves the job dashboard on loopback meanwhile and, in a
 * terminal, keeps serving it after the job until Ctrl-C. Not attached to a terminal (CI=true or
 * stdin not a TTY: scripts and tests run it) it closes once the job is done. Set BG_JOBS_STORE to
 * try another store, BG_DEMO_PORT to pick the dashboard's port (default 3100, 0 for any free one).
 */
import { listen } from '../src/runtime/dashboard/node-listen.js';
import { createRuntime, jsonLogger, type JobRecord } from '../src/runtime/index.js';

const store = process.env.BG_JOBS_STORE ?? 'pglite:./.bg-jobs';
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

console.log(`bg-lint runtime demo — store ${store}`);
const rt = await createRuntime({ store, heartbeatSeconds: 10, logger: jsonLogger('warning') });

const importProducts = rt.dbTask(
  { name: 'demo.import_products', queue: 'default', retryPolicy: 'standard', timeoutSeconds: 60 },
  async (ctx, count: number) => {
    ctx.logInfo('Importing products', { count });
    await ctx.session.query('CREATE TABLE IF NOT EXISTS demo_products (id serial PRIMARY KEY, name text NOT NULL)');
    const stats = ctx.createStatsCounter();
    const names = Array.from({ length: count }, (_, i) => `product-${i + 1}`);
    for await (const batch of ctx.iterBatches(names, 5)) {
      for (const name of batch) await ctx.session.query('INSERT INTO demo_products (name) VALUES ($1)', [name]);
      stats.increment('imported', batch.length);
      await ctx.commitBatch();
      await ctx.logProgress({ ...stats.toDict(), total: count });
      await new Promise((r) => setTimeout(r, 300)); // pretend each batch takes a while
    }
    ctx.logSuccess('Products imported', stats.toDict());
    return ctx.successResult(stats.toDict());
  },
);

const interactive = process.stdin.isTTY === true && process.env.CI !== 'true';
const server = await listen(rt.httpHandler({ basePath: '/api', dashboard: true, triggeredBy: () => 'manual:demo' }), {
  port: Number(process.env.BG_DEMO_PORT ?? 3100),
});
console.log(`dashboard: ${server.url}/api/dashboard`);

await rt.work({ queues: ['high_priority', 'default', 'low_priority'], concurrency: 2, pollIntervalMs: 200 });
const trigger = await importProducts.enqueue([20], { triggeredBy: 'manual:demo' });
console.log(`[${elapsed()}] enqueued →`, trigger);

const show = (r: JobRecord) => ({
  status: r.status,
  attempts: `${r.attempts}/${r.max_attempts}`,
  progress: r.progress,
  started_at: r.started_at?.toISOString() ?? null,
  completed_at: r.completed_at?.toISOString() ?? null,
  result: r.result,
  error_message: r.error_message,
});

let last = '';
let record: JobRecord | null = null;
const deadline = Date.now() + 120_000;
for (;;) {
  record = await rt.jobs.get(trigger.job_id);
  if (!record) throw new Error('the job record vanished');
  const now = JSON.stringify(show(record));
  if (now !== last) {
    console.log(`[${elapsed()}] ${record.status.padEnd(9)}`, show(record));
    last = now;
  }
  if (['completed', 'failed', 'completed_with_warnings'].includes(record.status)) break;
  if (Date.now() > deadline) throw new Error('the demo job did not finish in 2 minutes');
  await new Promise((r) => setTimeout(r, 100));
}

const response = await rt.fetch(new Request(`http://localhost/jobs/${trigger.job_id}`));
console.log(`[${elapsed()}] GET /jobs/${trigger.job_id} → ${response.status}`, await response.json());

const shutdown = async () => {
  await server.close();
  await rt.close();
  console.log(`[${elapsed()}] closed. The record stays in ${store} (rt.jobs.list() shows the history).`);
  process.exit(record.status === 'failed' ? 1 : 0);
};
if (interactive) {
  console.log(`[${elapsed()}] the dashboard stays at ${server.url}/api/dashboard — press Ctrl-C to stop`);
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
} else {
  await shutdown();
}
