import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Shard } from '../engine/shard.js';
import { formatters, type FormatName } from '../formatters/index.js';
import { exitCodeFor, lint } from '../lint.js';
import { printFixOutcome } from './fix-output.js';
import { withSourcesAndDocLinks } from './report-sources.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';

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
  /** true when given without a file name. */
  updateBaseline?: string | true;
  staged?: boolean;
  /** true when given without a ref. */
  changed?: string | true;
  concurrency?: number;
  shard?: Shard;
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
    ...(options.updateBaseline !== undefined ? { updateBaseline: options.updateBaseline === true ? DEFAULT_BASELINE : options.updateBaseline } : {}),
    staged: Boolean(options.staged),
    ...(options.changed !== undefined ? { changed: options.changed === true ? 'HEAD' : options.changed } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
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
  if (result.fixes) printFixOutcome(result.fixes, io);
  const color = !options.outputFile && io.isTTY && !io.env.NO_COLOR && options.format === 'stylish';
  const report = options.format === 'html' ? withSourcesAndDocLinks(result.report) : result.report;
  const text = formatters[options.format](report, { color });
  if (options.outputFile) {
    const target = resolve(io.cwd, options.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text.endsWith('\n') || text === '' ? text : text + '\n');
  } else if (text !== '' && !options.fixDryRun) {
    io.stdout(text.endsWith('\n') ? text : text + '\n');
  }
  return exitCodeFor(result.counts, options.maxWarnings);
}
