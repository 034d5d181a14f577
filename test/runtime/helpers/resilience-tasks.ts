/** The task of the connection-loss tests, registered alike in the test (to enqueue) and in the worker process. */
import type { Runtime } from '../../../src/runtime/index.js';

export type RunReporter = (run: 'start' | 'end', jobId: string, attempt: number) => void;

export function registerResilienceTasks(rt: Runtime, report: RunReporter = () => undefined) {
  return rt.dbTask(
    { name: 'res.hold', retryPolicy: { maxRetries: 20, initialDelaySeconds: 0.2, backoff: 'fixed' } },
    async (ctx, ms: number) => {
      report('start', ctx.jobId, ctx.attempt);
      try {
        // A statement in flight, then the session idle inside its transaction: both are ways a
        // dropped connection reaches a task.
        await ctx.session.query('SELECT pg_sleep($1)', [ms / 2000]);
        await new Promise((r) => setTimeout(r, ms / 2));
        await ctx.session.query('SELECT 1');
        return ctx.successResult();
      } finally {
        report('end', ctx.jobId, ctx.attempt);
      }
    },
  );
}
