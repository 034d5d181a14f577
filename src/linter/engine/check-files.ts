import { ts } from 'ts-morph';
import { compareDiagnostics, ENGINE_RULE_IDS, type Diagnostic } from '../../shared/diagnostic.js';
import type { CompiledRule } from '../config/rule.js';
import type { FileFacts } from '../facts/project/file-facts.js';
import { parseErrorsOf, scriptKindOf } from '../facts/project/parse-file.js';
import { ProjectFacts } from '../facts/project/project-facts.js';
import { ProjectSnapshot } from '../facts/project/project-snapshot.js';
import { TypeQuestionDeferred } from '../facts/project/type-checker.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import { fingerprintOf } from './fingerprint.js';
import { buildPrefilter, type FilePrefilter } from './prefilter.js';
import { applySuppressions, parseSuppressions } from './suppressions.js';

/** A source file read and hashed, ready to check. */
export interface SourceInput {
  path: string;
  relativePath: string;
  text: string;
}

/** One file's findings, and every other file and project-wide scan (facts/project/scan-deps.ts) the rules read to produce them. */
export interface CheckedFile {
  path: string;
  diagnostics: Diagnostic[];
  deps: string[];
}

export interface CheckInput {
  root: string;
  subjects: SubjectSettings;
  rules: CompiledRule<unknown>[];
  /** Every loaded rule id, off ones included: a suppression naming another id is reported. */
  knownRuleIds?: readonly string[];
  targets: SourceInput[];
  /** Every source file of the project, for project-wide scans and cross-file lookups. */
  projectPaths: readonly string[];
  /** The project's tsconfig: module resolution (paths, workspaces) and the checker's options. */
  tsconfig?: string;
  /** Skip the per-file walk and checks of files no loaded check can report on (default true; --no-prefilter). */
  prefilter?: boolean;
  /** What earlier passes read (a lint session's, facts/project/project-snapshot.ts); the CLI passes none. */
  snapshot?: ProjectSnapshot;
  /** Files' resolved imports for their current texts, known from validating the cache: not resolved again. */
  knownImports?: Array<{ path: string; text: string; targets?: string[] }>;
}

export interface CheckOutput {
  files: CheckedFile[];
  typeCheckersCreated: number;
  /** Targets the prefilter let through without walking or checking them (each still reported, clean). */
  prefiltered?: number;
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
    report(at, messageId, data, extra) {
      const render = rule.check.meta.messages[messageId];
      // A check naming an id it does not declare is a bug in the check: fail loudly (an InternalError).
      if (!render) throw new Error(`check "${rule.check.meta.name}" reported an undeclared message id "${messageId}"`);
      const message = render(data);
      const span = 'kind' in at ? file.spanOfNode(at) : at;
      const help = extra?.help ?? rule.suggestion;
      out.push({
        ruleId: rule.id,
        severity,
        file: file.path,
        span,
        message,
        messageId,
        ...(help !== undefined ? { help: help.trim() } : {}),
        ...(extra?.fix ? { fix: extra.fix } : {}),
      });
    },
  });
}

/** True for V8's "Maximum call stack size exceeded", also when a check's crash wraps it. */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function tooDeep(path: string): Diagnostic {
  return {
    ruleId: ENGINE_RULE_IDS.skippedFile,
    severity: 'warning',
    file: path,
    span: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    message: 'file skipped: its code is nested too deeply to check (the call stack ran out); the rules did not run on it',
    help: 'Generated or minified code: add it to `ignore` in .bg-lint.yaml. Hand-written code: split the expression.',
  };
}

/** Skipped files this thread parsed for their syntax check alone (for tests and measurements). */
export const syntaxChecks = { parsed: 0 };

/**
 * A syntax check alone (no parent pointers, no index, no facts): a file the prefilter skips is
 * still parsed, since a broken file is a finding whatever the rules look for. A file this run
 * already parsed in full (a base class, a constant another file imported) is not parsed again: its
 * tree has the same syntax errors (same text, script kind and target; JSDoc errors are kept apart).
 */
function hasParseErrors(project: ProjectFacts, target: SourceInput): boolean {
  const parsed = project.parsedAlready(target.path);
  if (parsed) return parseErrorsOf(parsed.sourceFile).length > 0;
  syntaxChecks.parsed += 1;
  // JSDoc is not parsed: its errors never reach parseDiagnostics (TypeScript keeps them apart, in
  // jsDocDiagnostics), so skipping it only saves time.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(target.path, target.text, options, false, scriptKindOf(target.path));
  return parseErrorsOf(sourceFile).length > 0;
}

/**
 * A target no loaded check can report on: clean, with the scans the decision read as its
 * dependencies (the cache re-checks it when they change). Undefined: check it fully.
 */
function prefiltered(project: ProjectFacts, target: SourceInput, prefilter: FilePrefilter): CheckedFile | undefined {
  let needed = true;
  project.beginFile(target.path);
  const deps = project.trackDependencies(() => {
    needed = prefilter(target, project);
  });
  // A broken file takes the full path, so its parse-error findings are exactly those of a full check.
  if (needed || hasParseErrors(project, target)) return undefined;
  deps.delete(target.path);
  return { path: target.path, diagnostics: [], deps: [...deps].sort() };
}

/** One target: parse, run the rules, apply suppressions, fingerprint. */
function checkOne(
  project: ProjectFacts,
  target: SourceInput,
  rules: CompiledRule<unknown>[],
  rulesRun: ReadonlySet<string>,
  known: ReadonlySet<string> | undefined,
): CheckedFile {
  project.beginFile(target.path);
  const file = project.load(target.path)!;
  let diagnostics = parseErrorDiagnostics(file);
  const deps = project.trackDependencies(() => {
    if (diagnostics.length > 0) return;
    for (const rule of rules) {
      if (!rule.appliesTo(file.relativePath)) continue;
      try {
        runRule(project, file, rule, diagnostics);
      } catch (error) {
        if (isStackOverflow(error) || error instanceof TypeQuestionDeferred) throw error;
        throw new InternalError(file.path, rule.id, error);
      }
    }
    diagnostics = applySuppressions(file, diagnostics, parseSuppressions(file), rulesRun, known);
  });
  deps.delete(file.path);
  for (const d of diagnostics) d.fingerprint = fingerprintOf(file, d);
  diagnostics.sort(compareDiagnostics);
  return { path: file.path, diagnostics, deps: [...deps].sort() };
}

/**
 * One target through `check`, released afterwards; a file too deeply nested to walk is reported,
 * and a deferred type question is handed back (the file kept) for the engine to check it again later.
 */
function checkTarget(project: ProjectFacts, target: SourceInput, check: (t: SourceInput) => CheckedFile): CheckedFile | TypeQuestionDeferred {
  try {
    const checked = check(target);
    project.release(target.path);
    return checked;
  } catch (error) {
    // Kept loaded: facts already made of its tree (a route's handler, memoized for the run) must
    // name the nodes the later program holds, so the file is checked again on the same tree.
    if (error instanceof TypeQuestionDeferred) return error;
    project.release(target.path);
    // Nesting deeper than the call stack (the parser and tree walks recurse): this file cannot be
    // checked, but the run goes on and says so at the file.
    if (!isStackOverflow(error)) throw error;
    return { path: target.path, diagnostics: [tooDeep(target.path)], deps: [] };
  }
}

/**
 * Parses each target once, runs every applicable rule on it, applies suppressions and fingerprints
 * the findings. Pure with respect to its input (it may read other project files): the part of a run
 * that worker threads share out.
 */
export function checkFiles(input: CheckInput): CheckOutput {
  const snapshot = input.snapshot ?? new ProjectSnapshot({ root: input.root, ...(input.tsconfig !== undefined ? { tsconfig: input.tsconfig } : {}) });
  const project = new ProjectFacts(input.root, input.subjects, input.targets, input.projectPaths, input.tsconfig, snapshot);
  // After the constructor: its pass start may drop import lists when the file set changed.
  if (input.knownImports) snapshot.seedImports(input.knownImports);
  const rules = input.rules.filter((r) => r.level !== 'off');
  const rulesRun = new Set(rules.map((r) => r.id));
  const known = input.knownRuleIds ? new Set(input.knownRuleIds) : undefined;
  const files: CheckedFile[] = [];
  const prefilter = input.prefilter === false ? undefined : buildPrefilter(rules, input.subjects);
  let skipped = 0;
  // Type questions wait for the end of the run: one program over every file that asked answers
  // them, instead of a program grown (and a checker rebuilt) file by file.
  const deferred: Array<{ at: number; target: SourceInput; path: string | undefined }> = [];
  project.deferTypeQuestions(true);
  for (const target of input.targets) {
    const at = files.length;
    const checked = checkTarget(project, target, (t) => {
      const clean = prefilter ? prefiltered(project, t, prefilter) : undefined;
      if (clean) skipped += 1;
      return clean ?? checkOne(project, t, rules, rulesRun, known);
    });
    if (checked instanceof TypeQuestionDeferred) deferred.push({ at, target, path: checked.path });
    files.push(checked instanceof TypeQuestionDeferred ? { path: target.path, diagnostics: [], deps: [] } : checked);
  }
  // The program's roots: the files that asked, and the files asked about (a model file's fields).
  const roots = deferred.some((d) => d.path === undefined) ? undefined : [...new Set(deferred.flatMap((d) => [d.target.path, d.path!]))];
  project.answerDeferredAt(roots);
  for (const d of deferred) {
    const checked = checkTarget(project, d.target, (t) => checkOne(project, t, rules, rulesRun, known));
    if (checked instanceof TypeQuestionDeferred) throw new Error(`internal error: a type question from ${d.target.path} is still deferred`);
    files[d.at] = checked;
  }
  return { files, typeCheckersCreated: project.typeCheckersCreated, prefiltered: skipped };
}
