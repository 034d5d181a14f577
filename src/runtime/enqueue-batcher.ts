/**
 * Enqueues in flight, coalesced: calls that arrive while a statement is on the wire go into the
 * next one, written as ONE multi-row statement (records + their pg-boss jobs, records.ts
 * `insertManyWithSend`) instead of one each. Under load that turns a round trip per job into a
 * round trip per batch; a lone call waits only for the current event-loop turn to end.
 *
 * Each caller still gets its own answer: its job inserted, or not for a dedup hit (a key held by an active
 * job, or by an earlier call of the same batch, as one by one), or its own error. When the server
 * refuses a batch (an SQLSTATE: the statement was rolled back), each job is retried alone, so one
 * bad job fails only its caller. A batch lost with its connection (no SQLSTATE; it may have
 * committed) fails every caller in it, as the single statement did: retrying could enqueue twice.
 * Only enqueues on the runtime's own store come here; one in a caller's session runs in that session.
 */
import type { Engine } from './engine.js';
import { sqlState } from './errors.js';
import type { CapturedSend, NewJob } from './records.js';
import { outsideSession } from './store.js';

/** Jobs per statement: bounded so a burst of calls does not build one huge parameter. */
const MAX_BATCH = 500;

interface Waiting {
  job: NewJob;
  send: CapturedSend;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

class EnqueueBatcher {
  #waiting: Waiting[] = [];
  /** A batch is on the wire (or about to be sent): new calls wait for the next. */
  #busy = false;

  constructor(private readonly engine: Engine) {}

  add(job: NewJob, send: CapturedSend): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ job, send, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#busy || !this.#waiting.length) return;
    this.#busy = true;
    // After this turn: callers enqueuing together (or resuming from the last batch) share a statement.
    // The runtime's own write: never inside a task's open-session scope (PGlite).
    outsideSession(() => setImmediate(() => void this.#flush()));
  }

  async #flush(): Promise<void> {
    const batch = this.#waiting.splice(0, MAX_BATCH);
    // One statement per pg-boss send statement (one per queue), all on the wire at once.
    const bySend = new Map<string, Waiting[]>();
    for (const w of batch) {
      const group = bySend.get(w.send.text);
      if (group) group.push(w);
      else bySend.set(w.send.text, [w]);
    }
    await Promise.all([...bySend.values()].map((group) => this.#write(group)));
    this.#busy = false;
    this.#schedule();
  }

  async #write(group: Waiting[]): Promise<void> {
    try {
      settle(group, await this.#insert(group));
    } catch (error) {
      if (group.length === 1 || !sqlState(error)) {
        for (const w of group) w.reject(error);
        return;
      }
      await Promise.all(
        group.map((w) => this.#insert([w]).then((ids) => settle([w], ids), w.reject)),
      );
    }
  }

  #insert(group: Waiting[]): Promise<string[]> {
    // Each send's job list is a JSON array of one job: their lists joined are the batch's.
    const list = `[${group.map((w) => (w.send.values[0] as string).slice(1, -1)).join(',')}]`;
    return this.engine.repo.insertManyWithSend(
      this.engine.store,
      group.map((w) => w.job),
      { text: group[0]!.send.text, values: [list] },
    );
  }
}

function settle(group: Waiting[], insertedIds: string[]): void {
  const inserted = new Set(insertedIds);
  for (const w of group) w.resolve(inserted.has(w.job.id));
}

const batchers = new WeakMap<Engine, EnqueueBatcher>();

/** Inserts `job` (and its first try, `send`) with the batch it lands in; false on a dedup hit. */
export function enqueueBatched(engine: Engine, job: NewJob, send: CapturedSend): Promise<boolean> {
  let batcher = batchers.get(engine);
  if (!batcher) batchers.set(engine, (batcher = new EnqueueBatcher(engine)));
  return batcher.add(job, send);
}
