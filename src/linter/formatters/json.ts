import type { Diagnostic } from '../../shared/diagnostic.js';
import type { Formatter } from '../report.js';
import { countDiagnostics } from './counts.js';
import { toEslintFix, type EslintFix } from './eslint-fix.js';

/**
 * One message of ESLint's result shape, plus bg-lint's own fields (consumers of ESLint results
 * ignore unknown keys): `bgSeverity` tells infos from warnings; `bgFingerprint`, `bgHelp` and
 * `bgFixDescription` keep what SARIF and the baseline need, so `bg-lint merge` can turn shards'
 * JSON into any format without losing it.
 */
interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  bgSeverity?: 'info';
  bgFingerprint?: string;
  bgHelp?: string;
  bgFixDescription?: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: EslintFix;
}

interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  suppressedMessages: [];
  usedDeprecatedRules: [];
}

/**
 * ESLint's `--format json` result array, so tools that read ESLint results (reviewdog,
 * code-review bots) read ours unchanged. One entry per linted file, clean ones included;
 * `filePath` is absolute as ESLint's is. Infos are ESLint severity 1 (there is no lower one), so
 * they count in warningCount/fixableWarningCount exactly as a consumer summing severities expects.
 */
export const json: Formatter = (report) => {
  // The array's text built entry by entry: a clean file (most of a big report) is a fixed text
  // around its path, not an object to build and serialise (that was most of the formatter's time in
  // the fully cached run). The bytes are JSON.stringify's: test/linter/formatters/json.test.ts.
  let out = '[';
  for (const [i, file] of report.files.entries()) {
    if (i > 0) out += ',';
    out += file.diagnostics.length === 0 ? `{"filePath":${quoted(file.file)}${CLEAN_ENTRY_TAIL}` : JSON.stringify(resultOf(file.file, file.diagnostics, file.source));
  }
  return out + ']';
};

function resultOf(filePath: string, diagnostics: readonly Diagnostic[], source: string | undefined): EslintResult {
  const counts = countDiagnostics(diagnostics);
  return {
    filePath,
    messages: diagnostics.map((d) => toMessage(d, source)),
    errorCount: counts.bySeverity.error,
    warningCount: counts.bySeverity.warning + counts.bySeverity.info,
    // Fixable by `bg-lint --fix`, even when a multi-edit fix cannot be shown in ESLint's shape.
    fixableErrorCount: counts.fixable.error,
    fixableWarningCount: counts.fixable.warning + counts.fixable.info,
    suppressedMessages: [],
    usedDeprecatedRules: [],
  };
}

/** What follows the path in a clean file's entry: resultOf's fields for no diagnostics, serialised. */
const CLEAN_ENTRY_TAIL = JSON.stringify(resultOf('', [], undefined)).slice('{"filePath":""'.length);

/** A path as JSON.stringify writes it: as is between quotes unless it holds a character JSON escapes. */
function quoted(text: string): string {
  return /["\\\u0000-\u001f\ud800-\udfff]/.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function toMessage(d: Diagnostic, source: string | undefined): EslintMessage {
  const message: EslintMessage = {
    ruleId: d.ruleId,
    severity: d.severity === 'error' ? 2 : 1,
    ...(d.severity === 'info' ? { bgSeverity: 'info' as const } : {}),
    message: d.message,
    line: d.span.start.line,
    column: d.span.start.column,
    endLine: d.span.end.line,
    endColumn: d.span.end.column,
  };
  if (d.fingerprint !== undefined) message.bgFingerprint = d.fingerprint;
  if (d.help !== undefined) message.bgHelp = d.help;
  const fix = d.fix && toEslintFix(d.fix, source);
  if (fix) {
    message.fix = fix;
    message.bgFixDescription = d.fix!.description;
  }
  return message;
}
