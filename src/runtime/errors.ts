/**
 * The runtime's error classes. Two questions are answered by the class, not by string matching:
 * "retry this?" (`retriable`) and "which HTTP status?" (`httpStatus`). docs/runtime.md lists the
 * non-retriable task errors and maps `ModelValidationError` to 422 (Errors → HTTP).
 */

export interface ErrorDetails {
  [field: string]: unknown;
}

/** Base of every error the runtime throws on purpose. */
export class RuntimeError extends Error {
  /** Whether a failed run with this error may be retried by its policy. */
  readonly retriable: boolean = true;
  /** The status the HTTP API answers with when this error reaches it. */
  readonly httpStatus: number = 503;
  /** The machine-readable `error` field of the JSON body. */
  readonly code: string = 'runtime_error';
  readonly details: ErrorDetails;

  constructor(message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Invalid input to a task: retrying cannot help. `ctx.validationError(...)`, `ctx.validateUuid(...)`. */
export class TaskValidationError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 422;
  override readonly code = 'task_validation_error';
}

/** A resource the task needs does not exist: retrying cannot help. `ctx.notFoundError(...)`. */
export class TaskNotFoundError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 404;
  override readonly code = 'task_not_found';
}

/** Misconfiguration (missing API key, unknown task, bad options): retrying cannot help. */
export class TaskConfigurationError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 422;
  override readonly code = 'task_configuration_error';
}

/**
 * The job's task is not registered in this worker (a deployment where workers run different code,
 * e.g. mid-rollout). Retriable: another worker may have it; the tries still count, so a task no
 * worker knows fails once they run out.
 */
export class TaskNotRegisteredError extends RuntimeError {
  override readonly code = 'task_not_registered';
}

/** A task ran past its `timeoutSeconds`. Retriable: the next try may be faster (docs/runtime.md, Errors → HTTP). */
export class TaskTimeoutError extends RuntimeError {
  override readonly code = 'task_timeout';
}

/** The worker no longer owns the job (its lease expired and another worker took it back). */
export class LeaseLostError extends RuntimeError {
  override readonly code = 'lease_lost';
}

/** The runtime is shutting down: the run is released back to `pending`, not failed. */
export class ShutdownError extends RuntimeError {
  override readonly code = 'shutting_down';
}

/**
 * Business-rule validation failed: an illegal status transition, bad trigger input,
 * a database constraint. The HTTP API answers 422 with a JSON body.
 */
export class ModelValidationError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 422;
  override readonly code = 'model_validation_error';
}

/** No job or task by that id/name. HTTP 404. */
export class NotFoundError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 404;
  override readonly code = 'not_found';
}

/** The request itself is malformed (bad JSON, wrong types, missing header). HTTP 400. */
export class BadRequestError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 400;
  override readonly code = 'bad_request';
}

/** The request conflicts with the resource's state (wrong confirmation name, job running). HTTP 409. */
export class ConflictError extends RuntimeError {
  override readonly retriable = false;
  override readonly httpStatus = 409;
  override readonly code = 'conflict';
}

/** A circuit breaker refused the call. Retriable: the service may be back by the next try. */
export class CircuitBreakerOpenError extends RuntimeError {
  override readonly code = 'circuit_open';
}

/** PostgreSQL SQLSTATE of an error from `pg` or PGlite, if it has one. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Integrity constraint violations are SQLSTATE class 23 (unique, foreign key, not null, check). */
export function isIntegrityError(error: unknown): boolean {
  return sqlState(error)?.startsWith('23') ?? false;
}

/** A short, single-line message for `error_message` and logs; never throws. */
export function errorMessage(error: unknown, max = 2000): string {
  let text: string;
  if (error instanceof Error) text = error.message ? `${error.name}: ${error.message}` : error.name;
  else if (typeof error === 'string') text = error;
  else {
    try {
      text = JSON.stringify(error) ?? String(error);
    } catch {
      text = String(error);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
