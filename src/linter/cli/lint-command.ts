import type { Shard } from '../engine/shard.js';
import type { FormatName } from '../formatters/by-name.js';
import { lint } from '../lint.js';
import type { CliIO, ExitCode } from './io.js';
import { printLintResult } from './print-result.js';

export { colorWanted } from './print-result.js';

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

/** What a lint command line keeps in the run record (replay.ts). */
export interface RecordedCommand {
  argv: readonly string[];
  options: LintCommandOptions;
}

export const DEFAULT_BASELINE = '.bg-lint-baseline.json';

/**
 * `bg-lint [paths...]`: lint, format, write; returns the exit code. `argv` (as the user gave it) is
 * kept in the run record with the options, so that the same command line replays without parsing
 * (replay.ts).
 */
export async function lintCommand(paths: string[], options: LintCommandOptions, io: CliIO, argv?: readonly string[]): Promise<ExitCode> {
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
    ...(argv !== undefined ? { recordCli: { argv, options } satisfies RecordedCommand } : {}),
  });
  return printLintResult(result, options, io);
}
