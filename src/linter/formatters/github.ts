import type { Diagnostic, Severity } from '../../shared/diagnostic.js';
import type { Formatter } from '../report.js';
import { escapeData, escapeProperty } from './github-escape.js';
import { relativePath } from './paths.js';

/** GitHub has no `info` annotation; `notice` is its lowest level. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and drops the rest
 * silently), so printing more only hides which ones it kept. The full list belongs in SARIF.
 */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

/**
 * GitHub Actions workflow commands, one annotation per finding, most severe first:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`, at most
 * GITHUB_ANNOTATIONS_PER_LEVEL of each level, then one summary line. Paths are relative to cwd,
 * which in a workflow is the checkout GitHub resolves them against.
 */
export const github: Formatter = (report) => {
  const all: Array<{ path: string; d: Diagnostic }> = report.files.flatMap((file) =>
    file.diagnostics.map((d) => ({ path: relativePath(report.cwd, file.file), d })),
  );
  if (all.length === 0) return '';
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const lines: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    for (const { path, d } of all) {
      if (d.severity !== severity || shown[severity] >= GITHUB_ANNOTATIONS_PER_LEVEL) continue;
      shown[severity] += 1;
      const props = [
        `file=${escapeProperty(path)}`,
        `line=${d.span.start.line}`,
        `col=${d.span.start.column}`,
        `endLine=${d.span.end.line}`,
        `endColumn=${d.span.end.column}`,
        `title=${escapeProperty(d.ruleId)}`,
      ].join(',');
      lines.push(`::${COMMAND[d.severity]} ${props}::${escapeData(d.message)}`);
    }
  }
  const count = (s: Severity) => all.filter((x) => x.d.severity === s).length;
  const hidden = all.length - shown.error - shown.warning - shown.info;
  const summary = `bg-lint: ${all.length} finding${all.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos)`;
  lines.push(hidden > 0 ? `${summary}; ${hidden} not annotated (GitHub shows ${GITHUB_ANNOTATIONS_PER_LEVEL} per level): the SARIF report (-f sarif) has them all` : summary);
  return lines.join('\n');
};
