import { describe, expect, it } from 'vitest';
import { junit } from '../../../src/linter/formatters/junit.js';
import { escapeXml } from '../../../src/linter/formatters/xml-escape.js';
import { cleanReport, fixtureReport } from './report-fixture.js';

const NO_COLOR = { color: false };

/** Attributes of the first `<tag …>` in xml, as a record. */
function attrs(xml: string, tag: string): Record<string, string> {
  const open = new RegExp(`<${tag}\\b([^>]*?)/?>`).exec(xml);
  if (!open) throw new Error(`no <${tag}>`);
  return Object.fromEntries([...open[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

function count(xml: string, re: RegExp): number {
  return xml.match(re)?.length ?? 0;
}

describe('escapeXml', () => {
  it('escapes the five XML specials and strips characters XML 1.0 forbids', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(escapeXml('x\u0000\u0007\u001b\uFFFE\uD800y\tz\n')).toBe('xy\tz\n');
    expect(escapeXml('emoji \u{1F600} stays')).toBe('emoji \u{1F600} stays');
  });
});

describe('junit formatter', () => {
  const xml = junit(fixtureReport(), NO_COLOR);

  it('has a declaration and a <testsuites> root with totals', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
    // trigger: 1 rule; worker: 3 rules; clean: 1 passing testcase.
    expect(attrs(xml, 'testsuites')).toEqual({ name: 'bg-lint', tests: '5', failures: '4', errors: '0' });
  });

  it('has one testsuite per file, with counts, in report order', () => {
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"/g)].map((m) => m.slice(1));
    expect(suites).toEqual([
      ['src/api/trigger.ts', '1', '1'],
      ['src/jobs/worker.ts', '3', '3'],
      ['src/clean.ts', '1', '0'],
    ]);
    expect(count(xml, /<testsuite /g)).toBe(3);
    expect(count(xml, /<\/testsuite>/g)).toBe(3);
  });

  it('has one testcase per rule and file, failed with each finding as line:col message', () => {
    const cases = [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"(\/?)>/g)].map((m) => m.slice(1));
    expect(cases).toEqual([
      ['BG-031', 'src/api/trigger.ts', ''],
      ['BG-031', 'src/jobs/worker.ts', ''],
      ['BG-012', 'src/jobs/worker.ts', ''],
      ['BG-050', 'src/jobs/worker.ts', ''],
      ['bg-lint', 'src/clean.ts', '/'], // the clean file's passing testcase
    ]);
    expect(xml).toContain(
      '<failure message="1 finding of BG-012" type="warning">12:10 Poll interval 100% below the floor: 50ms, ' +
        'want &gt;= 1s not &lt;&amp;&gt; &quot;quoted&quot; &apos;single&apos;</failure>',
    );
    expect(xml).toContain('<failure message="1 finding of BG-050" type="info">120:3 Session opened');
    expect(count(xml, /<failure /g)).toBe(4);
    expect(count(xml, /<\/failure>/g)).toBe(4);
  });

  it('lists several findings of one rule in one failure, one per line', () => {
    const report = fixtureReport();
    const worker = report.files[1]!;
    worker.diagnostics.push({ ...worker.diagnostics[0]!, span: { start: { line: 9, column: 2 }, end: { line: 9, column: 4 } } });
    const out = junit(report, NO_COLOR);
    expect(out).toMatch(
      /<failure message="2 findings of BG-031" type="error">3:5 Job status [^<]*\n9:2 Job status [^<]*<\/failure>/,
    );
    expect(attrs(out, 'testsuites').tests).toBe('5');
  });

  it('never lets a raw special or control character through', () => {
    const report = fixtureReport();
    report.files[0]!.diagnostics[0]!.message = 'bell\u0007 <b> & "q"';
    const out = junit(report, NO_COLOR);
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(out).toContain('2:12 bell &lt;b&gt; &amp; &quot;q&quot;</failure>');
    // Outside the declaration, every `<` opens a known tag.
    const body = out.replace(/^<\?xml[^>]*\?>/, '').replace(/<\/?(testsuites|testsuite|testcase|failure)\b/g, '');
    expect(body).not.toContain('<');
  });

  it('lists a clean run as one passing testcase per file', () => {
    const out = junit(cleanReport(), NO_COLOR);
    expect(attrs(out, 'testsuites')).toMatchObject({ tests: '1', failures: '0' });
    expect(out).toContain('<testcase classname="bg-lint" name="src/clean.ts"/>');
    expect(out).not.toContain('<failure');
  });
});
