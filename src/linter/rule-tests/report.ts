import type { CaseOutcome } from './run.js';
import { diffFindings } from './run.js';
import type { RuleTestCase } from './load.js';

/**
 * A failing case, readably: where it is written, what it is linted as, and a diff of the findings
 * (`-` expected but not reported, `+` reported but not expected).
 */
export function formatFailure(ruleId: string, c: RuleTestCase, outcome: CaseOutcome, displayFile: string): string {
  const head = `FAIL ${ruleId} ${c.kind}[${c.index}] ${displayFile}:${c.at.line}:${c.at.column}${c.filename ? ` (${c.filename})` : ''}`;
  if (outcome.problem) return `${head}\n  ${outcome.problem}\n`;
  const show = (message: string | undefined) => (message === undefined ? '(any message)' : message);
  let lines: string[];
  if (c.kind === 'valid') lines = ['  expected no finding, reported:', ...outcome.found.map((f) => `  + line ${f.line}: ${f.message}`)];
  else if (c.errors === undefined) lines = ['  expected at least one finding, reported none'];
  else lines = ['  - expected  + reported', ...diffFindings(c.errors, outcome.found).map((d) => `  ${d.sign} line ${d.line}: ${show(d.message)}`)];
  return `${[head, ...lines].join('\n')}\n`;
}
