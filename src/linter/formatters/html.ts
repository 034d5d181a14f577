import path from 'node:path';
import type { Diagnostic, Severity } from '../../shared/diagnostic.js';
import type { FileReport, Formatter, LintReport, RuleInfo } from '../report.js';
import { countReport } from './counts.js';
import { REPORT_SCRIPT, REPORT_STYLE } from './html-assets.js';
import { relativePath } from './paths.js';
import { escapeXml } from './xml-escape.js';

/** Lines of code shown around a finding, before and after its span. */
const CONTEXT_LINES = 2;
/** Longest excerpt: a finding spanning a whole function shows its first lines only. */
const MAX_EXCERPT_LINES = 12;

/** One finding as the page's script reads it; short keys, since a report may hold thousands. */
interface FindingData {
  /** Index into `rules`. */
  r: number;
  s: Severity;
  /** Path relative to the run's cwd, POSIX separators. */
  f: string;
  /** Folder of `f` ('.' for the top). */
  d: string;
  l: number;
  c: number;
  m: string;
  h?: string;
  /** Excerpt: first line number, its lines, and the span's last line. */
  x?: { from: number; to: number; lines: string[] };
}

interface RuleData {
  id: string;
  name: string;
  description: string;
  help?: string;
  /** A link the page may open (http, https or file URL); a repository path is shown as text. */
  href?: string;
  docs?: string;
  /** Findings the baseline accepted, when the run had one. */
  baselined?: number;
}

export interface ReportData {
  tool: string;
  totals: Record<Severity, number>;
  files: number;
  /** Whether the run had a baseline (new vs baselined columns). */
  baseline: boolean;
  rules: RuleData[];
  findings: FindingData[];
}

function excerpt(source: string | undefined, d: Diagnostic): FindingData['x'] {
  if (source === undefined) return undefined;
  const lines = source.split(/\r\n|\r|\n/);
  const from = Math.max(1, d.span.start.line - CONTEXT_LINES);
  const to = Math.min(lines.length, d.span.end.line + CONTEXT_LINES, from + MAX_EXCERPT_LINES - 1);
  return { from, to: Math.min(d.span.end.line, to), lines: lines.slice(from - 1, to) };
}

function ruleData(info: RuleInfo | undefined, id: string, baselined: number | undefined): RuleData {
  const docs = info?.docs;
  return {
    id,
    name: info?.name ?? id,
    description: info?.description ?? '',
    ...(info?.help !== undefined && { help: info.help }),
    ...(docs !== undefined && { docs }),
    ...(docs !== undefined && /^(https?|file):\/\//.test(docs) && { href: docs }),
    ...(baselined !== undefined && { baselined }),
  };
}

/** What the page renders: every finding, every rule that has one (or had one, before the baseline). */
export function reportData(report: LintReport): ReportData {
  const infos = new Map(report.rules.map((r) => [r.id, r]));
  const index = new Map<string, number>();
  const rules: RuleData[] = [];
  const ruleIndex = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      i = rules.push(ruleData(infos.get(id), id, report.baselined ? (report.baselined[id] ?? 0) : undefined)) - 1;
      index.set(id, i);
    }
    return i;
  };
  const findings: FindingData[] = [];
  for (const file of report.files) findings.push(...fileFindings(report.cwd, file, ruleIndex));
  for (const id of Object.keys(report.baselined ?? {})) ruleIndex(id);
  return {
    tool: `bg-lint ${report.toolVersion}`,
    totals: countReport(report).bySeverity,
    files: report.files.length,
    baseline: report.baselined !== undefined,
    rules,
    findings,
  };
}

function fileFindings(cwd: string, file: FileReport, ruleIndex: (id: string) => number): FindingData[] {
  const f = relativePath(cwd, file.file);
  const d = path.posix.dirname(f);
  return file.diagnostics.map((diag) => {
    const x = excerpt(file.source, diag);
    return {
      r: ruleIndex(diag.ruleId),
      s: diag.severity,
      f,
      d,
      l: diag.span.start.line,
      c: diag.span.start.column,
      m: diag.message,
      ...(diag.help !== undefined && { h: diag.help }),
      ...(x && { x }),
    };
  });
}

/** JSON that is safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * `--format html`: one self-contained page (inline CSS, script and data; it loads nothing, and its
 * CSP forbids loading anything). The findings travel as JSON and the page's script renders a group
 * only when it is opened, a page of findings at a time, so thousands of findings stay responsive.
 * Code excerpts come from `FileReport.source`, which the CLI fills for this format.
 */
export const html: Formatter = (report) => {
  const data = reportData(report);
  const totals = data.totals;
  const title = `bg-lint report: ${totals.error} errors, ${totals.warning} warnings, ${totals.info} infos`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<noscript><p>This report renders its findings with JavaScript; the same findings are in <code>bg-lint -f json</code>.</p></noscript>',
    `<script type="application/json" id="report-data">${scriptJson(data)}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
};
