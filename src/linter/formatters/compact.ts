import type { Formatter } from '../report.js';
import { relativePath } from './paths.js';
import { oneLine } from './text.js';

/**
 * `path:line:col: severity: message [RULE-ID]`, one finding per line and nothing else, so the
 * problem matchers in problem-matchers/ (GitHub Actions, VS Code tasks) can parse every line.
 */
export const compact: Formatter = (report) =>
  report.files
    .flatMap((file) =>
      file.diagnostics.map(
        (d) =>
          `${relativePath(report.cwd, file.file)}:${d.span.start.line}:${d.span.start.column}: ` +
          `${d.severity}: ${oneLine(d.message)} [${d.ruleId}]`,
      ),
    )
    .join('\n');
