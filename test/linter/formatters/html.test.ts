import { describe, expect, it } from 'vitest';
import { html, reportData } from '../../../src/linter/formatters/html.js';
import { cleanReport, fixtureReport } from './report-fixture.js';

const NO_COLOR = { color: false };

/** The JSON the page renders from, read back out of the document. */
function embedded(page: string): ReturnType<typeof reportData> {
  const match = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page);
  if (!match) throw new Error('no report data in the page');
  return JSON.parse(match[1]!);
}

describe('html formatter', () => {
  it('embeds every finding with its rule, severity, relative path, position, message and help', () => {
    const data = embedded(html(fixtureReport(), NO_COLOR));
    const rows = data.findings.map((f) => [data.rules[f.r]!.id, f.s, f.f, f.d, f.l, f.c, f.m]);
    expect(rows).toEqual([
      ['BG-031', 'error', 'src/api/trigger.ts', 'src/api', 2, 12, 'Trigger responds 200 instead of 202 Accepted'],
      ['BG-031', 'error', 'src/jobs/worker.ts', 'src/jobs', 3, 5, "Job status 'done' is not one of pending, running, succeeded, failed"],
      ['BG-012', 'warning', 'src/jobs/worker.ts', 'src/jobs', 12, 10, 'Poll interval 100% below the floor: 50ms, want >= 1s\nnot <&> "quoted" \'single\''],
      ['BG-050', 'info', 'src/jobs/worker.ts', 'src/jobs', 120, 3, 'Session opened outside a transaction'],
    ]);
    expect(data.findings[1]!.h).toBe("Use 'succeeded'.");
    expect(data.totals).toEqual({ error: 2, warning: 1, info: 1 });
    expect(data.files).toBe(3);
    expect(data.tool).toBe('bg-lint 0.1.0');
  });

  it('carries each rule once, with its description, help and a link only for a URL', () => {
    const data = reportData(fixtureReport());
    expect(data.rules.map((r) => r.id)).toEqual(['BG-031', 'BG-012', 'BG-050']);
    expect(data.rules[0]).toMatchObject({
      name: 'job-status-values',
      description: 'Job status must be one of the canonical values. Other values break pollers.',
      help: 'Use pending, running, succeeded or failed.',
      href: 'https://example.com/rules/BG-031',
    });
    // A repository path is no link from a file that may be opened anywhere: shown as text.
    expect(data.rules[2]).toMatchObject({ docs: 'docs/rules/BG-050.md' });
    expect(data.rules[2]!.href).toBeUndefined();
  });

  it('cuts a code excerpt around the finding from the file source, when the report has it', () => {
    const data = reportData(fixtureReport());
    expect(data.findings[0]!.x).toEqual({
      from: 1,
      to: 2,
      lines: ['app.post("/jobs", (req, res) => {', '  res.send(200);', '  res.send(job);', '});'],
    });
    expect(data.findings[1]!.x).toBeUndefined(); // worker.ts came without its source
  });

  it('keeps an excerpt of a long span to its first lines', () => {
    const report = fixtureReport();
    const file = report.files[0]!;
    file.source = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
    file.diagnostics[0]!.span = { start: { line: 10, column: 1 }, end: { line: 90, column: 1 } };
    const x = reportData(report).findings[0]!.x!;
    expect(x.from).toBe(8);
    expect(x.lines).toHaveLength(12);
    expect(x.lines[0]).toBe('line 8');
  });

  it('cannot be broken out of: a message with </script> stays data', () => {
    const report = fixtureReport();
    report.files[0]!.diagnostics[0]!.message = 'x</script><script>alert(1)</script><!-- \u2028';
    const page = html(report, NO_COLOR);
    expect(page.match(/<\/script>/g)).toHaveLength(2); // the data's and the script's own
    expect(embedded(page).findings[0]!.m).toBe('x</script><script>alert(1)</script><!-- \u2028');
  });

  it('is one self-contained file: inline style and script, nothing to load, a CSP that forbids loading', () => {
    const page = html(fixtureReport(), NO_COLOR);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<link|<script[^>]* src=|<img|@import|url\(/);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(page).toContain('<title>bg-lint report: 2 errors, 1 warnings, 1 infos</title>');
  });

  it('with a baseline: each rule carries its baselined count, also a rule whose findings were all accepted', () => {
    const report = { ...fixtureReport(), baselined: { 'BG-031': 4, 'BG-099': 2 } };
    const data = reportData(report);
    expect(data.baseline).toBe(true);
    expect(data.rules.map((r) => [r.id, r.baselined])).toEqual([['BG-031', 4], ['BG-012', 0], ['BG-050', 0], ['BG-099', 2]]);
    expect(reportData(fixtureReport()).baseline).toBe(false);
    expect(reportData(fixtureReport()).rules[0]!.baselined).toBeUndefined();
  });

  it('still prints a page for a clean run', () => {
    const data = embedded(html(cleanReport(), NO_COLOR));
    expect(data.findings).toEqual([]);
    expect(data.totals).toEqual({ error: 0, warning: 0, info: 0 });
  });
});
