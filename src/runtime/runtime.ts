/**
 * `createRuntime`: opens the store, runs migrations, starts pg-boss beside the record table, and
 * returns the runtime: task definition (`dbTask`, `simpleTask`, `register`), enqueue, workers,
 * the monitoring view, the HTTP handler and `close`.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PgBoss } from 'pg-boss';
import { QUEUE_NAMES, QUEUED_MESSAGE, type QueueName, type TriggerResponse } from '../shared/jobs.js';
import type { TaskContext } from './context.js';
import { type Engine } from './engine.js';
import { enqueue, enqueueMany, newJob, validateEnqueue, type BulkJob, type EnqueueOptions } from './enqueue.js';
import { discoverTasks } from './discovery.js';
import { NotFoundError, TaskConfigurationError, errorMessage } from './errors.js';
import { createFetchHandler, type HttpOptions } from './http.js';
import type { JobRecord } from './job-record.js';
import { createJobsApi, type JobsApi } from './jobs.js';
import { errorFields, jsonLogger, logAt, type Logger } from './logger.js';
import { assertTableName, migrate } from './migrations/index.js';
import { WorkerPool, type WorkOptions } from './pool.js';
import { JobRepository } from './records.js';
import { TaskRegistry } from './registry.js';
import type { SessionFactory, SqlSession } from './sessions.js';
import { openStore, type Store } from './store.js';
import { defineTask, type TaskBody, type TaskDefinition, type TaskOptions } from './task.js';
import { runAttempt } from './worker.js';

export interface RuntimeOptions<S = SqlSession> {
  /** `pglite:<folder>` (default `pglite:./.bg-jobs`), `pglite:memory`, or a `postgres://` URL. */
  store?: string;
  /** Opens each dbTask run's session; default: a transaction on the runtime's own database. */
  sessions?: SessionFactory<S>;
  /** Workers renew their lease every half heartbeat; a silent worker's job is taken back within two. Default 30. */
  heartbeatSeconds?: number;
  /** Record table name; default `bg_jobs` (versions in `<table>_migrations`). */
  table?: string;
  /** pg-boss schema; default `pgboss`. */
  bossSchema?: string;
  /** Structured log sink; default JSON lines on stderr at `info`. */
  logger?: Logger;
  /**
   * Globs of task modules to import at start (e.g. `src/**\/tasks.{ts,js}`): every `defineTask`
   * definition they export is registered. Relative globs are resolved against `tasksRoot`.
   */
  tasks?: string | string[];
  /** Where relative `tasks` globs start; default the process's working directory. */
  tasksRoot?: string;
  /**
   * PostgreSQL connections of the runtime's pool (records and default task sessions; each running
   * dbTask holds one); default 10. Ignored on PGlite (one connection).
   */
  poolSize?: number;
  /** PostgreSQL connections of pg-boss's pool (fetch, heartbeats, supervision); default 4. */
  bossPoolSize?: number;
  /** For tests: the jitter source of retry delays. */
  random?: () => number;
}

export interface Task<S, A extends unknown[], R> extends TaskDefinition<S, A, R> {
  /** Writes the record and sends the job in one transaction; returns `{ job_id, status, message }`. */
  enqueue(args: A, options?: EnqueueOptions): Promise<TriggerResponse>;
  /** Many jobs in one transaction, dedup respected; responses in the order given. */
  enqueueMany(jobs: readonly BulkJob<A>[], options?: { session?: SqlSession }): Promise<TriggerResponse[]>;
}

export interface Runtime<S = SqlSession> {
  readonly registry: TaskRegistry;
  readonly jobs: JobsApi;
  /** The pg-boss instance, for what the runtime does not wrap (schedules, queue stats). */
  readonly boss: PgBoss;
  readonly store: Store;
  /** This process's worker/lease id. */
  readonly owner: string;
  dbTask<A extends unknown[], R>(options: TaskOptions<A>, body: TaskBody<S, A, R>): Task<S, A, R>;
  simpleTask<A extends unknown[], R>(options: TaskOptions<A>, body: TaskBody<never, A, R>): Task<never, A, R>;
  /** Registers a definition made with `defineTask`. */
  register<A extends unknown[], R>(def: TaskDefinition<S, A, R>): Task<S, A, R>;
  enqueue(task: string, args?: unknown[], options?: EnqueueOptions): Promise<TriggerResponse>;
  /** Starts a worker in this process; resolves once it is fetching. */
  work(options?: WorkOptions): Promise<void>;
  /** Creates a record and runs one try now, in this process, through the real lifecycle; returns the record after it. */
  runNow<A extends unknown[]>(task: Task<S, A, unknown> | string, args: A, options?: EnqueueOptions): Promise<JobRecord>;
  /** The HTTP API; `httpHandler({ basePath })` for another mount point. */
  fetch(request: Request): Promise<Response>;
  httpHandler(options?: HttpOptions): (request: Request) => Promise<Response>;
  /** Stops workers (running jobs finish within `graceMs`, default 30 s, or are released), then closes the store. */
  close(options?: { graceMs?: number }): Promise<void>;
}

export async function createRuntime<S = SqlSession>(options: RuntimeOptions<S> = {}): Promise<Runtime<S>> {
  const logger = options.logger ?? jsonLogger();
  const table = options.table ?? 'bg_jobs';
  assertTableName(table);
  const heartbeatSeconds = options.heartbeatSeconds ?? 30;
  if (!(Number.isFinite(heartbeatSeconds) && heartbeatSeconds >= 0.2)) {
    throw new TaskConfigurationError('heartbeatSeconds must be a number >= 0.2');
  }
  const bossSchema = options.bossSchema ?? 'pgboss';
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(bossSchema)) throw new TaskConfigurationError(`Invalid bossSchema "${bossSchema}"`);

  const store = await openStore(
    options.store ?? 'pglite:./.bg-jobs',
    (error) => logAt(logger, 'warning', 'Database connection error', errorFields(error)),
    { poolSize: options.poolSize, bossPoolSize: options.bossPoolSize },
  );
  let boss: PgBoss | undefined;
  try {
    await migrate(store, table);
    boss = new PgBoss({
      ...store.bossConnection(),
      schema: bossSchema,
      // Supervision (expiry, heartbeat timeouts) runs at least every heartbeat.
      superviseIntervalSeconds: Math.max(1, Math.min(60, Math.floor(heartbeatSeconds))),
      schedule: false,
    });
    boss.on('error', (error) => logAt(logger, 'warning', 'pg-boss error', errorFields(error)));
    await boss.start();
    // One pg-boss queue per runtime queue, named after the table so runtimes with different tables
    // can share a pg-boss schema.
    const bossQueue = (queue: QueueName) => `${table}.${queue}`;
    for (const queue of QUEUE_NAMES) {
      const name = bossQueue(queue);
      if (!(await boss.getQueue(name))) {
        await boss.createQueue(name, { retryLimit: 0 }).catch(async (error: unknown) => {
          if (!(await boss!.getQueue(name))) throw error; // a concurrent start created it: fine
        });
      }
      // Warm pg-boss's queue cache now: a cache miss inside our transaction would query outside it,
      // and on PGlite (one connection) wait for that very transaction.
      await boss.touch(name, [randomUUID()]);
    }
    const rt = buildRuntime<S>(options, {
      store,
      boss,
      repo: new JobRepository(table),
      registry: new TaskRegistry(),
      logger,
      sessions: options.sessions as SessionFactory<unknown> | undefined,
      heartbeatMs: heartbeatSeconds * 1000,
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      random: options.random ?? Math.random,
      localRuns: new Map(),
      bossQueue,
      wake: () => undefined,
    });
    if (options.tasks !== undefined) {
      for (const module of await discoverTasks(options.tasks, options.tasksRoot)) {
        for (const def of module.definitions) {
          try {
            rt.register(def as TaskDefinition<S, unknown[], unknown>);
          } catch (error) {
            throw new TaskConfigurationError(`${errorMessage(error)} (from ${module.file})`, { file: module.file }, { cause: error });
          }
        }
        logAt(logger, 'debug', 'Tasks discovered', { file: module.file, tasks: module.definitions.map((d) => d.name) });
      }
    }
    return rt;
  } catch (error) {
    await boss?.stop({ graceful: false, close: true }).catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

function buildRuntime<S>(options: RuntimeOptions<S>, engine: Engine): Runtime<S> {
  const pools: WorkerPool[] = [];
  engine.wake = () => pools.forEach((p) => p.wake());
  const jobs = createJobsApi(engine);
  let closed = false;

  const bind = <A extends unknown[], R>(def: TaskDefinition<S, A, R>): Task<S, A, R> => {
    engine.registry.register(def as TaskDefinition<any, any[], unknown>);
    const erased = def as TaskDefinition<any, any[], unknown>;
    return {
      ...def,
      enqueue: (args, opts) => enqueue(engine, erased, args, opts),
      enqueueMany: (jobs, opts) => enqueueMany(engine, erased, jobs, opts),
    };
  };
  const lookup = (task: string) => {
    const def = engine.registry.get(task);
    if (!def) throw new NotFoundError(`Unknown task ${task}`, { task });
    return def;
  };
  const enqueueByName = async (task: string, args: unknown[] = [], opts: EnqueueOptions = {}) =>
    enqueue(engine, lookup(task), args, opts);
  // One target for rt.fetch and every rt.httpHandler(...): each logs the errors that become a 503.
  const httpTarget = {
    registry: engine.registry,
    jobs,
    enqueue: enqueueByName,
    logUnexpected: (error: unknown) => logAt(engine.logger, 'error', 'HTTP request failed', errorFields(error)),
  };
  const fetchHandler = createFetchHandler(httpTarget);

  const rt: Runtime<S> = {
    registry: engine.registry,
    jobs,
    boss: engine.boss,
    store: engine.store,
    owner: engine.owner,
    dbTask: (opts, body) => bind(defineTask({ ...opts, kind: 'db' }, body)),
    simpleTask: <A extends unknown[], R>(opts: TaskOptions<A>, body: TaskBody<never, A, R>) =>
      bind(defineTask({ ...opts, kind: 'simple' }, body as unknown as TaskBody<S, A, R>)) as unknown as Task<never, A, R>,
    register: bind,
    enqueue: enqueueByName,

    async work(workOptions) {
      if (closed) throw new TaskConfigurationError('The runtime is closed');
      const pool = new WorkerPool(engine, workOptions);
      pools.push(pool);
      await pool.start();
    },

    async runNow(task, args, opts = {}) {
      const def = typeof task === 'string' ? lookup(task) : lookup(task.name);
      const response = await enqueueWithoutDelivery(engine, def, args, opts);
      const after = await runAttempt(engine, { recordId: response.job_id, attempt: 1 });
      const record = after ?? (await jobs.get(response.job_id));
      if (!record) throw new NotFoundError(`Job ${response.job_id} disappeared`);
      return record;
    },

    fetch: fetchHandler,
    httpHandler: (httpOptions) => createFetchHandler(httpTarget, httpOptions),

    async close({ graceMs = 30_000 } = {}) {
      if (closed) return;
      closed = true;
      await Promise.all(pools.map((p) => p.stop(graceMs)));
      await engine.boss.stop({ graceful: false, close: true, timeout: 5000 }).catch((error: unknown) => {
        logAt(engine.logger, 'warning', 'pg-boss stop failed', errorFields(error));
      });
      await engine.store.close();
    },
  };
  void options;
  return rt;
}

/** A record for `runNow`: no pg-boss job, since this process runs the first try itself. */
async function enqueueWithoutDelivery(
  engine: Engine,
  def: TaskDefinition<any, any[], unknown>,
  args: unknown[],
  opts: EnqueueOptions,
): Promise<TriggerResponse> {
  validateEnqueue(def, args, opts);
  const record = await engine.repo.insert(opts.session ?? engine.store, newJob(def, args, { ...opts, delaySeconds: 0 }, 'manual:runNow'));
  if (!record) throw new TaskConfigurationError('runNow: an active job already holds this dedup key', { dedup_key: opts.dedupKey });
  return { job_id: record.id, status: record.status, message: QUEUED_MESSAGE };
}

export type { TaskContext };
