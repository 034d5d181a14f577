/**
 * A circuit breaker for calls to outside services (docs/runtime.md). State is per process:
 * each worker learns on its own that a service is down. After
 * `failureThreshold` consecutive failures the circuit opens and calls fail fast with a (retriable)
 * `CircuitBreakerOpenError`; after `resetTimeoutMs` one trial call is let through (half-open).
 */
import { CircuitBreakerOpenError } from './errors.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  name: string;
  failureThreshold?: number;
  resetTimeoutMs?: number;
  /** Which errors count as the service failing; default all. */
  isFailure?: (error: unknown) => boolean;
  /** Injected clock for tests. */
  now?: () => number;
}

export class CircuitBreaker {
  readonly name: string;
  readonly #threshold: number;
  readonly #resetMs: number;
  readonly #isFailure: (error: unknown) => boolean;
  readonly #now: () => number;
  #failures = 0;
  #openedAt = 0;
  #state: CircuitState = 'closed';
  #trial = false;

  constructor(options: CircuitBreakerOptions) {
    this.name = options.name;
    this.#threshold = options.failureThreshold ?? 5;
    this.#resetMs = options.resetTimeoutMs ?? 60_000;
    this.#isFailure = options.isFailure ?? (() => true);
    this.#now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.#resetMs) this.#state = 'half_open';
    return this.#state;
  }

  async call<T>(fn: () => Promise<T> | T): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half_open' && this.#trial)) {
      throw new CircuitBreakerOpenError(`Circuit "${this.name}" is open`, { circuit: this.name });
    }
    if (state === 'half_open') this.#trial = true;
    try {
      const value = await fn();
      this.#failures = 0;
      this.#state = 'closed';
      return value;
    } catch (error) {
      if (this.#isFailure(error)) {
        this.#failures++;
        if (state === 'half_open' || this.#failures >= this.#threshold) {
          this.#state = 'open';
          this.#openedAt = this.#now();
        }
      }
      throw error;
    } finally {
      if (state === 'half_open') this.#trial = false;
    }
  }

  reset(): void {
    this.#failures = 0;
    this.#state = 'closed';
  }
}
