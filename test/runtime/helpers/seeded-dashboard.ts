/**
 * A PGlite runtime with one job of each kind the dashboard must show: a completed one, a failed
 * one with its error, and a running one with progress (held open until `release`), served with
 * the dashboard on loopback. The browser tests and scripts/screenshots.ts both use it.
 */
import { createRuntime, silentLogger, type Runtime } from '../../../src/runtime/index.js';
import { listen } from '../../../src/runtime/dashboard/node-listen.js';

export interface SeededDashboard {
  rt: Runtime;
  /** Page URL: `http://127.0.0.1:<port>/api/dashboard`. */
  url: string;
  ids: { completed: string; warned: string; failed: string; running: string; pending: string };
  /** Lets the running job finish. */
  release(): void;
  close(): Promise<void>;
}

async function until<T>(check: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function seedDashboard(): Promise<SeededDashboard> {
  const rt = await createRuntime({ store: 'pglite:memory', logger: silentLogger, heartbeatSeconds: 5 });
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const importProducts = rt.simpleTask({ name: 'catalog.import_products', retryPolicy: 'no_retry' }, async (ctx, count: number) => {
    await ctx.logProgress({ imported: count, total: count });
    return ctx.successResult({ imported: count });
  });
  const syncPrices = rt.simpleTask({ name: 'prices.sync', retryPolicy: 'no_retry' }, async (ctx, supplier: string) => {
    ctx.logInfo('Syncing', { supplier });
    throw new Error(`Supplier ${supplier} answered 502 Bad Gateway`);
  });
  const exportOrders = rt.simpleTask({ name: 'orders.export', retryPolicy: 'standard', queue: 'low_priority' }, async (ctx, total: number) => {
    await ctx.logProgress({ exported: 40, total });
    await held;
    return ctx.successResult({ exported: total });
  });
  const resizeImages = rt.simpleTask({ name: 'images.resize', retryPolicy: 'no_retry' }, async (ctx, count: number) => {
    ctx.logWarning('3 images were too small to resize', { skipped: 3 });
    return ctx.successResult({ resized: count - 3 });
  });
  rt.simpleTask({ name: 'reports.nightly', retryPolicy: 'standard', queue: 'low_priority' }, async (ctx) => ctx.successResult({}));

  const completed = await rt.runNow(importProducts, [120], { triggeredBy: 'manual:alice' });
  // Two days old, so the time filter has something to leave out.
  await rt.store.query(
    `UPDATE bg_jobs SET created_at = created_at - interval '2 days', started_at = started_at - interval '2 days',
       completed_at = completed_at - interval '2 days' WHERE id = $1`,
    [completed.id],
  );
  const warned = await rt.runNow(resizeImages, [50], { triggeredBy: 'manual:alice' });
  const failed = await rt.runNow(syncPrices, ['acme'], { triggeredBy: 'api:pricing-cron' });
  // The pending job is queued before any worker serves its queue, so it stays pending.
  const pending = await rt.enqueue('reports.nightly', [], { triggeredBy: 'scheduled', delaySeconds: 3600 });
  const running = await exportOrders.enqueue([100], { triggeredBy: 'manual:bob' });
  await rt.work({ queues: ['low_priority'], concurrency: 1, pollIntervalMs: 100 });
  await until(async () => {
    const r = await rt.jobs.get(running.job_id);
    return r?.status === 'running' && r.progress ? r : null;
  }, 'the running job to report progress');

  const server = await listen(rt.httpHandler({ basePath: '/api', dashboard: true, triggeredBy: () => 'manual:dashboard' }));
  return {
    rt,
    url: `${server.url}/api/dashboard`,
    ids: { completed: completed.id, warned: warned.id, failed: failed.id, running: running.job_id, pending: pending.job_id },
    release,
    async close() {
      release();
      await server.close();
      await rt.close({ graceMs: 5000 });
    },
  };
}
