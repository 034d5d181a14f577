import type { Diagnostic, Severity } from '../shared/diagnostic.js';

/** What a formatter needs to know about a rule that ran (SARIF's tool.driver.rules, explain, junit). */
export interface RuleInfo {
  id: string;
  name: string;
  description: string;
  /** The level the rule ran at after config and --rule overrides. */
  severity: Severity;
  /** The rule's suggestion: how to fix a finding. */
  help?: string;
  docs?: string;
}

export interface FileReport {
  /** Absolute path. */
  file: string;
  /** Sorted by position. */
  diagnostics: Diagnostic[];
  /** The file's text when a formatter or fixer may need it (fix previews); absent otherwise. */
  source?: string;
}

/** The whole run's outcome: the only input a formatter reads. */
export interface LintReport {
  /** Directory that relative paths in outputs are relative to. */
  cwd: string;
  /** The project root (the nearest folder holding every root when a run spans several): what SARIF URIs are relative to. */
  root?: string;
  /** Every file that was linted, including clean ones (junit and json list them). */
  files: FileReport[];
  /** Every rule that ran. */
  rules: RuleInfo[];
  toolVersion: string;
  /** With --baseline: findings the baseline accepted (left out of `files`), by rule id. */
  baselined?: Record<string, number>;
}

export interface FormatOptions {
  /** Colour the output (stylish only): false when not a TTY or NO_COLOR is set. */
  color: boolean;
}

/** A formatter is a pure function from the report to the text to print. */
export type Formatter = (report: LintReport, options: FormatOptions) => string;
