
/** `--shard i/n`: which of n CI jobs this is (1-based, as Jest and Playwright number them). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); a message that says what is wrong otherwise. */
export function parseShard(text: string): Shard | { problem: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return { problem: `--shard ${JSON.stringify(text)}: expected i/n, e.g. 2/4` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return { problem: `--shard ${text}: i must be between 1 and n (n >= 1)` };
  return { index, count };
}

/**
 * The shard a file belongs to, from a hash of its project-relative POSIX path: the same on every
 * machine and working directory, and a file keeps its shard when others are added or removed
 * (a contiguous split of the sorted list would move every file after the new one).
 */
export function shardOf(relativePath: string, count: number): number {
  // node:crypto on first use: the CLI imports this module for parseShard on every run.
  const h = process.getBuiltinModule('node:crypto').createHash('sha1').update(relativePath).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

/** The files of this shard, in their original order. */
export function filesOfShard<T>(files: readonly T[], shard: Shard, relativePathOf: (file: T) => string): T[] {
  if (shard.count === 1) return [...files];
  return files.filter((f) => shardOf(relativePathOf(f), shard.count) === shard.index);
}
