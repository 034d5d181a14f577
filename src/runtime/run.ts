/**
 * One claimed try of one job while its body runs. A `Run` owns everything that lives exactly as
 * long as the try: the abort controller (timeout, shutdown, lost lease all abort it), the lease
 * heartbeat, the timeout timer, the progress writer, the task's context and, for a `dbTask`, the
 * session. `execute()` runs the body and reports an `Outcome` instead of throwing, so the caller
 * can settle the record once; `dispose()` (in the caller's `finally`) releases what is left, once.
 */
import { TaskContext } from './context.js';
import type { Engine } from './engine.js';
import { LeaseLostError, TaskConfigurationError, TaskNotRegisteredError, TaskTimeoutError } from './errors.js';
import type { JobRecord } from './job-record.js';
import { errorFields, logAt, type LogLevel } from './logger.js';
import { ProgressWriter } from './progress.js';
import type { SessionHandle } from './sessions.js';
import { outsideSession, runInOpenSession } from './store.js';
import type { TaskDefinition } from './task.js';

/** The pg-boss job carrying a try; absent for `rt.runNow`. */
export interface BossJobRef {
  queue: string;
  id: string;
}

/** What the body did: returned a value, or threw (or was aborted) with an error. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

type AnyTask = TaskDefinition<any, any[], unknown>;

export function logRun(engine: Engine, level: LogLevel, message: string, record: JobRecord, fields: Record<string, unknown> = {}) {
  logAt(engine.logger, level, message, { job_id: record.id, task: record.task, attempt: record.attempts, ...fields });
}

/** Rejects when `signal` aborts, with its reason; never resolves. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export class Run {
  readonly controller = new AbortController();
  readonly progress: ProgressWriter;
  readonly ctx: TaskContext<unknown>;
  /** Undefined when this process does not have the record's task registered. */
  readonly def: AnyTask | undefined;
  /** The dbTask's open session; replaced by `commitBatch`, undefined outside the body. */
  #session: SessionHandle<unknown> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #timeout: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: Engine,
    readonly record: JobRecord,
    private readonly bossJob: BossJobRef | undefined,
  ) {
    this.def = engine.registry.get(record.task);
    this.progress = new ProgressWriter(engine.store, engine.repo, record.id, engine.owner, engine.logger);
    this.ctx = this.#context();
    engine.localRuns.set(record.id, this.controller);
    this.#startHeartbeat();
  }

  /** Runs the body to its end (or its abort); never throws. */
  async execute(): Promise<Outcome> {
    try {
      if (!this.def) {
        throw new TaskNotRegisteredError(`Task "${this.record.task}" is not registered in this worker`, { task: this.record.task });
      }
      this.#startTimeout(this.def);
      return { ok: true, value: await this.#body(this.def) };
    } catch (error) {
      return { ok: false, error };
    } finally {
      clearTimeout(this.#timeout);
    }
  }

  /** The body is over: stop renewing the lease and let queued progress reach the record. */
  async finishBody(): Promise<void> {
    this.#stopClocks();
    await this.progress.drain();
  }

  /** Releases what the run still holds; safe after `finishBody` and on any path. */
  async dispose(): Promise<void> {
    this.#stopClocks();
    await this.#closeSession();
    this.engine.localRuns.delete(this.record.id);
  }

  #stopClocks(): void {
    clearInterval(this.#heartbeat);
    clearTimeout(this.#timeout);
  }

  #log(level: LogLevel, message: string, fields: Record<string, unknown> = {}) {
    logRun(this.engine, level, message, this.record, fields);
  }

  #open(): Promise<SessionHandle<unknown>> {
    return this.engine.sessions ? this.engine.sessions.open() : this.engine.store.begin();
  }

  #context(): TaskContext<unknown> {
    const { record, engine, controller } = this;
    return new TaskContext<unknown>({
      jobId: record.id,
      task: record.task,
      attempt: record.attempts,
      triggeredBy: record.triggered_by,
      signal: controller.signal,
      logger: engine.logger,
      onProgress: (p) => this.progress.push(p),
      ...(this.def?.kind === 'db' && {
        session: () => {
          if (!this.#session) throw new TaskConfigurationError('ctx.session is only open while the task runs');
          return this.#session.session;
        },
        commitBatch: () => outsideSession(() => this.#commitBatch()),
      }),
    });
  }

  async #commitBatch(): Promise<void> {
    this.controller.signal.throwIfAborted();
    const handle = this.#session!;
    this.#session = undefined;
    try {
      await handle.commit();
    } finally {
      await handle.close();
    }
    // Between sessions the connection is free: a good moment to persist progress.
    await this.progress.drain();
    this.#session = await this.#open();
    this.#log('debug', 'Batch committed, new session opened');
  }

  /** Aborts the run with a `TaskTimeoutError` once the task's `timeoutSeconds` pass. */
  #startTimeout(def: AnyTask): void {
    if (!def.timeoutSeconds) return;
    this.#timeout = setTimeout(
      () => this.controller.abort(new TaskTimeoutError(`Task exceeded its timeout of ${def.timeoutSeconds}s`)),
      def.timeoutSeconds * 1000,
    );
  }

  /** Rejects as soon as the run is aborted (timeout, shutdown, lost lease), even if the body ignores its signal. */
  #race(run: () => Promise<unknown>): Promise<unknown> {
    const body = run();
    body.catch(() => undefined);
    return Promise.race([body, whenAborted(this.controller.signal)]);
  }

  /** The body, with its own session for a `dbTask`: committed on success, rolled back on error, closed. */
  async #body(def: AnyTask): Promise<unknown> {
    const run = () => def.run(this.ctx, ...this.record.args);
    if (def.kind === 'simple') return await this.#race(run);
    // Single connection (PGlite): a runtime call from inside the body would wait for the session the
    // body holds, forever; the scope makes the store throw a clear error instead.
    const guarded = this.engine.store.singleConnection;
    this.#session = await this.#open();
    this.#log('debug', 'Session opened');
    try {
      const value = await this.#race(guarded ? () => runInOpenSession(run) : run);
      this.controller.signal.throwIfAborted();
      await this.#session.commit();
      this.#log('debug', 'Session committed');
      return value;
    } catch (error) {
      await this.#rollback();
      throw error;
    } finally {
      await this.#closeSession();
    }
  }

  async #rollback(): Promise<void> {
    // Aborted (timeout, shutdown, lost lease) while a statement may still run: stop it first, or
    // the rollback waits behind it and the slot and connection stay held until it ends.
    if (this.controller.signal.aborted && this.#session?.cancel) {
      await this.#session.cancel().catch((e: unknown) => this.#log('warning', 'Statement cancel failed', errorFields(e)));
    }
    await this.#session?.rollback().catch((e: unknown) => this.#log('warning', 'Rollback failed', errorFields(e)));
    this.#log('debug', 'Session rolled back');
  }

  async #closeSession(): Promise<void> {
    const handle = this.#session;
    this.#session = undefined;
    await handle?.close().catch((e: unknown) => this.#log('warning', 'Session close failed', errorFields(e)));
  }

  /** Renews the lease (and touches the pg-boss job) every half heartbeat; aborts the run if the lease is gone. */
  #startHeartbeat(): void {
    const { engine, record, controller, bossJob } = this;
    let busy = false;
    this.#heartbeat = setInterval(() => {
      if (busy || controller.signal.aborted) return;
      busy = true;
      (async () => {
        const held = await engine.repo.renewLease(engine.store, record.id, engine.owner, engine.heartbeatMs);
        if (!held) {
          controller.abort(new LeaseLostError('Another worker took the job back: its lease expired'));
          return;
        }
        if (bossJob) await engine.boss.touch(bossJob.queue, bossJob.id);
      })()
        .catch((error: unknown) => this.#log('warning', 'Heartbeat failed', errorFields(error)))
        .finally(() => {
          busy = false;
        });
    }, engine.heartbeatMs / 2);
    this.#heartbeat.unref?.();
  }
}
