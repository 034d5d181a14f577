/**
 * Completions, batched: runs that finish within a few milliseconds of each other are written in
 * ONE transaction, one record UPDATE for all of them plus one pg-boss `complete(name, ids[])` per
 * queue, instead of a transaction each. Every record still gets exactly what `complete` writes
 * (status, result, warnings, progress, completed_at, lease cleared), checked against its lease
 * owner, and its pg-boss job is settled in the same transaction. A failed batch fails every run
 * in it, which then takes the failure path one by one.
 */
import type { Engine } from './engine.js';
import type { JobRecord } from './job-record.js';
import type { CompletedRun } from './records.js';
import { bossDb, outsideSession } from './store.js';

/** How long the first completion waits for company; short against a job, long against a round trip. */
const WINDOW_MS = 2;
/** A batch this big is written at once. */
const MAX_BATCH = 200;

interface Pending {
  run: CompletedRun;
  bossJob: { queue: string; id: string } | undefined;
  resolve: (record: JobRecord | null) => void;
  reject: (error: unknown) => void;
}

class CompletionBatcher {
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly engine: Engine) {}

  add(run: CompletedRun, bossJob: Pending['bossJob']): Promise<JobRecord | null> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ run, bossJob, resolve, reject });
      if (this.#queue.length >= MAX_BATCH) this.#flushNow();
      // The runtime's own write: never inside a task's open-session scope (PGlite).
      else this.#timer ??= outsideSession(() => setTimeout(() => this.#flushNow(), WINDOW_MS));
    });
  }

  #flushNow(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#queue.splice(0);
    if (batch.length) void outsideSession(() => this.#write(batch));
  }

  async #write(batch: Pending[]): Promise<void> {
    const { store, repo, boss, owner } = this.engine;
    try {
      const done = await store.transaction(async (tx) => {
        const records = await repo.completeMany(tx, owner, batch.map((p) => p.run));
        const ids = new Set(records.map((r) => r.id));
        const byQueue = new Map<string, string[]>();
        for (const p of batch) {
          if (p.bossJob && ids.has(p.run.id)) byQueue.set(p.bossJob.queue, [...(byQueue.get(p.bossJob.queue) ?? []), p.bossJob.id]);
        }
        for (const [queue, bossIds] of byQueue) await boss.complete(queue, bossIds, null, { db: bossDb(tx) });
        return new Map(records.map((r) => [r.id, r]));
      });
      for (const p of batch) p.resolve(done.get(p.run.id) ?? null);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}

const batchers = new WeakMap<Engine, CompletionBatcher>();

/** Marks a run completed (with the batch it lands in); null when its lease was lost meanwhile. */
export function completeRun(engine: Engine, run: CompletedRun, bossJob?: { queue: string; id: string }): Promise<JobRecord | null> {
  let batcher = batchers.get(engine);
  if (!batcher) batchers.set(engine, (batcher = new CompletionBatcher(engine)));
  return batcher.add(run, bossJob);
}
