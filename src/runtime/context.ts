/**
 * TaskContext: the one object a task body receives (docs/runtime.md, TaskContext). It logs with the job id and task,
 * validates input, builds non-retriable errors and results, walks batches, reports progress, and
 * hands out the run's session. It never holds a request's session: `dbTask` bodies get a fresh one.
 */
import { TaskConfigurationError, TaskNotFoundError, TaskValidationError, type ErrorDetails } from './errors.js';
import type { JobWarning } from './job-record.js';
import { errorFields, logAt, silentLogger, type LogLevel, type Logger } from './logger.js';
import { StatsCounter } from './stats.js';

export type ProgressMetrics = Record<string, string | number | boolean | null>;

export interface TaskContextInit<S> {
  jobId: string;
  task: string;
  attempt?: number;
  triggeredBy?: string | null;
  signal?: AbortSignal;
  logger?: Logger;
  /** The run's current session (it changes after `commitBatch`); absent for `simpleTask`. */
  session?: () => S;
  /** Commits the current session and opens a fresh one. */
  commitBatch?: () => Promise<void>;
  /** Persists progress; must not wait for the database (PGlite: the task may hold the connection). */
  onProgress?: (progress: Record<string, unknown>) => void;
}

export interface IterBatchesOptions<T, R> {
  batchSize?: number;
  /** Loads a batch (e.g. ids → rows through `ctx.session`). */
  load?: (batch: T[]) => Promise<R[]>;
}

export interface SuccessResult {
  status: 'success';
  task_id: string;
  [field: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TaskContext<S = unknown> {
  readonly jobId: string;
  readonly task: string;
  readonly attempt: number;
  readonly triggeredBy: string | null;
  /** Aborted on timeout, on shutdown, or when the worker lost the job's lease: stop early. */
  readonly signal: AbortSignal;
  /** Warnings of this run; any makes the run `completed_with_warnings`. */
  readonly warnings: JobWarning[] = [];
  /** Last progress reported. */
  progress: Record<string, unknown> | null = null;
  readonly #init: TaskContextInit<S>;
  readonly #logger: Logger;

  constructor(init: TaskContextInit<S>) {
    this.#init = init;
    this.jobId = init.jobId;
    this.task = init.task;
    this.attempt = init.attempt ?? 1;
    this.triggeredBy = init.triggeredBy ?? null;
    this.signal = init.signal ?? new AbortController().signal;
    this.#logger = init.logger ?? silentLogger;
  }

  /** The session of this run (`dbTask` only): opened for the run, committed on success, rolled back on error. */
  get session(): S {
    if (!this.#init.session) {
      throw new TaskConfigurationError(`Task "${this.task}" has no session: define it with dbTask to get ctx.session`);
    }
    return this.#init.session();
  }

  // --- logging ------------------------------------------------------------------------------

  protected log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    const { error, ...rest } = fields;
    logAt(this.#logger, level, message, {
      job_id: this.jobId,
      task: this.task,
      attempt: this.attempt,
      ...rest,
      ...(error !== undefined && errorFields(error)),
    });
  }

  logInfo(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }

  logSuccess(message: string, fields?: Record<string, unknown>): void {
    this.log('success', message, fields);
  }

  /** A non-fatal problem: logged, kept on the record, and the run ends `completed_with_warnings`. */
  logWarning(message: string, fields: Record<string, unknown> = {}): void {
    this.warnings.push({ ...fields, message, at: new Date().toISOString() });
    this.log('warning', message, fields);
  }

  /** Pass `{ error }` to log the error's name and message. */
  logError(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  }

  logDebug(message: string, fields?: Record<string, unknown>): void {
    this.log('debug', message, fields);
  }

  /** Records progress on the job (`progress` column); returns at once, the write is queued. */
  async logProgress(metrics: ProgressMetrics | StatsCounter): Promise<void> {
    const values = metrics instanceof StatsCounter ? metrics.toDict() : metrics;
    this.progress = { ...values, updated_at: new Date().toISOString() };
    this.log('debug', 'Progress', { progress: values });
    this.#init.onProgress?.(this.progress);
  }

  // --- validation and errors ----------------------------------------------------------------

  /** Returns the uuid in lowercase, or throws a (non-retriable) `TaskValidationError`. */
  validateUuid(value: unknown, field = 'id'): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new TaskValidationError(`Invalid UUID for ${field}`, { field, value: String(value) });
    }
    return value.toLowerCase();
  }

  notFoundError(message: string, details?: ErrorDetails): TaskNotFoundError {
    return new TaskNotFoundError(message, details);
  }

  validationError(message: string, details?: ErrorDetails): TaskValidationError {
    return new TaskValidationError(message, details);
  }

  configError(message: string, details?: ErrorDetails): TaskConfigurationError {
    return new TaskConfigurationError(message, details);
  }

  /** `{ status: 'success', task_id, ...fields }` (docs/runtime.md, TaskContext); stored as the record's `result`. */
  successResult(fields: Record<string, unknown> = {}): SuccessResult {
    return { status: 'success', task_id: this.jobId, ...fields };
  }

  // --- batches ------------------------------------------------------------------------------

  /** Yields `items` in batches (loaded through `load` when given); stops early when `signal` aborts. */
  async *iterBatches<T, R = T>(
    items: Iterable<T>,
    options: number | IterBatchesOptions<T, R> = {},
  ): AsyncGenerator<R[], void, undefined> {
    const { batchSize = 20, load } = typeof options === 'number' ? { batchSize: options } : options;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new TaskConfigurationError('batchSize must be a positive integer', { batchSize });
    }
    let batch: T[] = [];
    const emit = async (): Promise<R[]> => (load ? load(batch) : (batch as unknown as R[]));
    for (const item of items) {
      batch.push(item);
      if (batch.length === batchSize) {
        this.signal.throwIfAborted();
        yield await emit();
        batch = [];
      }
    }
    if (batch.length) {
      this.signal.throwIfAborted();
      yield await emit();
    }
  }

  /** Commits the work so far and continues in a fresh session (`dbTask`); a no-op without a session. */
  async commitBatch(): Promise<void> {
    this.signal.throwIfAborted();
    if (this.#init.commitBatch) await this.#init.commitBatch();
  }

  createStatsCounter(): StatsCounter {
    return new StatsCounter();
  }
}
