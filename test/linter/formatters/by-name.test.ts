import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, formatters, loadFormatter } from '../../../src/linter/formatters/index.js';

// The CLI lists FORMAT_NAMES and loads one formatter by name (by-name.ts) instead of all of them.
describe('formatters by name', () => {
  it('FORMAT_NAMES are exactly the formatters, and each name loads that formatter', async () => {
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(formatters).sort());
    for (const name of FORMAT_NAMES) expect(await loadFormatter(name)).toBe(formatters[name]);
  });
});
