/**
 * Task definitions (`simpleTask` / `dbTask`, docs/runtime.md). A definition is plain data plus the
 * body; `defineTask` makes one without a runtime (so a test can call `def.run(ctx, ...args)`), and
 * a runtime's `register`/`dbTask`/`simpleTask` binds it so it can be enqueued.
 */
import type { QueueName } from '../shared/jobs.js';
import type { TaskContext } from './context.js';
import { TaskConfigurationError } from './errors.js';
import { resolveRetryPolicy, type RetryPolicy, type RetryPolicyName } from './retry.js';
import { QUEUE_NAMES } from '../shared/jobs.js';

export interface TaskOptions<A extends unknown[] = unknown[]> {
  /** Unique, e.g. `marketplace.import`; letters, digits, `.`, `_`, `-`. */
  name: string;
  /** Default `default`. */
  queue?: QueueName;
  /** A named policy or `{ maxRetries, initialDelaySeconds, backoff }`. Default `standard`. */
  retryPolicy?: RetryPolicyName | RetryPolicy;
  /** Longest run; past it the run is aborted and fails with a (retriable) `TaskTimeoutError`. */
  timeoutSeconds?: number;
  /** Checks arguments at enqueue time; throw `ModelValidationError` to refuse (HTTP 422). */
  validateArgs?: (args: A) => void;
  description?: string;
}

export type TaskKind = 'db' | 'simple';

export type TaskBody<S, A extends unknown[], R> = (ctx: TaskContext<S>, ...args: A) => Promise<R> | R;

export interface TaskDefinition<S = unknown, A extends unknown[] = unknown[], R = unknown> {
  readonly name: string;
  readonly kind: TaskKind;
  readonly queue: QueueName;
  readonly retryPolicy: RetryPolicy;
  readonly timeoutSeconds: number | undefined;
  readonly options: TaskOptions<A>;
  /** Runs the body with a context you supply (tests: `TaskTestContext`); no record, no lifecycle. */
  run(ctx: TaskContext<S>, ...args: A): Promise<R>;
}

/**
 * Marks what `defineTask` made, so discovery registers task definitions and nothing else a module
 * exports. `Symbol.for`: the mark survives two copies of this package (e.g. src and dist).
 */
const TASK_DEFINITION = Symbol.for('bg-lint.task-definition');

export function isTaskDefinition(value: unknown): value is TaskDefinition<any, any[], unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TASK_DEFINITION] === true;
}

const TASK_NAME = /^[A-Za-z0-9][\w.-]{0,127}$/;

export function defineTask<S, A extends unknown[], R>(
  options: TaskOptions<A> & { kind?: TaskKind },
  body: TaskBody<S, A, R>,
): TaskDefinition<S, A, R> {
  if (!TASK_NAME.test(options.name)) {
    throw new TaskConfigurationError(`Invalid task name "${options.name}"`, { name: options.name });
  }
  const queue = options.queue ?? 'default';
  if (!QUEUE_NAMES.includes(queue)) {
    throw new TaskConfigurationError(`Unknown queue "${queue}" for task "${options.name}"`, { queue });
  }
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= 86_400)) {
    throw new TaskConfigurationError(`timeoutSeconds must be in (0, 86400] for task "${options.name}"`);
  }
  const def: TaskDefinition<S, A, R> = {
    name: options.name,
    kind: options.kind ?? 'simple',
    queue,
    retryPolicy: resolveRetryPolicy(options.retryPolicy),
    timeoutSeconds: timeout,
    options,
    run: async (ctx, ...args) => body(ctx, ...args),
  };
  // Not enumerable: a runtime's `{ ...def, enqueue }` is a bound task, not another definition to register.
  Object.defineProperty(def, TASK_DEFINITION, { value: true });
  return def;
}
