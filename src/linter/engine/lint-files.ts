import { isAbsolute, relative, sep } from 'node:path';
import { ENGINE_RULE_IDS, type Diagnostic } from '../../shared/diagnostic.js';
import type { CompiledRule } from '../config/rule.js';
import { globRelativePath } from '../facts/project/scan-deps.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import type { FileReport } from '../report.js';
import { checkFiles, type CheckedFile, type CheckInput, type CheckOutput, type SourceInput } from './check-files.js';
import { contentHash } from './content-hash.js';
import { DependencyState } from './dependency-state.js';
import { readSource } from './read-source.js';
import type { ResultCache } from './result-cache.js';

export { InternalError } from './check-files.js';

export interface EngineInput {
  /** Project root: rule globs and relative paths are relative to it. */
  root: string;
  subjects: SubjectSettings;
  /** The project's tsconfig, if any. */
  tsconfig?: string;
  /** Rules to run (level not `off`). */
  rules: CompiledRule<unknown>[];
  /** Every loaded rule id, off ones included: a suppression naming another id is reported. */
  knownRuleIds?: readonly string[];
  /** Absolute paths of the files to lint. */
  files: string[];
  /** Every source file of the project (default: `files`): what project-wide scans and --staged runs see. */
  projectFiles?: string[];
  /** Reuse and record per-file results (--cache). */
  cache?: ResultCache;
  /** Runs the checks: in this thread by default; the parallel runner shards them over worker threads. */
  runChecks?: (input: CheckInput) => Promise<CheckOutput>;
  /** The text prefilter (default true): false checks every file fully (--no-prefilter), for comparison. */
  prefilter?: boolean;
}

export interface EngineOutput {
  files: FileReport[];
  /** How many type checkers the run created (0 or 1 per thread): proof that types are only built when needed. */
  typeCheckersCreated: number;
  /** Files whose results came from the cache. */
  cachedFiles: number;
  /** Checked files the prefilter found nothing to check in (not walked, reported clean). */
  prefilteredFiles: number;
  /** With a cache: each readable linted file's content hash, as the cache keyed it (the fully cached run records them). */
  contentHashes?: ReadonlyMap<string, string>;
}

function posixRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function skipped(path: string, reason: string): FileReport {
  return {
    file: path,
    diagnostics: [{
      ruleId: ENGINE_RULE_IDS.skippedFile,
      severity: 'warning',
      file: path,
      span: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      message: `file skipped: ${reason}`,
      help: 'Add it to `ignore` in .bg-lint.yaml if it is not source code.',
    }],
  };
}

/**
 * The engine: read each file, take unchanged ones from the cache, check the rest (in this thread or
 * in workers), record what each result depended on. A file that cannot be read or parsed is a
 * finding, never a crash.
 */
export async function lintFiles(input: EngineInput): Promise<EngineOutput> {
  const reports: FileReport[] = [];
  const sources: SourceInput[] = [];
  const hashes = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const path of input.files) {
    const read = readSource(path);
    if (!read.ok) {
      reports.push(skipped(path, read.reason));
      continue;
    }
    sources.push({ path, relativePath: posixRelative(input.root, path), text: read.text });
    if (input.cache) {
      hashes.set(path, contentHash(read.text));
      texts.set(path, read.text);
    }
  }
  const projectFiles = input.projectFiles ?? input.files;
  const depState = new DependencyState(input.root, projectFiles, texts, (p) => globRelativePath(input.root, p), input.tsconfig, input.cache?.contributions, input.cache?.scanAnswers, hashes);
  const valueOf = (dep: string) => depState.valueOf(dep);

  const toCheck: SourceInput[] = [];
  let cachedFiles = 0;
  for (const source of sources) {
    const cached = input.cache?.lookup(source.relativePath, hashes.get(source.path)!, valueOf);
    if (cached) {
      cachedFiles += 1;
      reports.push({ file: source.path, diagnostics: cached.map((d) => ({ ...d, file: source.path }) as Diagnostic) });
    } else {
      toCheck.push(source);
    }
  }

  const checkInput: CheckInput = {
    root: input.root,
    subjects: input.subjects,
    rules: input.rules,
    ...(input.knownRuleIds ? { knownRuleIds: input.knownRuleIds } : {}),
    targets: toCheck,
    projectPaths: projectFiles,
    ...(input.tsconfig !== undefined ? { tsconfig: input.tsconfig } : {}),
    ...(input.prefilter === false ? { prefilter: false } : {}),
    ...(input.cache ? { knownImports: depState.knownImports() } : {}),
  };
  const output = toCheck.length === 0 ? { files: [], typeCheckersCreated: 0 } : await (input.runChecks ?? (async (i) => checkFiles(i)))(checkInput);
  for (const checked of output.files) {
    reports.push({ file: checked.path, diagnostics: checked.diagnostics });
    if (input.cache) storeResult(input.cache, input.root, checked, hashes.get(checked.path)!, valueOf);
  }
  if (input.cache) {
    input.cache.storeScanAnswers(depState.answersToStore());
    input.cache.retainOnly(new Set(projectFiles.map((p) => posixRelative(input.root, p))));
    input.cache.save();
  }
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: reports, typeCheckersCreated: output.typeCheckersCreated, cachedFiles, prefilteredFiles: output.prefiltered ?? 0, ...(input.cache ? { contentHashes: hashes } : {}) };
}

function storeResult(
  cache: ResultCache,
  root: string,
  checked: CheckedFile,
  hash: string,
  valueOf: (dep: string) => string,
): void {
  const deps: Record<string, string> = {};
  for (const dep of checked.deps) {
    // Files are keyed by project-relative path; scans by their query.
    const key = isAbsolute(dep) ? posixRelative(root, dep) : dep;
    deps[key] = valueOf(key);
  }
  cache.store(posixRelative(root, checked.path), {
    hash,
    deps,
    diagnostics: checked.diagnostics.map(({ file: _file, ...rest }) => rest),
  });
}
