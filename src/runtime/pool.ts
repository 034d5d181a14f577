/**
 * A worker: fetches pg-boss jobs from the runtime's queues and runs each through the lifecycle
 * (worker.ts), at most `concurrency` at a time. pg-boss does the dispatch (SKIP LOCKED fetch),
 * delays (startAfter), expiry and heartbeats; this loop only decides which queue to ask first
 * (scheduler.ts) and how many jobs fit. Fetching, rather than pg-boss's `work()`, lets the runtime
 * settle each pg-boss job in the same transaction as its record.
 */
import type { QueueName } from '../shared/jobs.js';
import { exponentialBackoff } from '../shared/backoff.js';
import { QUEUE_NAMES } from '../shared/jobs.js';
import { captureFetch, type Delivery, type Engine } from './engine.js';
import { ShutdownError, TaskConfigurationError } from './errors.js';
import { errorFields, logAt } from './logger.js';
import { startReaper } from './reaper.js';
import { firstPickCycle, queueOrder } from './scheduler.js';
import { runAttempt } from './worker.js';
import type { JobRecord } from './job-record.js';

/** Longest wait between fetches while the database keeps failing. */
const MAX_FETCH_BACKOFF_MS = 30_000;

export interface WorkOptions {
  /** Queues to serve; default all three. */
  queues?: QueueName[];
  /** Jobs run at once by this worker; default 4. */
  concurrency?: number;
  /** Idle wait between fetches when every queue was empty; default 1000 ms. */
  pollIntervalMs?: number;
}

export class WorkerPool {
  readonly #engine: Engine;
  readonly #queues: QueueName[];
  readonly #concurrency: number;
  readonly #pollMs: number;
  /** Slots: one per job whose body runs (claimed, not yet returned). */
  readonly #running = new Set<Promise<unknown>>();
  /** Every run not yet settled: bodies running, and those whose record write is pending. */
  readonly #runs = new Set<Promise<unknown>>();
  #stopping = false;
  #wakeUp: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #reaper: { stop(): void; first: Promise<void> } | undefined;

  constructor(engine: Engine, options: WorkOptions = {}) {
    const queues = options.queues ?? [...QUEUE_NAMES];
    for (const q of queues) {
      if (!QUEUE_NAMES.includes(q)) throw new TaskConfigurationError(`Unknown queue "${q}"`, { queue: q });
    }
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new TaskConfigurationError('concurrency must be a positive integer', { concurrency });
    }
    this.#engine = engine;
    this.#queues = QUEUE_NAMES.filter((q) => queues.includes(q));
    this.#concurrency = concurrency;
    this.#pollMs = Math.max(options.pollIntervalMs ?? 1000, 50);
  }

  async start(): Promise<void> {
    const engine = this.#engine;
    this.#reaper = startReaper(engine, { allForeign: engine.store.singleConnection });
    await this.#reaper.first;
    this.#loop = this.#run();
    logAt(engine.logger, 'info', 'Worker started', {
      owner: engine.owner,
      queues: this.#queues,
      concurrency: this.#concurrency,
    });
  }

  wake(): void {
    this.#wakeUp?.();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = done;
    });
  }

  async #run(): Promise<void> {
    const engine = this.#engine;
    const cycle = firstPickCycle(this.#queues);
    let tick = 0;
    let failures = 0;
    while (!this.#stopping) {
      const free = this.#freeSlots();
      if (free <= 0) {
        await Promise.race([...this.#running, ...this.#runs, this.#sleep(this.#pollMs)]);
        continue;
      }
      let fetched = 0;
      try {
        // The first pick goes first; the next queues fill the slots it left free (no starvation,
        // and no idle slot while any served queue has work).
        for (const queue of queueOrder(tick++, this.#queues, cycle)) {
          const name = engine.bossQueue(queue);
          fetched += await this.#fetchAndDispatch(name, free - fetched);
          if (fetched >= free || this.#stopping) break;
        }
        failures = 0;
      } catch (error) {
        failures++;
        logAt(engine.logger, 'warning', 'Fetch failed', { owner: engine.owner, ...errorFields(error) });
        await this.#sleep(exponentialBackoff(this.#pollMs, failures, MAX_FETCH_BACKOFF_MS));
        continue;
      }
      if (!fetched && !this.#stopping) await this.#sleep(this.#pollMs);
    }
  }

  /**
   * Fetches up to `batchSize` jobs of a pg-boss queue and claims their records in one statement
   * (or, if pg-boss's fetch cannot be folded in, fetch then claim), then runs each claimed record.
   * Returns how many jobs were fetched.
   */
  async #fetchAndDispatch(queue: string, batchSize: number): Promise<number> {
    const engine = this.#engine;
    const fetchSql = await captureFetch(engine, queue, batchSize);
    if (!fetchSql) {
      const jobs = await engine.boss.fetch<Delivery>(queue, { batchSize });
      if (jobs.length) await this.#claimAndDispatch(queue, jobs);
      return jobs.length;
    }
    const { deliveries, claimed } = await engine.repo.fetchAndClaim(engine.store, fetchSql, engine.owner, engine.heartbeatMs);
    if (deliveries.length) await this.#claimAndDispatch(queue, deliveries as { id: string; data: Delivery | null }[], claimed);
    return deliveries.length;
  }

  /**
   * Claims a fetched batch in one statement (unless `alreadyClaimed` says what the fetch claimed),
   * then runs each claimed record. A claim that fails
   * (the database is unreachable) leaves the records pending and their pg-boss jobs active: pg-boss
   * expiry hands them out again, and the record's try number keeps a late delivery from running twice.
   */
  async #claimAndDispatch(queue: string, jobs: { id: string; data: Delivery | null }[], alreadyClaimed?: JobRecord[]): Promise<void> {
    const engine = this.#engine;
    const valid = (d: Delivery | null): d is Delivery => !!d && typeof d.record_id === 'string' && Number.isInteger(d.attempt);
    const bad = jobs.filter((j) => !valid(j.data)).map((j) => j.id);
    if (bad.length) await engine.boss.fail(queue, bad, { message: 'Not a bg-lint job payload' });
    const good = jobs.filter((j): j is { id: string; data: Delivery } => valid(j.data));
    if (!good.length) return;
    const deliveries = good.map((j) => ({ id: j.data.record_id, previousAttempts: j.data.attempt - 1 }));
    let claimed: JobRecord[] | undefined = alreadyClaimed;
    // These pg-boss jobs are already active: retry the claim through a short outage rather than
    // leave them to pg-boss's expiry.
    for (let i = 0; !claimed; i++) {
      try {
        claimed = await engine.repo.claimMany(engine.store, deliveries, engine.owner, engine.heartbeatMs);
      } catch (error) {
        if (i >= 6 || this.#stopping) throw error;
        await new Promise((r) => setTimeout(r, exponentialBackoff(100, i)));
      }
    }
    const byId = new Map(claimed.map((r) => [r.id, r]));
    for (const job of good) {
      const record = byId.get(job.data.record_id) ?? null;
      // One delivery per record claims it; a duplicate in the same batch is stale.
      byId.delete(job.data.record_id);
      this.#dispatch(queue, job.id, job.data, record);
    }
  }

  /**
   * Slots free for new jobs. A slot is freed when its body returns; its record is written in the
   * background (completions are batched). At most twice `concurrency` such writes are pending, so a
   * slow or unreachable database stops the fetching instead of piling up finished runs.
   */
  #freeSlots(): number {
    const settling = this.#runs.size - this.#running.size;
    return Math.min(this.#concurrency - this.#running.size, 2 * this.#concurrency - settling);
  }

  #dispatch(queue: string, bossId: string, data: Delivery, record: JobRecord | null): void {
    const engine = this.#engine;
    let freeSlot!: () => void;
    const slot = new Promise<void>((resolve) => (freeSlot = resolve)).then(() => {
      this.#running.delete(slot);
      this.wake();
    });
    const request = { recordId: data.record_id, attempt: data.attempt, bossJob: { queue, id: bossId } };
    const run: Promise<unknown> = (async () => {
      await runAttempt(engine, request, record, freeSlot);
    })()
      .catch((error: unknown) => {
        logAt(engine.logger, 'error', 'Job run crashed', { job_id: data?.record_id, ...errorFields(error) });
      })
      .finally(() => {
        freeSlot();
        this.#runs.delete(run);
        this.wake();
      });
    this.#running.add(slot);
    this.#runs.add(run);
  }

  /**
   * Stops fetching, lets running jobs finish for `graceMs`, then aborts the rest with a
   * `ShutdownError`: the lifecycle releases them to pending so another worker runs them.
   */
  async stop(graceMs = 30_000): Promise<void> {
    const engine = this.#engine;
    this.#stopping = true;
    this.#reaper?.stop();
    this.wake();
    await this.#loop;
    // Runs, not slots: a finished body's record write is awaited too.
    if (this.#runs.size) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...this.#runs]), grace]);
      clearTimeout(timer);
    }
    if (this.#runs.size) {
      logAt(engine.logger, 'warning', 'Releasing running jobs on shutdown', { count: this.#running.size });
      for (const controller of engine.localRuns.values()) controller.abort(new ShutdownError('Worker shutting down'));
      await Promise.allSettled([...this.#runs]);
    }
    logAt(engine.logger, 'info', 'Worker stopped', { owner: engine.owner });
  }
}
