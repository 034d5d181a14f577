import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from '../../src/shared/backoff.js';

describe('exponentialBackoff', () => {
  it.each([
    [1000, 0, Infinity, 1000],
    [1000, 1, Infinity, 2000],
    [1000, 3, Infinity, 8000],
    [4000, 4, 60_000, 60_000],
    [4000, 3, 60_000, 32_000],
    [100, -2, Infinity, 100],
    [100, 2.9, Infinity, 400],
    // Doubling stops at 2^30, so a long outage cannot overflow to Infinity before the cap.
    [1, 1000, Infinity, 2 ** 30],
  ])('initial %i after %i doublings (cap %s) → %i', (initial, doublings, cap, expected) => {
    expect(exponentialBackoff(initial, doublings, cap)).toBe(expected);
  });
});
