import { resolve } from 'node:path';
import { writeOwnedFile } from '../engine/write-owned.js';
import type { Shard } from '../engine/shard.js';
import { loadFormatter, type FormatName } from '../formatters/by-name.js';
import { exitCodeFor, lint } from '../lint.js';
import { withSourcesAndDocLinks } from './report-sources.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import { REPORT_FILE } from './report-file.js';

export interface LintCommandOptions {
  config?: string;
  rules: string[];
  bundled: boolean;
  rule: string[];
  format: FormatName;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  /** --fix: apply safe fixes in place. */
  fix?: boolean;
  /** --fix-dry-run: print the fixes as a unified diff, write nothing (the report goes to -o only). */
  fixDryRun?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  baseline?: string;
  /** true (or '') when given without a file name. */
  updateBaseline?: string | true;
  staged?: boolean;
  /** true (or '') when given without a ref. */
  changed?: string | true;
  concurrency?: number;
  shard?: Shard;
  /** false with --no-prefilter (commander's `--no-` form). */
  prefilter?: boolean;
}

export const DEFAULT_BASELINE = '.bg-lint-baseline.json';

/** `bg-lint [paths...]`: lint, format, write; returns the exit code. */
export async function lintCommand(paths: string[], options: LintCommandOptions, io: CliIO): Promise<ExitCode> {
  const result = await lint({
    cwd: io.cwd,
    paths,
    ...(options.config !== undefined ? { config: options.config } : {}),
    rules: options.rules,
    bundled: options.bundled,
    ruleOverrides: options.rule,
    quiet: Boolean(options.quiet),
    cache: Boolean(options.cache),
    ...(options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    ...(options.updateBaseline !== undefined ? { updateBaseline: options.updateBaseline === true || options.updateBaseline === '' ? DEFAULT_BASELINE : options.updateBaseline } : {}),
    staged: Boolean(options.staged),
    ...(options.changed !== undefined ? { changed: options.changed === true || options.changed === '' ? 'HEAD' : options.changed } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
    ...(options.prefilter === false ? { prefilter: false } : {}),
    ...(options.fixDryRun ? { fix: 'dry-run' as const } : options.fix ? { fix: 'write' as const } : {}),
  });
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
  const report = options.format === 'html' ? withSourcesAndDocLinks(result.report) : result.report;
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
