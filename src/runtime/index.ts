/**
 * `bg-lint/runtime`: the reference job runtime. Tasks defined on it get the lifecycle, sessions,
 * retries, dedup, monitoring and the HTTP API the rule pack asks for, by construction.
 */
export { createRuntime, type Runtime, type RuntimeOptions, type Task } from './runtime.js';
export { defineTask, type TaskDefinition, type TaskOptions, type TaskBody, type TaskKind } from './task.js';
export { TaskContext, type TaskContextInit, type ProgressMetrics, type SuccessResult, type IterBatchesOptions } from './context.js';
export type { BulkJob, EnqueueOptions } from './enqueue.js';
export type { WorkOptions } from './pool.js';
export type { JobsApi } from './jobs.js';
export type { ListFilter } from './records.js';
export type { HttpOptions } from './http.js';
export type { DashboardAuth, DashboardOption } from './dashboard/access.js';
export {
  JOB_RECORD_COLUMNS,
  JOB_STATUSES,
  FINAL_STATUSES,
  ACTIVE_STATUSES,
  isJobStatus,
  isFinalStatus,
  rowToRecord,
  recordToJson,
  type JobRecord,
  type JobRecordJson,
  type JobStatus,
  type JobWarning,
  type QueueName,
} from './job-record.js';
export { QUEUE_NAMES, QUEUED_MESSAGE, DEDUPLICATED_MESSAGE, type TriggerResponse, type ErrorBody } from '../shared/jobs.js';
export { TRANSITIONS, canTransition, assertTransition, type Transition } from './transitions.js';
export {
  RETRY_POLICIES,
  JITTER,
  DEFAULT_MAX_DELAY_SECONDS,
  resolveRetryPolicy,
  retryDelay,
  isRetriable,
  nextTry,
  type NextTry,
  type RetryPolicy,
  type RetryPolicyName,
} from './retry.js';
export {
  RuntimeError,
  TaskValidationError,
  TaskNotFoundError,
  TaskConfigurationError,
  TaskNotRegisteredError,
  TaskTimeoutError,
  LeaseLostError,
  ShutdownError,
  ModelValidationError,
  NotFoundError,
  BadRequestError,
  ConflictError,
  CircuitBreakerOpenError,
  isIntegrityError,
  sqlState,
} from './errors.js';
export { withSession, sessionFactory, type SessionFactory, type SessionHandle, type SqlSession } from './sessions.js';
export { TaskRegistry, TASK_MODELS, type TaskInfo } from './registry.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export { StatsCounter } from './stats.js';
export { RESOURCE_NAME_HEADER, checkResourceName, safeDelete, type SafeDeleteOptions } from './safe-delete.js';
export { jsonResponse, errorResponse } from './responses.js';
export { jsonLogger, silentLogger, type Logger, type LogEntry, type LogLevel } from './logger.js';
export { QUEUE_WEIGHTS, queueOrder } from './scheduler.js';
export { MIGRATIONS } from './migrations/index.js';
export {
  TaskTestContext,
  InMemorySession,
  mockTaskSession,
  inMemorySessionFactory,
  type TaskTestContextInit,
} from './testing.js';
