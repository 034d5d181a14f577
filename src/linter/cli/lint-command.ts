import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatters, type FormatName } from '../formatters/index.js';
import { exitCodeFor, lint } from '../lint.js';
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
}

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
  });
  if (result.missingPaths.length > 0) {
    io.stderr(result.missingPaths.map((p) => `bg-lint: no such file, folder or matching glob: ${p}\n`).join(''));
    return EXIT.untrusted;
  }
  const color = !options.outputFile && io.isTTY && !io.env.NO_COLOR && options.format === 'stylish';
  const text = formatters[options.format](result.report, { color });
  if (options.outputFile) {
    const target = resolve(io.cwd, options.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text.endsWith('\n') || text === '' ? text : text + '\n');
  } else if (text !== '') {
    io.stdout(text.endsWith('\n') ? text : text + '\n');
  }
  return exitCodeFor(result.counts, options.maxWarnings);
}
