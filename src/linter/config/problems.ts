/**
 * Positioned configuration errors. Every problem in a rule file, the config file or on the command
 * line is reported as `file:line:col: message` so that editors and CI annotate the exact spot, and
 * the CLI exits 2 (the run could not be trusted).
 */
export interface ConfigProblem {
  /** Absolute path of the YAML file, or `<command line>` for `--rule` values. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, UTF-16 code units (as editors count). */
  column: number;
  message: string;
}

/** Pseudo file name for problems in command-line arguments. */
export const COMMAND_LINE = '<command line>';

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Orders problems by file, then position, so output is stable and reads top to bottom. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = sorted;
  }
}

/** Throws a ConfigError when any problem was collected; lets loaders gather all problems first. */
export function throwIfProblems(problems: readonly ConfigProblem[]): void {
  if (problems.length > 0) throw new ConfigError(problems);
}
