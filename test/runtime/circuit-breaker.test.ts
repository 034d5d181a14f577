import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitBreakerOpenError, isRetriable } from '../../src/runtime/index.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold, fails fast, half-opens after the reset time, closes on success', async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ name: 'email_service', failureThreshold: 2, resetTimeoutMs: 1000, now: () => now });
    const boom = () => Promise.reject(new Error('down'));
    await expect(breaker.call(boom)).rejects.toThrow('down');
    expect(breaker.state).toBe('closed');
    await expect(breaker.call(boom)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    const open = await breaker.call(() => 'never').catch((e: unknown) => e);
    expect(open).toBeInstanceOf(CircuitBreakerOpenError);
    expect(isRetriable(open)).toBe(true);
    now = 1000;
    expect(breaker.state).toBe('half_open');
    await expect(breaker.call(boom)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    now = 2000;
    expect(await breaker.call(() => 'sent')).toBe('sent');
    expect(breaker.state).toBe('closed');
  });

  it('ignores errors that are not the service failing', async () => {
    const breaker = new CircuitBreaker({ name: 'api', failureThreshold: 1, isFailure: (e) => !(e instanceof TypeError) });
    await expect(breaker.call(() => Promise.reject(new TypeError('bad input')))).rejects.toThrow(TypeError);
    expect(breaker.state).toBe('closed');
  });
});
