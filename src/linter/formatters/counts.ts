import type { Diagnostic, Severity } from '../../shared/diagnostic.js';
import type { LintReport } from '../report.js';

export interface SeverityCounts {
  total: number;
  bySeverity: Record<Severity, number>;
  /** Findings whose diagnostic carries a fix, by severity: what `--fix` could apply. */
  fixable: Record<Severity, number>;
}

/** Counts of one list of diagnostics; the summaries of stylish, json and junit all read these. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = {
    total: 0,
    bySeverity: { error: 0, warning: 0, info: 0 },
    fixable: { error: 0, warning: 0, info: 0 },
  };
  for (const d of diagnostics) {
    counts.total++;
    counts.bySeverity[d.severity]++;
    if (d.fix) counts.fixable[d.severity]++;
  }
  return counts;
}

/** Counts over every file of the report. */
export function countReport(report: LintReport): SeverityCounts {
  return countDiagnostics(report.files.flatMap((f) => f.diagnostics));
}
