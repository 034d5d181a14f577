/**
 * Retry policies (docs/runtime.md, Retries) and the one function that turns a policy and an attempt number
 * into a delay. The runtime, not pg-boss, decides retries: each try is its own pg-boss job sent with
 * `startAfter` = this delay, so the record's `run_after` is exactly when the next try may start.
 */
import { exponentialBackoff } from '../shared/backoff.js';
import { RuntimeError, TaskConfigurationError, isIntegrityError } from './errors.js';

export type RetryPolicyName = 'standard' | 'aggressive' | 'high_priority' | 'long_running' | 'no_retry';

export interface RetryPolicy {
  /** Tries after the first one. `max_attempts` on the record is `maxRetries + 1`. */
  maxRetries: number;
  /** Delay before the first retry. */
  initialDelaySeconds: number;
  /** `exponential` doubles the delay each retry; `fixed` keeps it. */
  backoff: 'exponential' | 'fixed';
  /** Upper bound of any single delay (default one hour), so a long policy cannot wait for days. */
  maxDelaySeconds?: number;
}

export const RETRY_POLICIES: Readonly<Record<RetryPolicyName, RetryPolicy>> = {
  standard: { maxRetries: 3, initialDelaySeconds: 60, backoff: 'exponential' },
  aggressive: { maxRetries: 5, initialDelaySeconds: 30, backoff: 'exponential' },
  high_priority: { maxRetries: 3, initialDelaySeconds: 120, backoff: 'exponential' },
  long_running: { maxRetries: 2, initialDelaySeconds: 300, backoff: 'exponential' },
  no_retry: { maxRetries: 0, initialDelaySeconds: 0, backoff: 'fixed' },
};

export const DEFAULT_MAX_DELAY_SECONDS = 3600;

/**
 * Jitter spreads a delay over `[base, base * (1 + JITTER))`. Kept below 1 so that, with exponential
 * backoff, every retry still waits longer than the previous one whatever the random draws were.
 */
export const JITTER = 0.5;

/** Resolves a policy name or object to a validated object; a bad one is a configuration error. */
export function resolveRetryPolicy(policy: RetryPolicyName | RetryPolicy | undefined): RetryPolicy {
  if (policy === undefined) return RETRY_POLICIES.standard;
  if (typeof policy === 'string') {
    const named = RETRY_POLICIES[policy];
    if (!named) throw new TaskConfigurationError(`Unknown retry policy "${policy}"`, { policy });
    return named;
  }
  const { maxRetries, initialDelaySeconds, backoff, maxDelaySeconds } = policy;
  const valid =
    Number.isInteger(maxRetries) &&
    maxRetries >= 0 &&
    Number.isFinite(initialDelaySeconds) &&
    initialDelaySeconds >= 0 &&
    (backoff === 'exponential' || backoff === 'fixed') &&
    (maxDelaySeconds === undefined || (Number.isFinite(maxDelaySeconds) && maxDelaySeconds >= 0));
  if (!valid) throw new TaskConfigurationError('Invalid retry policy', { policy });
  return { maxRetries, initialDelaySeconds, backoff, ...(maxDelaySeconds !== undefined && { maxDelaySeconds }) };
}

/**
 * Milliseconds to wait before retry number `attempt` (1 = the first retry), like BullMQ's backoff
 * strategies: `initial * 2^(attempt-1)` (or `initial` when fixed), times a jitter factor in
 * `[1, 1 + JITTER)`, capped at `maxDelaySeconds`. Pure: `random` is injected so tests can drive it.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = policy.backoff === 'exponential' ? exponentialBackoff(policy.initialDelaySeconds, n - 1) : policy.initialDelaySeconds;
  const r = Math.min(Math.max(random(), 0), 1);
  const cap = policy.maxDelaySeconds ?? DEFAULT_MAX_DELAY_SECONDS;
  return Math.round(Math.min(base * (1 + JITTER * r), cap) * 1000);
}

/**
 * Whether a failed run may be retried. The runtime's own errors say so themselves (`retriable` on
 * each class in errors.ts: validation, not-found, configuration and business-validation errors are
 * not: docs/runtime.md, Errors → HTTP). Integrity/constraint violations (SQLSTATE 23) are not either. Retriable:
 * connection errors, timeouts, anything unknown.
 */
export function isRetriable(error: unknown): boolean {
  if (error instanceof RuntimeError) return error.retriable;
  if (isIntegrityError(error)) return false;
  // Errors from other libraries may carry the same flag (e.g. a user's own non-retriable class).
  if (typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === false) {
    return false;
  }
  return true;
}

/** What follows a failed try: another one after `delayMs`, or failure. */
export interface NextTry {
  retry: boolean;
  delayMs: number;
}

/**
 * The one decision after a failed try, for the worker (the body threw) and the reaper (the worker
 * was lost) alike: retry while the error is retriable and tries remain (the record's own
 * `max_attempts`), after the task's policy delay. `policy` is undefined when this process does not
 * have the task registered: the record still knows how many tries it has, and the delay is `standard`'s.
 */
export function nextTry(
  record: { attempts: number; max_attempts: number },
  policy: RetryPolicy | undefined,
  error: unknown,
  random: () => number,
): NextTry {
  const retry = isRetriable(error) && record.attempts < record.max_attempts;
  return { retry, delayMs: retry ? retryDelay(policy ?? RETRY_POLICIES.standard, record.attempts, random) : 0 };
}
