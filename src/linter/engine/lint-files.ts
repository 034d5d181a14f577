import { relative, sep } from 'node:path';
import { ts } from 'ts-morph';
import { compareDiagnostics, ENGINE_RULE_IDS, type Diagnostic, type Span } from '../../shared/diagnostic.js';
import type { CompiledRule } from '../config/rule.js';
import type { FileFacts } from '../facts/file-facts.js';
import { parseErrorsOf, parseFile } from '../facts/parse-file.js';
import { ProjectFacts } from '../facts/project-facts.js';
import type { SubjectSettings } from '../facts/subjects.js';
import type { FileReport } from '../report.js';
import { fingerprintOf } from './fingerprint.js';
import { readSource } from './read-source.js';
import { applySuppressions, parseSuppressions } from './suppressions.js';

export interface EngineInput {
  /** Project root: rule globs and relative paths are relative to it. */
  root: string;
  subjects: SubjectSettings;
  /** Rules to run (level not `off`). */
  rules: CompiledRule<unknown>[];
  /** Absolute paths of the files to lint. */
  files: string[];
}

export interface EngineOutput {
  files: FileReport[];
  /** How many type checkers the run created (0 or 1): proof that types are only built when needed. */
  typeCheckersCreated: number;
}

/** A check threw: the run cannot be trusted, and the message names the file and the rule. */
export class InternalError extends Error {
  constructor(
    readonly file: string,
    readonly ruleId: string,
    override readonly cause: unknown,
  ) {
    super(`internal error in rule ${ruleId} while checking ${file}: ${cause instanceof Error ? cause.stack ?? cause.message : String(cause)}`);
  }
}

function posixRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function wholeFileSpan(): Span {
  return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

function parseErrorDiagnostics(file: FileFacts): Diagnostic[] {
  return parseErrorsOf(file.sourceFile).map((d) => ({
    ruleId: ENGINE_RULE_IDS.parseError,
    severity: 'error' as const,
    file: file.path,
    span: file.spanOf(d.start, d.start + (d.length || 0)),
    message: `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    help: 'Fix the syntax error; the rules did not run on this file.',
  }));
}

function runRule(project: ProjectFacts, file: FileFacts, rule: CompiledRule<unknown>, out: Diagnostic[]): void {
  if (rule.level === 'off') return;
  const severity = rule.level;
  rule.check.check({
    rule,
    options: rule.options,
    file,
    project,
    report(at, message, extra) {
      const span = 'kind' in at ? file.spanOfNode(at) : at;
      const help = extra?.help ?? rule.suggestion;
      out.push({
        ruleId: rule.id,
        severity,
        file: file.path,
        span,
        message,
        ...(help !== undefined ? { help: help.trim() } : {}),
        ...(extra?.fix ? { fix: extra.fix } : {}),
      });
    },
  });
}

/**
 * The engine: read and parse each file once, run every applicable rule on it, apply suppressions,
 * fingerprint the findings. A file that cannot be read or parsed is a finding, never a crash.
 */
export function lintFiles(input: EngineInput): EngineOutput {
  const parsed: FileFacts[] = [];
  const reports: FileReport[] = [];
  for (const path of input.files) {
    const read = readSource(path);
    if (!read.ok) {
      reports.push({
        file: path,
        diagnostics: [{
          ruleId: ENGINE_RULE_IDS.skippedFile,
          severity: 'warning',
          file: path,
          span: wholeFileSpan(),
          message: `file skipped: ${read.reason}`,
          help: 'Add it to `ignore` in .bg-lint.yaml if it is not source code.',
        }],
      });
      continue;
    }
    parsed.push(parseFile(path, posixRelative(input.root, path), read.text));
  }
  const project = new ProjectFacts(input.root, input.subjects, parsed);
  const rulesRun = new Set(input.rules.filter((r) => r.level !== 'off').map((r) => r.id));
  for (const file of parsed) {
    let diagnostics = parseErrorDiagnostics(file);
    if (diagnostics.length === 0) {
      for (const rule of input.rules) {
        if (!rule.appliesTo(file.relativePath)) continue;
        try {
          runRule(project, file, rule, diagnostics);
        } catch (error) {
          throw new InternalError(file.path, rule.id, error);
        }
      }
      diagnostics = applySuppressions(file, diagnostics, parseSuppressions(file), rulesRun);
    }
    for (const d of diagnostics) d.fingerprint = fingerprintOf(file, d);
    diagnostics.sort(compareDiagnostics);
    reports.push({ file: file.path, diagnostics });
  }
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: reports, typeCheckersCreated: project.typeCheckersCreated };
}
