import type { Severity } from '../../shared/diagnostic.js';
import type { Formatter } from '../report.js';
import { escapeData, escapeProperty } from './github-escape.js';
import { relativePath } from './paths.js';

/** GitHub has no `info` annotation; `notice` is its lowest level. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`.
 * Paths are relative to cwd, which in a workflow is the checkout GitHub resolves them against.
 */
export const github: Formatter = (report) =>
  report.files
    .flatMap((file) => {
      const path = relativePath(report.cwd, file.file);
      return file.diagnostics.map((d) => {
        const props = [
          `file=${escapeProperty(path)}`,
          `line=${d.span.start.line}`,
          `col=${d.span.start.column}`,
          `endLine=${d.span.end.line}`,
          `endColumn=${d.span.end.column}`,
          `title=${escapeProperty(d.ruleId)}`,
        ].join(',');
        return `::${COMMAND[d.severity]} ${props}::${escapeData(d.message)}`;
      });
    })
    .join('\n');
