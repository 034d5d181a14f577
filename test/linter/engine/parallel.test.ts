import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { shard, workerCount, PARALLEL_THRESHOLD } from '../../../src/linter/engine/parallel.js';
import { tempProject } from '../../helpers/temp-project.js';

function project(n: number): Record<string, string> {
  const files: Record<string, string> = {
    // A mixin: the fields come from the type checker (syntax reads plain `extends JobBase` itself).
    'src/models/base.ts':
      'export abstract class JobBase { status!: string }\n' +
      'export const Stamped = <T extends abstract new (...a: any[]) => object>(B: T) => { abstract class S extends B { created_at!: Date } return S; };\n',
  };
  for (let i = 0; i < n; i++) {
    files[`src/models/m${i}-job.ts`] = `import { JobBase, Stamped } from './base';\nexport class M${i}Job extends Stamped(JobBase) { x${i}!: number }\n`;
    files[`static/js/p${i}.js`] = `setInterval(() => pollStatus(), ${i % 2 ? 1000 : 4000});\n`;
    files[`src/util/u${i}.ts`] = `export function u${i}(a: number) { return a * ${i}; }\n`;
  }
  return files;
}

describe('worker threads', () => {
  it('give results identical to the single-thread run', async () => {
    const root = tempProject(project(20));
    const single = await lint({ cwd: root, paths: ['.'], concurrency: 1 });
    const parallel = await lint({ cwd: root, paths: ['.'], concurrency: 2 });
    expect(single.counts.error).toBeGreaterThan(0);
    expect(parallel.report.files).toEqual(single.report.files);
    expect(parallel.counts).toEqual(single.counts);
    // The models sort into the first shard: only that worker needs the type checker.
    expect(parallel.typeCheckersCreated).toBe(1);
  });

  it('are used only above the threshold, in contiguous shards', () => {
    expect(workerCount(PARALLEL_THRESHOLD - 1, undefined, 8)).toBe(1);
    expect(workerCount(PARALLEL_THRESHOLD * 4, undefined, 2)).toBe(1);
    expect(workerCount(PARALLEL_THRESHOLD * 4, undefined, 4)).toBe(4);
    expect(workerCount(10, 3)).toBe(3);
    expect(workerCount(2, 8)).toBe(2);
    const items = ['b', 'a', 'd', 'c', 'e'].map((path) => ({ path }));
    expect(shard(items, 2).map((s) => s.map((i) => i.path))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });
});
