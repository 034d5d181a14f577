/**
 * Completions, batched: runs that finish within a few milliseconds of each other are written in
 * ONE statement per queue, the record UPDATE for all of them with pg-boss's own `complete(name,
 * ids[])` folded in (or, if pg-boss's SQL changes shape, one transaction of the two), instead of a
 * transaction each. Every record still gets exactly what `complete` writes
 * (status, result, warnings, progress, completed_at, lease cleared), checked against its lease
 * owner, and its pg-boss job is settled in the same transaction. A failed batch fails every run
 * in it, which then takes the failure path one by one.
 */
import { captureComplete, type Engine } from './engine.js';
import type { JobRecord } from './job-record.js';
import type { CapturedComplete, CompletedRun } from './records.js';
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
  readonly #settles = new Map<string, CapturedComplete | null>();

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
    // One statement per pg-boss queue (usually one): records and pg-boss jobs together.
    const byQueue = new Map<string | undefined, Pending[]>();
    for (const p of batch) byQueue.set(p.bossJob?.queue, [...(byQueue.get(p.bossJob?.queue) ?? []), p]);
    await Promise.all([...byQueue].map(([queue, group]) => this.#writeGroup(queue, group)));
  }

  async #writeGroup(queue: string | undefined, group: Pending[]): Promise<void> {
    const { store, repo, boss, owner } = this.engine;
    const runs = group.map((p) => ({ ...p.run, ...(p.bossJob && { bossId: p.bossJob.id }) }));
    try {
      const settle = queue ? await this.#settleStatement(queue) : null;
      const records = settle
        ? await repo.completeManyWithSettle(store, owner, runs, settle)
        : await store.transaction(async (tx) => {
            const done = await repo.completeMany(tx, owner, runs);
            const ids = new Set(done.map((r) => r.id));
            const bossIds = group.filter((p) => p.bossJob && ids.has(p.run.id)).map((p) => p.bossJob!.id);
            if (queue && bossIds.length) await boss.complete(queue, bossIds, null, { db: bossDb(tx) });
            return done;
          });
      const byId = new Map(records.map((r) => [r.id, r]));
      for (const p of group) p.resolve(byId.get(p.run.id) ?? null);
    } catch (error) {
      for (const p of group) p.reject(error);
    }
  }

  /** pg-boss's complete statement for `queue`, captured once per queue. */
  async #settleStatement(queue: string): Promise<CapturedComplete | null> {
    if (!this.#settles.has(queue)) this.#settles.set(queue, await captureComplete(this.engine, queue));
    return this.#settles.get(queue) ?? null;
  }
}

const batchers = new WeakMap<Engine, CompletionBatcher>();

/** Marks a run completed (with the batch it lands in); null when its lease was lost meanwhile. */
export function completeRun(engine: Engine, run: CompletedRun, bossJob?: { queue: string; id: string }): Promise<JobRecord | null> {
  let batcher = batchers.get(engine);
  if (!batcher) batchers.set(engine, (batcher = new CompletionBatcher(engine)));
  return batcher.add(run, bossJob);
}
