import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Severity } from '../shared/diagnostic.js';
import { builtinChecks } from './checks/registry.js';
import { resolveConfiguration, type ResolveOptions } from './config/resolve.js';
import { applyBaseline, baselineFrom, readBaseline, writeBaseline, type BaselineEntry } from './engine/baseline.js';
import { cacheKey } from './engine/cache-key.js';
import { checkFiles } from './engine/check-files.js';
import { discoverFiles } from './engine/discover.js';
import { runFixPasses, type FixMode, type FixOutcome } from './engine/fix-loop.js';
import { gitFiles } from './engine/git-files.js';
import { lintFiles } from './engine/lint-files.js';
import { checkInParallel, workerCount } from './engine/parallel.js';
import { ResultCache } from './engine/result-cache.js';
import type { LintReport, RuleInfo } from './report.js';
import { TOOL_VERSION } from './version.js';

export interface LintOptions {
  /** Working directory: where the config is looked up from and paths are relative to. Default: process.cwd(). */
  cwd?: string;
  /** Files, folders or globs. Default: the current folder. */
  paths?: string[];
  /** A config file; default: `.bg-lint.yaml` found upward from cwd. */
  config?: string;
  /** Extra rule folders or files, on top of the bundled pack. */
  rules?: string[];
  /** Load the bundled pack (default true). */
  bundled?: boolean;
  /** `BG-041=off`-style overrides, applied last. */
  ruleOverrides?: string[];
  /** Report errors only. */
  quiet?: boolean;
  /** Run only these rule ids (rule tests, `explain` examples); every loaded rule when absent. */
  onlyRules?: string[];
  /** Reuse results of unchanged files (--cache). */
  cache?: boolean;
  /** Cache file, or a folder to put `cache.json` in. Default: node_modules/.cache/bg-lint/ under the project root. */
  cacheLocation?: string;
  /** Report only findings not accepted by this baseline file (--baseline). */
  baseline?: string;
  /** Write every current finding to this baseline file and report none (--update-baseline). */
  updateBaseline?: string;
  /** Lint only files staged in git (--staged), or changed since a ref (--changed). */
  staged?: boolean;
  changed?: string;
  /** Worker threads: a number, or undefined to decide by the number of files (1 = this thread only). */
  concurrency?: number;
  /** --fix (`write`: apply safe fixes in place, re-lint) or --fix-dry-run (`dry-run`: compute them, write nothing). */
  fix?: FixMode;
}

export interface BaselineSummary {
  /** Findings the baseline accepted. */
  matched: number;
  /** Entries that no longer occur: the file can be pruned with --update-baseline. */
  stale: BaselineEntry[];
  /** Set when --update-baseline wrote the file: how many entries. */
  written?: number;
}

export interface LintResult {
  report: LintReport;
  counts: Record<Severity, number>;
  /** Paths that named nothing: the caller must not trust the run (exit 2). */
  missingPaths: string[];
  /** How many type checkers were built: 0 when no rule needed types, else one per thread that needed one. */
  typeCheckersCreated: number;
  /** Files whose results came from the cache. */
  cachedFiles: number;
  baseline?: BaselineSummary;
  /** What --fix / --fix-dry-run changed (or would change). */
  fixes?: FixOutcome;
}

function cacheFile(root: string, location: string | undefined, cwd: string): string {
  if (location === undefined) return join(root, 'node_modules/.cache/bg-lint/cache.json');
  const abs = resolve(cwd, location);
  const isDir = location.endsWith('/') || (existsSync(abs) && statSync(abs).isDirectory());
  return isDir ? join(abs, 'cache.json') : abs;
}

/**
 * Lints a project: resolve the configuration, find the files, run the engine. Throws ConfigError for
 * bad configuration or rule files and InternalError when a check crashes; never touches the process.
 */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const resolveOptions: Omit<ResolveOptions, 'checks'> = {
    cwd,
    ...(options.config !== undefined ? { configPath: resolve(cwd, options.config) } : {}),
    ruleDirs: (options.rules ?? []).map((r) => resolve(cwd, r)),
    bundled: options.bundled ?? true,
    ruleOverrides: options.ruleOverrides ?? [],
  };
  const config = resolveConfiguration({ ...resolveOptions, checks: builtinChecks });
  const only = options.onlyRules ? new Set(options.onlyRules) : undefined;
  const rules = config.rules.filter((r) => r.level !== 'off' && (!only || only.has(r.id)));
  const discovery = await discoverFiles({ cwd, root: config.root, paths: options.paths ?? [], ignore: config.ignore });
  // --staged / --changed: check only those files, while project-wide facts still see every file.
  let targets = discovery.files;
  if (options.staged || options.changed !== undefined) {
    const selected = new Set(gitFiles(cwd, options.staged ? { staged: true } : { changed: options.changed! }));
    targets = discovery.files.filter((f) => selected.has(f));
  }
  const cache = options.cache
    ? ResultCache.open(
        cacheFile(config.root, options.cacheLocation, cwd),
        cacheKey({ toolVersion: TOOL_VERSION, rules, subjects: config.subjects, ignore: config.ignore, configFiles: config.ruleFiles }),
      )
    : undefined;
  const selection = { resolve: resolveOptions, ruleIds: rules.map((r) => r.id) };
  const runEngine = () => lintFiles({
    root: config.root,
    subjects: config.subjects,
    rules,
    knownRuleIds: config.rules.map((r) => r.id),
    files: targets,
    projectFiles: discovery.files,
    ...(cache ? { cache } : {}),
    runChecks: async (input) => {
      const workers = workerCount(input.targets.length, options.concurrency);
      return workers > 1 ? checkInParallel(input, selection, workers) : checkFiles(input);
    },
  });
  let output = await runEngine();
  let fixes: FixOutcome | undefined;
  if (options.fix) {
    // --quiet fixes errors only: what it reports.
    ({ output, outcome: fixes } = await runFixPasses(output, runEngine, options.fix, (d) => !options.quiet || d.severity === 'error'));
  }
  let lintedFiles = output.files;
  let baseline: BaselineSummary | undefined;
  if (options.updateBaseline !== undefined) {
    const doc = baselineFrom(config.root, lintedFiles);
    writeBaseline(resolve(cwd, options.updateBaseline), doc);
    baseline = { matched: doc.entries.length, stale: [], written: doc.entries.length };
    lintedFiles = lintedFiles.map((f) => ({ ...f, diagnostics: [] }));
  } else if (options.baseline !== undefined) {
    const applied = applyBaseline(config.root, lintedFiles, readBaseline(resolve(cwd, options.baseline)));
    baseline = { matched: applied.matched, stale: applied.stale };
    lintedFiles = applied.files;
  }
  const files = options.quiet
    ? lintedFiles.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') }))
    : lintedFiles;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const d of f.diagnostics) counts[d.severity] += 1;
  const ruleInfos: RuleInfo[] = rules.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description.trim(),
    severity: r.level as Severity,
    ...(r.suggestion !== undefined ? { help: r.suggestion.trim() } : {}),
    ...(r.docs !== undefined ? { docs: r.docs } : {}),
  }));
  return {
    report: { cwd, files, rules: ruleInfos, toolVersion: TOOL_VERSION },
    counts,
    missingPaths: discovery.missing,
    typeCheckersCreated: output.typeCheckersCreated,
    cachedFiles: output.cachedFiles,
    ...(baseline ? { baseline } : {}),
    ...(fixes ? { fixes } : {}),
  };
}

/** Exit code of a finished run: 1 when errors were found or warnings exceed the allowance, else 0. */
export function exitCodeFor(counts: Record<Severity, number>, maxWarnings: number | undefined): 0 | 1 {
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return 1;
  return 0;
}
