import type { Diagnostic } from '../../shared/diagnostic.js';
import type { FileReport, Formatter } from '../report.js';
import { relativePath } from './paths.js';
import { oneLine, plural, SEVERITY_RANK } from './text.js';
import { escapeXml } from './xml-escape.js';

interface TestCase {
  classname: string;
  name: string;
  /** Absent for the passing testcase of a clean file. */
  findings?: Diagnostic[];
}

/**
 * JUnit XML for CI systems that read nothing else: a testsuite per linted file and a testcase
 * per rule and file, failed with every finding of that rule in that file. A clean file gets one
 * passing testcase, so the report still shows that it was linted.
 */
export const junit: Formatter = (report) => {
  const suites = report.files.map((file) => {
    const name = relativePath(report.cwd, file.file);
    return { name, cases: testCases(file, name) };
  });
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.findings).length, 0);

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bg-lint" tests="${tests}" failures="${failures}" errors="0">`,
  ];
  for (const suite of suites) {
    const suiteFailures = suite.cases.filter((c) => c.findings).length;
    lines.push(
      `  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" ` +
        `failures="${suiteFailures}" errors="0" skipped="0">`,
    );
    for (const tc of suite.cases) lines.push(...testCaseXml(tc));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
};

function testCases(file: FileReport, name: string): TestCase[] {
  if (file.diagnostics.length === 0) return [{ classname: 'bg-lint', name }];
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of file.diagnostics) {
    const list = byRule.get(d.ruleId);
    if (list) list.push(d);
    else byRule.set(d.ruleId, [d]);
  }
  return [...byRule].map(([ruleId, findings]) => ({ classname: ruleId, name, findings }));
}

function testCaseXml(tc: TestCase): string[] {
  const open = `    <testcase classname="${escapeXml(tc.classname)}" name="${escapeXml(tc.name)}"`;
  if (!tc.findings) return [`${open}/>`];
  const rows = tc.findings.map((d) => `${d.span.start.line}:${d.span.start.column} ${oneLine(d.message)}`);
  // The worst severity among the rule's findings (a rule's findings normally share one).
  const type = tc.findings.reduce((worst, d) =>
    SEVERITY_RANK[d.severity] > SEVERITY_RANK[worst.severity] ? d : worst,
  ).severity;
  const summary = `${plural(tc.findings.length, 'finding')} of ${tc.classname}`;
  return [
    `${open}>`,
    `      <failure message="${escapeXml(summary)}" type="${type}">${escapeXml(rows.join('\n'))}</failure>`,
    '    </testcase>',
  ];
}
