import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filesOfShard, parseShard, shardOf } from '../../../src/linter/engine/shard.js';

describe('--shard i/n', () => {
  it('parses i/n and says what is wrong otherwise', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard('0/4')).toEqual({ problem: '--shard 0/4: i must be between 1 and n (n >= 1)' });
    expect(parseShard('5/4')).toEqual({ problem: '--shard 5/4: i must be between 1 and n (n >= 1)' });
    expect(parseShard('2')).toEqual({ problem: '--shard "2": expected i/n, e.g. 2/4' });
  });

  it('the shards partition the files: every file in exactly one, whatever n', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (paths, n) => {
        const parts = Array.from({ length: n }, (_, i) => filesOfShard(paths, { index: i + 1, count: n }, (p) => p));
        expect(parts.flat().sort()).toEqual([...paths].sort());
      }),
    );
  });

  it('a file keeps its shard when other files come and go: the hash of its own path decides (pinned values)', () => {
    // Pinned: the partition must not change between versions, or CI matrices reshuffle their files.
    expect(['src/a.ts', 'src/b.ts', 'src/c.ts'].map((p) => shardOf(p, 4))).toEqual([2, 1, 2]);
    expect(shardOf('src/tasks/import.task.ts', 3)).toBe(3);
    const few = filesOfShard(['src/a.ts', 'src/c.ts'], { index: 2, count: 4 }, (p) => p);
    const more = filesOfShard(['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts'], { index: 2, count: 4 }, (p) => p);
    expect(few.every((p) => more.includes(p))).toBe(true);
  });
});
