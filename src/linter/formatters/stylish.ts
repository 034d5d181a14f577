import { createColors } from 'picocolors';
import type { Severity } from '../../shared/diagnostic.js';
import type { Formatter, FileReport } from '../report.js';
import { countReport } from './counts.js';
import { relativePath } from './paths.js';
import { oneLine, plural } from './text.js';

type Colors = ReturnType<typeof createColors>;

/**
 * ESLint's stylish layout: the relative path underlined, one aligned row per finding
 * (`line:col  severity  message  rule`), then a summary. Widths are measured on plain text and
 * colour is applied afterwards, so escape codes never skew the alignment.
 */
export const stylish: Formatter = (report, options) => {
  const c = createColors(options.color);
  const counts = countReport(report);
  if (counts.total === 0) return '';

  let out = '\n';
  for (const file of report.files) {
    if (file.diagnostics.length === 0) continue;
    out += `${c.underline(relativePath(report.cwd, file.file))}\n`;
    out += fileRows(file, c).join('\n') + '\n\n';
  }

  const { error, warning, info } = counts.bySeverity;
  // Red when anything failed, yellow for warnings only, plain blue for infos only, as ESLint does.
  const tint = error > 0 ? c.red : warning > 0 ? c.yellow : c.blue;
  out += tint(
    c.bold(
      `\u2716 ${plural(counts.total, 'problem')} ` +
        `(${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'info')})`,
    ),
  );
  const fix = counts.fixable;
  if (fix.error + fix.warning + fix.info > 0) {
    out +=
      '\n' +
      tint(
        c.bold(
          `  ${plural(fix.error, 'error')}, ${plural(fix.warning, 'warning')} and ` +
            `${plural(fix.info, 'info')} potentially fixable with the \`--fix\` option.`,
        ),
      );
  }
  return out + '\n';
};

function fileRows(file: FileReport, c: Colors): string[] {
  const rows = file.diagnostics.map((d) => ({
    line: String(d.span.start.line),
    column: String(d.span.start.column),
    severity: d.severity,
    message: oneLine(d.message),
    ruleId: d.ruleId,
  }));
  const width = (pick: (r: (typeof rows)[number]) => string) =>
    Math.max(...rows.map((r) => pick(r).length));
  const lineW = width((r) => r.line);
  const colW = width((r) => r.column);
  const sevW = width((r) => r.severity);
  const msgW = width((r) => r.message);
  // The colon lines up: line numbers right-aligned, columns left-aligned.
  return rows.map(
    (r) =>
      `  ${c.dim(`${r.line.padStart(lineW)}:${r.column.padEnd(colW)}`)}  ` +
      `${severityColor(r.severity, c)(r.severity.padEnd(sevW))}  ` +
      `${r.message.padEnd(msgW)}  ${c.dim(r.ruleId)}`,
  );
}

function severityColor(severity: Severity, c: Colors): (text: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
}
