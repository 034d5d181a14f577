/**
 * Exponential backoff, written once for the retry policies (runtime/retry.ts), the worker's fetch
 * loop (runtime/pool.ts) and the browser client's polling (runtime/client/poll.ts): BullMQ's
 * `delay * 2^n`, capped. Pure, no Node API, so the client can ship it to a page.
 */

/** Doublings stop here: every caller's cap is reached long before, and `2 ** n` must stay finite. */
const MAX_DOUBLINGS = 30;

/**
 * `initial * 2^doublings`, at most `cap`. `doublings` is how many times the delay has doubled
 * (0 = the initial delay itself); a negative or fractional count is floored at 0 / rounded down.
 */
export function exponentialBackoff(initial: number, doublings: number, cap = Infinity): number {
  const n = Math.min(Math.max(Math.floor(doublings), 0), MAX_DOUBLINGS);
  return Math.min(initial * 2 ** n, cap);
}
