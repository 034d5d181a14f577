/** What the CLI may touch, handed in by the bin: the core never reads `process` itself. */
export interface CliIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** stdout is a terminal (colour allowed unless NO_COLOR). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes of linter.md: 0 clean, 1 findings over the limits, 2 the run cannot be trusted. */
export const EXIT = { ok: 0, findings: 1, untrusted: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
