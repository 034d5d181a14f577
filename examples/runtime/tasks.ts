/**
 * The example app's tasks. Each is defined on the runtime, so the lifecycle (status, timestamps,
 * fresh session, failure in a new session, logging) is the runtime's, not hand-written here.
 */
import { CircuitBreaker, createRuntime } from 'bg-lint/runtime';

export const rt = await createRuntime({
  store: process.env.BG_JOBS_STORE ?? 'pglite:./.bg-jobs/example',
  heartbeatSeconds: 30,
});

const mailer = new CircuitBreaker({ name: 'mailer', failureThreshold: 5, resetTimeoutMs: 60_000 });

/** No database: an outside call behind a circuit breaker. */
export const sendNotification = rt.simpleTask(
  { name: 'notifications.send', queue: 'high_priority', retryPolicy: 'aggressive', timeoutSeconds: 30 },
  async (ctx, userId: string, message: string) => {
    const id = ctx.validateUuid(userId, 'user_id');
    await mailer.call(async () => {
      ctx.logInfo('Sending notification', { user_id: id, length: message.length });
    });
    return ctx.successResult({ sent: true });
  },
);

/** A batch import on the job's own session, committed batch by batch, with progress. */
export const importProducts = rt.dbTask(
  { name: 'products.import', queue: 'low_priority', retryPolicy: 'long_running', timeoutSeconds: 3600 },
  async (ctx, names: string[]) => {
    if (!names.length) throw ctx.validationError('Nothing to import', { field: 'names' });
    await ctx.session.query('CREATE TABLE IF NOT EXISTS example_products (id serial PRIMARY KEY, name text UNIQUE NOT NULL)');
    const stats = ctx.createStatsCounter();
    for await (const batch of ctx.iterBatches(names, 50)) {
      for (const name of batch) {
        const { rows } = await ctx.session.query(
          'INSERT INTO example_products (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id',
          [name],
        );
        if (rows.length) stats.increment('imported');
        else ctx.logWarning('Product already exists', { name });
      }
      await ctx.commitBatch();
      await ctx.logProgress({ ...stats.toDict(), total: names.length });
    }
    ctx.logSuccess('Import finished', stats.toDict());
    return ctx.successResult(stats.toDict());
  },
);

/** A nightly cleanup, deduplicated so two schedulers never run it twice at once. */
export const cleanup = rt.dbTask({ name: 'products.cleanup', queue: 'low_priority' }, async (ctx) => {
  const { rows } = await ctx.session.query<{ n: number }>(
    "WITH gone AS (DELETE FROM example_products WHERE name LIKE 'tmp-%' RETURNING 1) SELECT count(*)::int AS n FROM gone",
  );
  return ctx.successResult({ deleted: rows[0]?.n ?? 0 });
});

export function scheduleCleanup(day: string) {
  return cleanup.enqueue([], { triggeredBy: 'scheduled', dedupKey: `daily-cleanup-${day}` });
}
