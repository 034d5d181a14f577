import { describe, expect, it } from 'vitest';
import { json } from '../../../src/linter/formatters/json.js';
import { sarif } from '../../../src/linter/formatters/sarif.js';
import { mergeReports } from '../../../src/linter/merge/merge-reports.js';
import { readReport, ReportError } from '../../../src/linter/merge/read-report.js';
import type { LintReport } from '../../../src/linter/report.js';
import { CWD, fixtureReport } from '../formatters/report-fixture.js';

const NO_COLOR = { color: false };
const withoutSource = (r: LintReport) => r.files.map(({ file, diagnostics }) => ({ file, diagnostics }));
const sortedFiles = <T extends { file: string }>(xs: T[]) => [...xs].sort((a, b) => (a.file < b.file ? -1 : 1));

describe('reading a report back (bg-lint merge)', () => {
  it('SARIF: every finding with its span, severity, message, fingerprint and fix; every file; the rules; the root', () => {
    const report = fixtureReport();
    const back = readReport('a.sarif', sarif(report, NO_COLOR));
    expect(back.root).toBe(CWD);
    expect(back.toolVersion).toBe('0.1.0');
    const expected = withoutSource(report).map((f) => ({
      file: f.file,
      // SARIF carries no help per result, and the fallback fingerprint is computed for findings without one.
      diagnostics: f.diagnostics.map(({ help: _help, ...d }) => ({ ...d, fingerprint: expect.any(String) })),
    }));
    expect(sortedFiles(back.files)).toEqual(sortedFiles(expected));
    expect(back.files.find((f) => f.file.endsWith('worker.ts'))!.diagnostics[0]!.fingerprint).toBe('fp-worker-status');
    expect(back.rules.map((r) => [r.id, r.severity])).toEqual([
      ['BG-031', 'error'],
      ['BG-012', 'warning'],
      ['BG-050', 'info'],
    ]);
    expect(back.rules[0]!.help).toBe('Use pending, running, succeeded or failed.');
  });

  it("JSON: bg-lint's ESLint-shaped results keep severity (info too), fingerprint, help and fix", () => {
    const report = fixtureReport();
    const back = readReport('a.json', json(report, NO_COLOR));
    const worker = back.files.find((f) => f.file === `${CWD}/src/jobs/worker.ts`)!;
    expect(worker.diagnostics).toEqual(report.files[1]!.diagnostics);
    // Two edits come back as the one merged range ESLint's shape holds: the same text once applied.
    const trigger = back.files.find((f) => f.file === `${CWD}/src/api/trigger.ts`)!;
    expect(trigger.diagnostics[0]!.fix).toEqual({ description: 'Respond 202 with the job id', edits: [{ start: 45, end: 65, text: '202);\n  res.send({ id: job.id }' }] });
    expect(back.files.map((f) => f.file)).toContain(`${CWD}/src/clean.ts`);
  });

  it('names the file and what is wrong for anything else', () => {
    expect(() => readReport('x.json', '{nope')).toThrow(ReportError);
    expect(() => readReport('x.json', '{nope')).toThrow(/^x\.json: not JSON/);
    expect(() => readReport('x.json', '{"a":1}')).toThrow(/x\.json: neither a bg-lint JSON report/);
    expect(() => readReport('x.json', '[{"file":"a"}]')).toThrow(/x\.json: results\[0\] has no filePath/);
  });

  it('merging two halves gives the whole report', () => {
    const report = fixtureReport();
    const a = { ...report, files: report.files.slice(0, 1) };
    const b = { ...report, files: report.files.slice(1) };
    const merged = mergeReports([readReport('a', sarif(a, NO_COLOR)), readReport('b', sarif(b, NO_COLOR))], [], { cwd: '/elsewhere', toolVersion: '9' });
    const whole = readReport('w', sarif(report, NO_COLOR));
    expect(merged.cwd).toBe(CWD);
    expect(merged.files).toEqual(sortedFiles(whole.files));
    expect(merged.rules.map((r) => r.id)).toEqual(['BG-031', 'BG-012', 'BG-050']);
  });

  it('a finding two reports both hold is kept once', () => {
    const report = fixtureReport();
    const r = readReport('a', sarif(report, NO_COLOR));
    const merged = mergeReports([r, r], [], { cwd: CWD, toolVersion: '0' });
    expect(merged.files.flatMap((f) => f.diagnostics)).toHaveLength(4);
  });
});
