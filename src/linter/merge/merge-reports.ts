import type { Diagnostic } from '../../shared/diagnostic.js';
import type { FileReport, LintReport, RuleInfo } from '../report.js';
import type { ReadReport } from './read-report.js';

/**
 * The union of the shards' reports: every file once (a file that two shards list — it cannot
 * happen with `--shard`, but reports can be merged by hand — keeps each distinct finding once),
 * findings sorted by position, rules from the reports first and then from the loaded configuration.
 */
export function mergeReports(reports: readonly ReadReport[], known: readonly RuleInfo[], fallback: { cwd: string; toolVersion: string }): LintReport {
  const files = new Map<string, Map<string, Diagnostic>>();
  for (const report of reports) {
    for (const f of report.files) {
      const seen = files.get(f.file) ?? new Map<string, Diagnostic>();
      for (const d of f.diagnostics) seen.set(identity(d), d);
      files.set(f.file, seen);
    }
  }
  const merged: FileReport[] = [...files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, ds]) => ({ file, diagnostics: [...ds.values()].sort(byPosition) }));
  // A rule that ran in a shard but found nothing still ran: keep every reported or configured rule,
  // so SARIF's rules and JUnit's test cases match an unsharded run.
  const rules = new Map<string, RuleInfo>();
  for (const r of [...reports.flatMap((x) => x.rules), ...known]) if (!rules.has(r.id)) rules.set(r.id, r);
  return {
    cwd: reports.find((r) => r.root !== undefined)?.root ?? fallback.cwd,
    files: merged,
    rules: [...rules.values()],
    toolVersion: reports.find((r) => r.toolVersion !== undefined)?.toolVersion ?? fallback.toolVersion,
  };
}

function identity(d: Diagnostic): string {
  return `${d.ruleId}\0${d.span.start.line}:${d.span.start.column}-${d.span.end.line}:${d.span.end.column}\0${d.message}`;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.start.line - b.span.start.line || a.span.start.column - b.span.start.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
