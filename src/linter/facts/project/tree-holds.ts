/**
 * Which per-file memos may hold nodes of which parsed file (their values may keep the nodes of the
 * files their computation read), so that a run can release a tree once no fact alive reaches into
 * it: such a file can be parsed again if asked, as no fact alive compares its old nodes with new
 * ones. ProjectFacts releases a checked file nobody holds at once, and sweeps the rest.
 */
export class TreeHolds {
  /** Path → the holders of its tree. */
  private readonly holders = new Map<string, Set<string>>();
  /** Holder → the paths it holds. */
  private readonly held = new Map<string, Set<string>>();

  add(holder: string, path: string): void {
    let paths = this.held.get(holder);
    if (!paths) this.held.set(holder, (paths = new Set()));
    paths.add(path);
    let by = this.holders.get(path);
    if (!by) this.holders.set(path, (by = new Set()));
    by.add(holder);
  }

  /** The holder is gone (its memo dropped). */
  drop(holder: string): void {
    const paths = this.held.get(holder);
    if (!paths) return;
    this.held.delete(holder);
    for (const path of paths) {
      const by = this.holders.get(path)!;
      by.delete(holder);
      if (by.size === 0) this.holders.delete(path);
    }
  }

  isHeld(path: string): boolean {
    return this.holders.has(path);
  }
}
