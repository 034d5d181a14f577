import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, formatters } from '../../../src/linter/formatters/index.js';
import { cleanReport, fixtureReport } from './report-fixture.js';

describe('formatters index', () => {
  it('offers exactly the seven formats', () => {
    expect([...FORMAT_NAMES].sort()).toEqual(['compact', 'github', 'html', 'json', 'junit', 'sarif', 'stylish']);
  });

  it('every formatter is pure: same report, same text; the report is not modified', () => {
    for (const name of FORMAT_NAMES) {
      const report = fixtureReport();
      const first = formatters[name](report, { color: false });
      expect(report, name).toEqual(fixtureReport());
      expect(formatters[name](report, { color: false }), name).toBe(first);
      expect(first.length, name).toBeGreaterThan(0);
    }
  });

  it('line formats print nothing for a clean run; document formats still print a document', () => {
    const clean = cleanReport();
    expect(['stylish', 'compact', 'github'].map((n) => formatters[n as 'stylish'](clean, { color: false }))).toEqual(['', '', '']);
    expect(JSON.parse(formatters.json(clean, { color: false }))).toHaveLength(1);
    expect(JSON.parse(formatters.sarif(clean, { color: false })).runs[0].results).toEqual([]);
    expect(formatters.junit(clean, { color: false })).toContain('<testsuites');
  });
});
