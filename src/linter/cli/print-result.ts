import { resolve } from 'node:path';
import { writeOwnedFile } from '../engine/write-owned.js';
import { exitCodeFor } from '../exit-code.js';
import { loadFormatter } from '../formatters/by-name.js';
import type { LintResult } from '../lint.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import type { LintCommandOptions } from './lint-command.js';
import { REPORT_FILE } from './report-file.js';

/**
 * What `bg-lint [paths...]` prints and returns for a finished run (or a replayed one: replay.ts):
 * the notes on stderr, the report in its format on stdout or in the output file, the exit code.
 */
export async function printLintResult(result: Omit<LintResult, 'replayed'>, options: LintCommandOptions, io: CliIO): Promise<ExitCode> {
  for (const { path, reason } of result.emptyPaths) io.stderr(`bg-lint: ${path}: nothing to lint (${reason})\n`);
  if (result.missingPaths.length > 0 || result.unreadablePaths.length > 0) {
    io.stderr(result.missingPaths.map((p) => `bg-lint: no such file, folder or matching glob: ${p}\n`).join(''));
    io.stderr(result.unreadablePaths.map((p) => `bg-lint: cannot read: ${p}\n`).join(''));
    return EXIT.untrusted;
  }
  const baseline = result.baseline;
  if (baseline?.written !== undefined) {
    io.stderr(`bg-lint: wrote ${baseline.written} finding${baseline.written === 1 ? '' : 's'} to the baseline\n`);
  } else if (baseline) {
    const stale = baseline.stale.map((e) => `  ${e.file}:${e.line} ${e.ruleId} ${e.message}\n`).join('');
    io.stderr(
      `bg-lint: the baseline accepted ${baseline.matched} finding${baseline.matched === 1 ? '' : 's'}` +
        (baseline.stale.length > 0
          ? `; ${baseline.stale.length} baseline entr${baseline.stale.length === 1 ? 'y no longer occurs' : 'ies no longer occur'} (prune with --update-baseline):\n${stale}`
          : '\n'),
    );
  }
  // Loaded only when fixes ran: its diff code and the fix loop are not needed by a plain run.
  if (result.fixes) (await import('./fix-output.js')).printFixOutcome(result.fixes, io);
  const color = !options.outputFile && options.format === 'stylish' && colorWanted(io);
  // Loaded for html only: it reads the sources and the rule docs.
  const report = options.format === 'html' ? (await import('./report-sources.js')).withSourcesAndDocLinks(result.report) : result.report;
  const text = (await loadFormatter(options.format))(report, { color });
  if (options.outputFile) {
    writeOwnedFile(resolve(io.cwd, options.outputFile), text.endsWith('\n') || text === '' ? text : text + '\n', REPORT_FILE);
  } else if (text !== '' && !options.fixDryRun) {
    io.stdout(text.endsWith('\n') ? text : text + '\n');
  }
  const code = exitCodeFor(result.counts, options.maxWarnings);
  if (code === EXIT.findings && result.counts.error === 0) {
    // Only warnings: say why this run fails, or a CI log shows an exit 1 next to "0 errors".
    const n = result.counts.warning;
    io.stderr(`bg-lint: ${n} warning${n === 1 ? '' : 's'} exceed${n === 1 ? 's' : ''} --max-warnings ${options.maxWarnings} (exit 1)\n`);
  }
  return code;
}

/**
 * Colour for the stylish report: FORCE_COLOR wins (`0` or `false` turns it off, any other value
 * on, as in Node and most CLIs), then NO_COLOR turns it off, else only on a terminal.
 */
export function colorWanted(io: CliIO): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return io.isTTY && !io.env.NO_COLOR;
}
