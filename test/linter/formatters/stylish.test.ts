import { describe, expect, it } from 'vitest';
import { stylish } from '../../../src/linter/formatters/stylish.js';
import { cleanReport, fixtureReport } from './report-fixture.js';

const ESC = '\u001b';

describe('stylish formatter', () => {
  it('groups findings by file with aligned rows and a summary (no colour)', () => {
    const tricky = 'Poll interval 100% below the floor: 50ms, want >= 1s not <&> "quoted" \'single\'';
    const status = "Job status 'done' is not one of pending, running, succeeded, failed";
    const w = tricky.length; // the longest message of worker.ts sets its message column width
    expect(stylish(fixtureReport(), { color: false })).toBe(
      [
        '',
        'src/api/trigger.ts',
        '  2:12  error  Trigger responds 200 instead of 202 Accepted  BG-031',
        '',
        'src/jobs/worker.ts',
        `    3:5   error    ${status.padEnd(w)}  BG-031`,
        `   12:10  warning  ${tricky}  BG-012`,
        `  120:3   info     ${'Session opened outside a transaction'.padEnd(w)}  BG-050`,
        '',
        '\u2716 4 problems (2 errors, 1 warning, 1 info)',
        '  2 errors, 0 warnings and 0 infos potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('has no escape codes at all without colour, and has them with colour', () => {
    expect(stylish(fixtureReport(), { color: false })).not.toContain(ESC);
    const coloured = stylish(fixtureReport(), { color: true });
    expect(coloured).toContain(ESC);
    // Colour wraps the same text: stripping the codes gives the plain output back.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(stylish(fixtureReport(), { color: false }));
    expect(coloured).toContain(`${ESC}[4msrc/api/trigger.ts${ESC}[24m`); // underlined path
  });

  it('omits the fixable line when nothing is fixable, and pluralises single counts', () => {
    const report = fixtureReport();
    report.files = [report.files[1]!];
    report.files[0]!.diagnostics = report.files[0]!.diagnostics.slice(1);
    const out = stylish(report, { color: false });
    expect(out).toContain('\u2716 2 problems (0 errors, 1 warning, 1 info)\n');
    expect(out).not.toContain('fixable');
  });

  it('prints nothing for a clean run', () => {
    expect(stylish(cleanReport(), { color: false })).toBe('');
    expect(stylish(cleanReport(), { color: true })).toBe('');
  });
});
