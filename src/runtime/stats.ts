/** Counters a batch task keeps and returns in its result (`ctx.createStatsCounter()`, docs/runtime.md TaskContext). */
export class StatsCounter {
  readonly #counts = new Map<string, number>();

  increment(key: string, by = 1): number {
    const next = (this.#counts.get(key) ?? 0) + by;
    this.#counts.set(key, next);
    return next;
  }

  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  /** Plain object for `ctx.successResult({ ...stats.toDict() })` and `ctx.logProgress(...)`. */
  toDict(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  toJSON(): Record<string, number> {
    return this.toDict();
  }
}
