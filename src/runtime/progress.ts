/**
 * Progress writes, queued and coalesced. `ctx.logProgress` must return without waiting for the
 * database: on PGlite (one connection) a task holding `ctx.session` would otherwise wait for a write
 * that waits for its session. Only the latest progress is written; the final status write includes
 * it too, so nothing is lost when the queue is still waiting at the end of the run.
 */
import { errorFields, logAt, type Logger } from './logger.js';
import type { JobRepository } from './records.js';
import { outsideSession, type Store } from './store.js';

export class ProgressWriter {
  #pending: Record<string, unknown> | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly repo: JobRepository,
    private readonly jobId: string,
    private readonly owner: string,
    private readonly logger: Logger,
  ) {}

  push(progress: Record<string, unknown>): void {
    this.#pending = progress;
    if (this.#running) return;
    // Started outside the task's session scope: this is the runtime's write, not the task's.
    this.#running = outsideSession(() =>
      this.#flush()
        .catch((error: unknown) => {
          logAt(this.logger, 'warning', 'Could not persist progress', { job_id: this.jobId, ...errorFields(error) });
        })
        .finally(() => {
          this.#running = null;
        }),
    );
  }

  async #flush(): Promise<void> {
    while (this.#pending) {
      const progress = this.#pending;
      this.#pending = null;
      await this.repo.setProgress(this.store, this.jobId, this.owner, progress);
    }
  }

  /** Waits for queued writes; call only once the task's session is closed. */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }
}
