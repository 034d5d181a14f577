import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Severity } from '../../shared/diagnostic.js';
import { commonFolder, ProjectRoots } from '../engine/project-roots.js';
import { writeOwnedFile } from '../engine/write-owned.js';
import { formatters, type FormatName } from '../formatters/index.js';
import { exitCodeFor } from '../lint.js';
import { mergeReports } from '../merge/merge-reports.js';
import { readReport, ReportError, type ReadReport } from '../merge/read-report.js';
import { ruleInfoOf } from '../rule-info.js';
import { TOOL_VERSION } from '../version.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import type { LintCommandOptions } from './lint-command.js';
import { loadRulesFor } from './load-rules.js';
import { REPORT_FILE } from './report-file.js';

export type MergeCommandOptions = Pick<LintCommandOptions, 'config' | 'rules' | 'bundled' | 'rule' | 'format' | 'outputFile' | 'maxWarnings'>;

/**
 * `bg-lint merge <reports...> -f <fmt> [-o file]`: the union of `--shard` runs' JSON or SARIF
 * reports, in any format, with the exit code an unsharded run would have had. Rule metadata comes
 * from the reports (SARIF carries it); bg-lint JSON carries none, so the rules are then loaded as
 * a lint run with the same rule options would load them. A report that cannot be read is exit 2,
 * and nothing is written.
 */
export async function mergeCommand(paths: string[], options: MergeCommandOptions, io: CliIO): Promise<ExitCode> {
  const reports: ReadReport[] = [];
  for (const path of paths) {
    const abs = resolve(io.cwd, path);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      io.stderr(`bg-lint merge: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return EXIT.untrusted;
    }
    try {
      reports.push(readReport(path, text));
    } catch (e) {
      if (!(e instanceof ReportError)) throw e;
      io.stderr(`bg-lint merge: ${e.message}\n`);
      return EXIT.untrusted;
    }
  }
  const needsRules = reports.some((r) => r.rules.length === 0);
  const known = needsRules ? (await loadRulesFor(options, io)).filter((r) => r.level !== 'off').map(ruleInfoOf) : [];
  const merged = mergeReports(reports, known, { cwd: io.cwd, toolVersion: TOOL_VERSION });
  // Paths in SARIF are relative to the project root; JSON reports do not say it, so it is found
  // from the files, as a lint run finds it (never the working directory's accident).
  const files = merged.files.map((f) => f.file);
  const roots = new ProjectRoots();
  const root = reports.find((r) => r.root !== undefined)?.root ??
    (files.length > 0 ? commonFolder(files.map((f) => roots.projectOf(f, dirname(f)).root)) : undefined);
  const report = { ...merged, ...(root !== undefined ? { root } : {}) };

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.files) for (const d of f.diagnostics) counts[d.severity] += 1;
  const text = formatters[options.format as FormatName](report, { color: !options.outputFile && io.isTTY && !io.env.NO_COLOR && options.format === 'stylish' });
  if (options.outputFile) {
    // The same safe write as a lint run's -o: never over a folder, a source file or package.json.
    writeOwnedFile(resolve(io.cwd, options.outputFile), text.endsWith('\n') || text === '' ? text : text + '\n', REPORT_FILE);
  } else if (text !== '') {
    io.stdout(text.endsWith('\n') ? text : text + '\n');
  }
  return exitCodeFor(counts, options.maxWarnings);
}
