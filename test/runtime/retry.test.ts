import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  CircuitBreakerOpenError,
  LeaseLostError,
  DEFAULT_MAX_DELAY_SECONDS,
  JITTER,
  ModelValidationError,
  RETRY_POLICIES,
  TaskConfigurationError,
  TaskNotFoundError,
  TaskNotRegisteredError,
  TaskTimeoutError,
  TaskValidationError,
  isRetriable,
  nextTry,
  resolveRetryPolicy,
  retryDelay,
  type RetryPolicy,
} from '../../src/runtime/index.js';

const policyArb: fc.Arbitrary<RetryPolicy> = fc.record({
  maxRetries: fc.integer({ min: 0, max: 10 }),
  initialDelaySeconds: fc.double({ min: 0, max: 600, noNaN: true }),
  backoff: fc.constantFrom('exponential' as const, 'fixed' as const),
});
const unit = fc.double({ min: 0, max: 1, noNaN: true });

describe('retry policies', () => {
  it('has the five named policies of seed 002', () => {
    expect(RETRY_POLICIES).toMatchObject({
      standard: { maxRetries: 3, initialDelaySeconds: 60 },
      aggressive: { maxRetries: 5, initialDelaySeconds: 30 },
      high_priority: { maxRetries: 3, initialDelaySeconds: 120 },
      long_running: { maxRetries: 2, initialDelaySeconds: 300 },
      no_retry: { maxRetries: 0 },
    });
  });

  it('accepts the object form and rejects nonsense as a configuration error', () => {
    expect(resolveRetryPolicy({ maxRetries: 1, initialDelaySeconds: 5, backoff: 'fixed' })).toEqual({
      maxRetries: 1,
      initialDelaySeconds: 5,
      backoff: 'fixed',
    });
    expect(resolveRetryPolicy('aggressive')).toBe(RETRY_POLICIES.aggressive);
    expect(() => resolveRetryPolicy({ maxRetries: -1, initialDelaySeconds: 5, backoff: 'fixed' })).toThrow(TaskConfigurationError);
    expect(() => resolveRetryPolicy('sometimes' as never)).toThrow(TaskConfigurationError);
  });
});

describe('retryDelay', () => {
  // The documented delays (docs/runtime.md), as numbers: jitter 0 gives the base, jitter 1 the top.
  it.each([
    ['standard', 1, 60_000, 90_000],
    ['standard', 2, 120_000, 180_000],
    ['standard', 3, 240_000, 360_000],
    ['aggressive', 1, 30_000, 45_000],
    ['aggressive', 5, 480_000, 720_000],
    ['high_priority', 1, 120_000, 180_000],
    ['high_priority', 3, 480_000, 720_000],
    ['long_running', 1, 300_000, 450_000],
    ['long_running', 2, 600_000, 900_000],
    // Capped at DEFAULT_MAX_DELAY_SECONDS (one hour): 60 s × 2^6 = 3,840 s.
    ['standard', 7, 3_600_000, 3_600_000],
    ['standard', 40, 3_600_000, 3_600_000],
  ] as const)('%s retry %i waits %i ms (jitter 0) to %i ms (jitter 1)', (name, attempt, low, high) => {
    expect(retryDelay(RETRY_POLICIES[name], attempt, () => 0)).toBe(low);
    expect(retryDelay(RETRY_POLICIES[name], attempt, () => 1)).toBe(high);
    expect(retryDelay(RETRY_POLICIES[name], attempt, () => 0.5)).toBe(Math.min(Math.round((low + high) / 2), 3_600_000));
  });

  it('caps at one hour by default', () => {
    expect(DEFAULT_MAX_DELAY_SECONDS).toBe(3600);
    expect(JITTER).toBe(0.5);
  });

  it('grows with each retry under exponential backoff, whatever the jitter draws', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 30 }), unit, unit, (policy, attempt, r1, r2) => {
        const p = { ...policy, backoff: 'exponential' as const };
        expect(retryDelay(p, attempt + 1, () => r2)).toBeGreaterThanOrEqual(retryDelay(p, attempt, () => r1));
      }),
    );
  });

  it('spreads delays over the jitter range', () => {
    const policy = { maxRetries: 3, initialDelaySeconds: 10, backoff: 'fixed' as const };
    expect(retryDelay(policy, 1, () => 0)).toBe(10_000);
    expect(retryDelay(policy, 1, () => 1)).toBe(15_000);
    fc.assert(
      fc.property(unit, (r) => {
        const d = retryDelay(policy, 3, () => r);
        expect(d).toBeGreaterThanOrEqual(10_000);
        expect(d).toBeLessThanOrEqual(15_000);
      }),
    );
  });

  it('is zero for a zero initial delay and respects maxDelaySeconds', () => {
    expect(retryDelay(RETRY_POLICIES.no_retry, 1, () => 0.7)).toBe(0);
    expect(retryDelay({ maxRetries: 9, initialDelaySeconds: 60, backoff: 'exponential', maxDelaySeconds: 90 }, 5, () => 1)).toBe(90_000);
  });
});

describe('error classification', () => {
  it.each([
    ['TaskValidationError', new TaskValidationError('x'), false],
    ['TaskNotFoundError', new TaskNotFoundError('x'), false],
    ['TaskConfigurationError', new TaskConfigurationError('x'), false],
    ['ModelValidationError', new ModelValidationError('x'), false],
    ['unique violation (23505)', Object.assign(new Error('dup'), { code: '23505' }), false],
    ['foreign key violation (23503)', Object.assign(new Error('fk'), { code: '23503' }), false],
    ['not null violation (23502)', Object.assign(new Error('nn'), { code: '23502' }), false],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), true],
    ['admin shutdown (57P01)', Object.assign(new Error('terminating'), { code: '57P01' }), true],
    ['serialization failure (40001)', Object.assign(new Error('retry'), { code: '40001' }), true],
    ['TaskTimeoutError', new TaskTimeoutError('slow'), true],
    ['CircuitBreakerOpenError', new CircuitBreakerOpenError('open'), true],
    ['LeaseLostError', new LeaseLostError('gone'), true],
    ['TaskNotRegisteredError', new TaskNotRegisteredError('elsewhere'), true],
    ['BadRequestError', new BadRequestError('bad'), false],
    ['a RuntimeError subclass that says retriable = false', new (class extends TaskTimeoutError { override readonly retriable = false })('x'), false],
    ['a foreign error with retriable: false', Object.assign(new Error('own'), { retriable: false }), false],
    ['unknown Error', new Error('boom'), true],
    ['a thrown string', 'boom', true],
  ])('%s → retriable: %s', (_name, error, retriable) => {
    expect(isRetriable(error)).toBe(retriable);
  });
});

describe('nextTry: the one retry-or-fail decision of the worker and the reaper', () => {
  const policy = resolveRetryPolicy('aggressive');
  it('retries a retriable error while tries remain, after the policy delay', () => {
    expect(nextTry({ attempts: 1, max_attempts: 6 }, policy, new Error('x'), () => 0)).toEqual({ retry: true, delayMs: 30_000 });
    expect(nextTry({ attempts: 6, max_attempts: 6 }, policy, new Error('x'), () => 0)).toEqual({ retry: false, delayMs: 0 });
    expect(nextTry({ attempts: 1, max_attempts: 6 }, policy, new TaskValidationError('x'), () => 0)).toEqual({ retry: false, delayMs: 0 });
  });
  it('a task this process does not have: retried under standard delays, within the record\'s tries', () => {
    const error = new TaskNotRegisteredError('not here');
    expect(nextTry({ attempts: 1, max_attempts: 4 }, undefined, error, () => 0)).toEqual({ retry: true, delayMs: 60_000 });
    expect(nextTry({ attempts: 4, max_attempts: 4 }, undefined, error, () => 0)).toEqual({ retry: false, delayMs: 0 });
  });
});
