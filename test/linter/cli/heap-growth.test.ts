import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../helpers/temp-project.js';

const DIST = fileURLToPath(new URL('../../../dist/linter/cli/heap-growth.js', import.meta.url));

/**
 * A child process keeps ~85 MB alive, then promotes garbage to the old generation the way a cold run
 * does (objects that live through a few young collections, then drop) and reports how far the old
 * space grew past its live size before the first full collection reclaimed it.
 */
const PROBE = `
import v8 from 'node:v8';
if (process.argv[2] === 'limit') (await import(${JSON.stringify(DIST)})).limitHeapGrowth();
const make = (n) => { const a = []; for (let i = 0; i < n; i++) a.push({ i, s: 'x' + i, o: { i } }); return a; };
const live = []; for (let i = 0; i < 40; i++) live.push(make(20000));
globalThis.gc(); globalThis.gc();
const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
const base = old();
let peak = base; const ring = [];
for (let i = 0; i < 4000; i++) {
  ring.push(make(5000)); if (ring.length > 40) ring.shift();
  const used = old();
  if (used < peak - 20e6) break;
  peak = Math.max(peak, used);
}
process.stdout.write(String(peak / base));
`;

function growth(limit: boolean): number {
  const script = join(tempProject({}), 'probe.mjs');
  writeFileSync(script, PROBE);
  const run = spawnSync(process.execPath, ['--expose-gc', script, ...(limit ? ['limit'] : [])], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return Number(run.stdout);
}

describe('the CLI bounds heap growth (bin/bg-lint.js calls limitHeapGrowth)', () => {
  it('collects before the old generation reaches 3x its live size (V8 alone lets it reach ~4.7x here)', () => {
    const limited = growth(true);
    expect(limited).toBeGreaterThan(1);
    expect(limited).toBeLessThan(3.2);
  });
});
