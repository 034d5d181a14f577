/**
 * What the lifecycle, the worker, the reaper and the HTTP API share inside one runtime. Internal:
 * apps use the `Runtime` object that `createRuntime` returns.
 */
import type { Db, PgBoss, SendOptions } from 'pg-boss';
import type { QueueName } from '../shared/jobs.js';
import type { Logger } from './logger.js';
import type { JobRecord } from './job-record.js';
import { randomUUID } from 'node:crypto';
import type { CapturedComplete, CapturedSend, JobRepository } from './records.js';
import type { TaskRegistry } from './registry.js';
import type { SessionFactory } from './sessions.js';
import { bossDb, type Store } from './store.js';
import type { SqlSession } from './sessions.js';
import type { TaskDefinition } from './task.js';

/** The payload of each pg-boss job: which record, and which try of it this delivery is. */
export interface Delivery {
  record_id: string;
  attempt: number;
}

export interface Engine {
  store: Store;
  boss: PgBoss;
  repo: JobRepository;
  registry: TaskRegistry;
  logger: Logger;
  /** The app's factory; undefined means the default (a transaction on `store`). */
  sessions: SessionFactory<unknown> | undefined;
  heartbeatMs: number;
  /** This process's lease owner id: `host:pid:nonce`. */
  owner: string;
  random: () => number;
  /** Record ids running in this process: the reaper never takes these back. */
  localRuns: Map<string, AbortController>;
  bossQueue(queue: QueueName): string;
  /** Wakes local workers after an enqueue, so they need not wait for their next poll. */
  wake(): void;
}

/** pg-boss options of one try: pg-boss does no retries of its own (the runtime sends each try). */
export function sendOptions(engine: Engine, def: TaskDefinition<any, any[], unknown> | undefined): SendOptions {
  const heartbeatSeconds = engine.heartbeatMs / 1000;
  return {
    retryLimit: 0,
    // pg-boss fails an active job past this; the task's own timeout fires first.
    expireInSeconds: def?.timeoutSeconds ? Math.min(Math.ceil(def.timeoutSeconds) + 60, 86_400) : 86_400,
    // pg-boss accepts heartbeats of 10 s or more; below that the record's lease alone detects a dead worker.
    ...(Number.isInteger(heartbeatSeconds) && heartbeatSeconds >= 10 && { heartbeatSeconds }),
    deleteAfterSeconds: 7 * 86_400,
  };
}

/** Sends try number `attempt` of a record as a pg-boss job, inside the caller's transaction. */
export async function sendAttempt(engine: Engine, tx: SqlSession, record: JobRecord, attempt: number, delayMs: number): Promise<string> {
  const data: Delivery = { record_id: record.id, attempt };
  const id = await engine.boss.send(engine.bossQueue(record.queue), data, {
    ...sendOptions(engine, engine.registry.get(record.task)),
    ...(delayMs > 0 && { startAfter: delayMs / 1000 }),
    db: bossDb(tx),
  });
  if (!id) throw new Error(`pg-boss did not accept try ${attempt} of job ${record.id}`);
  return id;
}

/**
 * Runs a pg-boss call against a stand-in database that executes nothing and answers every
 * statement with `rows`: the first statement `pick` accepts is returned, so the caller can fold
 * pg-boss's SQL into its own statement. Null when none is accepted (the SQL is not the shape the
 * caller relies on, e.g. after an upgrade): the caller then lets pg-boss run it.
 */
async function captureStatement<T>(
  call: (db: Db) => Promise<unknown>,
  rows: unknown[],
  pick: (text: string, values: unknown[] | undefined) => T | null,
): Promise<T | null> {
  let captured: T | null = null;
  await call({
    executeSql: async (text: string, values?: unknown[]) => {
      captured ??= pick(text, values);
      return { rows };
    },
  });
  return captured;
}

/**
 * The job-list statement of a pg-boss call (`send`, `insert`), captured: one `$1::json` job list,
 * a JSON array in text (batches join the lists of several sends).
 */
function captureJobList(call: (db: Db) => Promise<unknown>, fakeId: string): Promise<CapturedSend | null> {
  return captureStatement(call, [{ id: fakeId }], (text, values) => {
    const list = values?.[0];
    const fits = values?.length === 1 && typeof list === 'string' && list.startsWith('[') && list.endsWith(']') &&
      text.split('$1::json').length === 2 && !/\$2\b/.test(text);
    return fits ? { text, values: [list] } : null;
  });
}

/** pg-boss's `send` of try `attempt` of a record, captured (see `captureJobList`). */
export function captureSend(
  engine: Engine,
  record: Pick<JobRecord, 'id' | 'queue' | 'task'>,
  attempt: number,
  delayMs: number,
): Promise<CapturedSend | null> {
  const data: Delivery = { record_id: record.id, attempt };
  return captureJobList(
    (db) =>
      engine.boss.send(engine.bossQueue(record.queue), data, {
        ...sendOptions(engine, engine.registry.get(record.task)),
        ...(delayMs > 0 && { startAfter: delayMs / 1000 }),
        db,
      }),
    record.id,
  );
}

/** pg-boss's bulk `insert` job list for the first tries of new jobs of one task. */
export function firstTryJobs(engine: Engine, def: TaskDefinition<any, any[], unknown>, jobs: { id: string; delayMs: number }[]) {
  const opts = sendOptions(engine, def);
  return jobs.map(({ id, delayMs }) => {
    const data: Delivery = { record_id: id, attempt: 1 };
    return { data, ...opts, ...(delayMs > 0 && { startAfter: String(delayMs / 1000) }) };
  });
}

/** pg-boss's bulk `insert` of the first tries of new jobs of one task, captured (see `captureJobList`). */
export function captureFirstTries(
  engine: Engine,
  def: TaskDefinition<any, any[], unknown>,
  jobs: { id: string; delayMs: number }[],
): Promise<CapturedSend | null> {
  // returnId: the statement must RETURN its rows for the caller to count them.
  return captureJobList((db) => engine.boss.insert(engine.bossQueue(def.queue), firstTryJobs(engine, def, jobs), { db, returnId: true }), randomUUID());
}

/**
 * pg-boss's `complete` of jobs in `queue`, captured instead of run: its UPDATE (taken out of the
 * `WITH results AS (...) SELECT COUNT(*)` pg-boss wraps it in, so the caller can put it in its own
 * WITH) and parameters. Null when the SQL is not that shape: the caller completes normally.
 */
export function captureComplete(engine: Engine, queue: string): Promise<CapturedComplete | null> {
  return captureStatement((db) => engine.boss.complete(queue, [randomUUID()], null, { db }), [{ count: 0 }], (text, values) => {
    const update = /^\s*WITH results AS \(([\s\S]*)RETURNING 1\s*\)\s*SELECT COUNT\(\*\) FROM results\s*$/.exec(text)?.[1];
    const fits = update !== undefined && values?.length === 3 && update.split('id = ANY($2::uuid[])').length === 2 && !/\$4\b/.test(update);
    return fits ? { update, values } : null;
  });
}

/**
 * pg-boss's `fetch` of up to `batchSize` jobs of queue `name`, captured instead of run, so the
 * worker can claim the records in the same statement. Null when the SQL is not the shape relied on
 * (one parameter-less `WITH … UPDATE … RETURNING` statement): the worker then fetches, then claims.
 */
export function captureFetch(engine: Engine, name: string, batchSize: number): Promise<string | null> {
  return captureStatement((db) => engine.boss.fetch(name, { batchSize, db }), [], (text, values) =>
    !values?.length && /^\s*WITH\b[\s\S]*\bUPDATE\b[\s\S]*\bRETURNING\b/.test(text) && !/\$1\b/.test(text) ? text : null);
}

/** Fails any pg-boss job of this record still queued or active, inside the caller's transaction. */
export async function retireDeliveries(engine: Engine, tx: SqlSession, record: JobRecord, reason: string): Promise<void> {
  const name = engine.bossQueue(record.queue);
  const jobs = await engine.boss.findJobs<Delivery>(name, { data: { record_id: record.id }, db: bossDb(tx) });
  const live = jobs.filter((j) => j.state === 'created' || j.state === 'retry' || j.state === 'active').map((j) => j.id);
  if (live.length) await engine.boss.fail(name, live, { message: reason }, { db: bossDb(tx) });
}
