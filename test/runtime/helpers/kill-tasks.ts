/** The tasks of the kill test, registered the same way in the test (to enqueue) and in the worker process. */
import type { Runtime } from '../../../src/runtime/index.js';

export type RunRecorder = (jobId: string, attempt: number, ms: number) => Promise<void>;

export function registerKillTasks(rt: Runtime, record: RunRecorder = async () => undefined) {
  return {
    slow: rt.simpleTask(
      { name: 'kill.slow', retryPolicy: { maxRetries: 2, initialDelaySeconds: 0, backoff: 'fixed' } },
      async (ctx, ms: number) => {
        await record(ctx.jobId, ctx.attempt, ms);
        return ctx.successResult();
      },
    ),
    once: rt.simpleTask({ name: 'kill.once', queue: 'high_priority', retryPolicy: 'no_retry' }, async (ctx, ms: number) => {
      await record(ctx.jobId, ctx.attempt, ms);
      return ctx.successResult();
    }),
  };
}
