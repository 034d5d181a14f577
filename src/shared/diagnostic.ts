/**
 * The one diagnostic type every part of bg-lint produces and every formatter reads (like oxc's).
 * Positions are 1-based, columns count UTF-16 code units as editors and the TypeScript compiler do.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A rule's configured level: a severity, or `off` to not run it. */
export type RuleLevel = Severity | 'off';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** A text edit in one file: replace `[start, end)` (0-based character offsets) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** What the fix does, shown by --fix-dry-run and in SARIF. */
  description: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** `BG-031`, a user rule's id, or one of the engine's own ids (`parse-error`, `unused-suppression`, `skipped-file`). */
  ruleId: string;
  severity: Severity;
  /** Absolute path of the file the finding is in. */
  file: string;
  span: Span;
  /** What is wrong in this code: names the field, value, key or interval found. */
  message: string;
  /**
   * Which of the check's `meta.messages` produced `message` (ESLint's `messageId`); absent for the
   * engine's own findings. In memory only: the JSON, SARIF and other formats do not print it, so
   * their output is what it was before message ids existed.
   */
  messageId?: string;
  /** How to fix it: the rule's suggestion. */
  help?: string;
  fix?: Fix;
  /**
   * Stable under line shifts: a hash of the rule id, the enclosing symbol and the finding's
   * normalized code. Set by the engine; SARIF's partialFingerprints and the baseline read it.
   */
  fingerprint?: string;
}

/** Ids the engine itself reports under; not rules from a rule file. */
export const ENGINE_RULE_IDS = {
  parseError: 'parse-error',
  unusedSuppression: 'unused-suppression',
  skippedFile: 'skipped-file',
} as const;

/** Orders by file, position and rule; findings of one rule at one place keep the order they were reported in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.span.start.line - b.span.start.line ||
    a.span.start.column - b.span.start.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
