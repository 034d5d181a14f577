import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holdsByStatOr, racyWindow, sameSignature, statSignature, trustedSignature } from '../../../src/linter/engine/stat-signature.js';
import { tempProject } from '../../helpers/temp-project.js';

// The fully cached run trusts a stat only when the entry last changed outside the racy window: a
// second change within the same clock tick would leave the stat as recorded.
describe('stat signatures', () => {
  const saved = racyWindow.ms;
  afterEach(() => {
    racyWindow.ms = saved;
  });

  it('a file changed just now is not trusted; the same file is once the window is passed', () => {
    const file = join(tempProject({ 'a.ts': 'x\n' }), 'a.ts');
    expect(trustedSignature(file)).toBeNull();
    expect(sameSignature(file, null)).toBe(false);
    racyWindow.ms = -Infinity;
    const signature = trustedSignature(file);
    expect(signature).toEqual(statSignature(file));
    expect(sameSignature(file, signature)).toBe(true);
  });

  it('a missing file is [] and holds while missing; a changed stat falls back to the value', () => {
    const root = tempProject({ 'a.ts': 'x\n' });
    const missing = join(root, 'none.ts');
    expect(statSignature(missing)).toEqual([]);
    expect(sameSignature(missing, [])).toBe(true);
    const file = join(root, 'a.ts');
    const before = statSignature(file);
    const later = new Date(Date.now() + 10_000);
    utimesSync(file, later, later);
    expect(sameSignature(file, before)).toBe(false);
    expect(holdsByStatOr(file, [before, 'same'], () => 'same')).toBe(true);
    writeFileSync(file, 'y\n');
    expect(holdsByStatOr(file, [before, 'old'], () => 'new')).toBe(false);
  });
});
