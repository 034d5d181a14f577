import { dirname, join, resolve } from 'node:path';
import type { Severity } from '../shared/diagnostic.js';
import type { ResolveOptions } from './config/resolve.js';
import { acceptedByRule } from './engine/baseline-counts.js';
import { applyBaseline, baselineFrom, readBaseline, writeBaseline, type BaselineEntry } from './engine/baseline.js';
import { contentHash } from './engine/content-hash.js';
import { discoverFiles, type Discovery } from './engine/discover.js';
import type { FixMode, FixOutcome } from './engine/fix-loop.js';
import { gitFiles } from './engine/git-files.js';
import type { EngineOutput } from './engine/lint-files.js';
import { commonFolder, pathExists, ProjectRoots, rootRelative } from './engine/project-roots.js';
import { anchorRoot, cacheFile } from './engine/record-location.js';
import type { ResultCache } from './engine/result-cache.js';
import { inputsHold, readRunRecord, recordedFile, runRecordFile, writeRunRecord, type RunBasis, type RunInputs } from './engine/run-record.js';
import { filesOfShard, type Shard } from './engine/shard.js';
import { statSignature, trustedSignature } from './engine/stat-signature.js';
import { TreeLog, treeHolds as treeHoldsNow } from './engine/tree-record.js';
import type { LintReport, RuleInfo } from './report.js';
import { ruleInfoOf } from './rule-info.js';
import { TOOL_VERSION } from './version.js';

export { exitCodeFor } from './exit-code.js';

export interface LintOptions {
  /** Working directory: what relative paths (named paths, -c, --rules, -o) are relative to. Default: process.cwd(). Findings never depend on it. */
  cwd?: string;
  /** Files, folders or globs. Default: the current folder. */
  paths?: string[];
  /** A config file for every linted file; default: per file, the nearest `.bg-lint.yaml` upward from it. */
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
  /** --shard i/n: lint only this part of the files (a stable partition by root-relative path); project facts still see every file. */
  shard?: Shard;
  /** Worker threads: a number, or undefined to decide by the number of files (1 = this thread only). */
  concurrency?: number;
  /** The text prefilter (default true): false parses and checks every file (--no-prefilter), for comparison. */
  prefilter?: boolean;
  /** --fix (`write`: apply safe fixes in place, re-lint) or --fix-dry-run (`dry-run`: compute them, write nothing). */
  fix?: FixMode;
  /** Kept in the run record as is, with --cache: the CLI's argv and parsed options, so that it can replay without parsing argv (cli/replay.ts). */
  recordCli?: unknown;
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
  /** Named paths that exist but cannot be read: exit 2 as well. */
  unreadablePaths: string[];
  /** Named paths that led to no linted file (empty, only folder links, every file ignored): said on stderr. */
  emptyPaths: { path: string; reason: string }[];
  /** The project roots of the run, one per config and root found from the files. */
  roots: string[];
  /** How many type checkers were built: 0 when no rule needed types, else one per thread that needed one. */
  typeCheckersCreated: number;
  /** Files whose results came from the cache. */
  cachedFiles: number;
  /** Set when the whole answer was the last run's (--cache, nothing changed: engine/run-record.ts): nothing was loaded, parsed or checked. */
  replayed?: true;
  /** Linted files the text prefilter found nothing to check in (reported clean without a walk). */
  prefilteredFiles: number;
  baseline?: BaselineSummary;
  /** What --fix / --fix-dry-run changed (or would change). */
  fixes?: FixOutcome;
}

/** A run's answer as the run record keeps it: the report without the working folder, which a replay fills in. */
export type RecordedResult = Omit<LintResult, 'report'> & { report: Omit<LintReport, 'cwd'> };

/** One project of the run: a root, the config that holds for it, and its files. */
interface RunProject {
  root: string;
  configFile?: string;
  files: string[];
}

/** The files of a run grouped by project; rule files are loaded once per config file, not once per root. */
function projectsOf(discovery: Discovery, roots: ProjectRoots, cwd: string, forcedConfig: string | undefined): Map<string, RunProject> {
  const projects = new Map<string, RunProject>();
  for (const found of discovery.files) {
    const p = roots.projectOf(found.path, found.fallbackRoot, forcedConfig);
    const key = `${p.configFile ?? ''}\0${p.root}`;
    let project = projects.get(key);
    if (!project) projects.set(key, (project = { root: p.root, ...(p.configFile !== undefined ? { configFile: p.configFile } : {}), files: [] }));
    project.files.push(found.path);
  }
  if (projects.size === 0) {
    // Nothing to lint: the configuration is still checked, so a broken config is not silently passed.
    const p = forcedConfig !== undefined ? { root: dirname(forcedConfig), configFile: forcedConfig } : roots.projectOf(join(cwd, '_'), cwd);
    projects.set('', { ...p, files: [] });
  }
  return projects;
}

/** What the fully cached run compares when the tree cannot be checked by its folders' stats. */
function treeKeyOf(found: { discovery: Discovery; projects: Map<string, RunProject> }): string {
  return contentHash(JSON.stringify({ discovery: found.discovery, projects: [...found.projects.values()] }));
}

/**
 * Lints a project (or several: a monorepo linted from its top): find the files, find each file's
 * root and config from the file itself, then run the engine once per root. Throws ConfigError for
 * bad configuration or rule files and InternalError when a check crashes; never touches the process.
 */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const forcedConfig = options.config !== undefined ? resolve(cwd, options.config) : undefined;
  const only = options.onlyRules ? new Set(options.onlyRules) : undefined;
  // As discovery names them: the current folder when none is given.
  const named = options.paths !== undefined && options.paths.length > 0 ? options.paths : ['.'];
  // The fully cached run (engine/run-record.ts): an unchanged tree prints the last answer, and
  // nothing below (the compiler, the checks, the config's YAML and schemas) is loaded. Only plain
  // runs: --fix, --staged/--changed, --shard and baselines take the full path.
  const recordable = options.cache && !options.fix && !options.staged && options.changed === undefined &&
    !options.shard && options.baseline === undefined && options.updateBaseline === undefined;
  const treeLog = recordable ? new TreeLog() : undefined;
  const roots = new ProjectRoots(treeLog?.probes);
  const record = recordable ? {
    location: runRecordFile(cacheFile(anchorRoot(roots, cwd, named[0], forcedConfig), options.cacheLocation, cwd, false)),
    key: JSON.stringify({
      tool: TOOL_VERSION, config: forcedConfig ?? null, rules: (options.rules ?? []).map((r) => resolve(cwd, r)),
      bundled: options.bundled ?? true, overrides: options.ruleOverrides ?? [], quiet: Boolean(options.quiet),
      only: options.onlyRules ?? null, prefilter: options.prefilter !== false,
    }),
  } : undefined;
  let found: { discovery: Discovery; projects: Map<string, RunProject> } | undefined;
  const discover = async () => {
    const discovery = await discoverFiles({ cwd, paths: named, ...(treeLog ? { log: treeLog } : {}) });
    return { discovery, projects: projectsOf(discovery, roots, cwd, forcedConfig) };
  };
  if (record) {
    const stored = readRunRecord<RecordedResult>(record.location, record.key);
    // The tree by its folders' stats when the run starts where the recorded one did, else walked again.
    const treeHolds = stored && (treeHoldsNow(stored.tree, cwd, named, pathExists) || treeKeyOf((found = await discover())) === stored.treeKey);
    if (stored && treeHolds && (await inputsHold(stored.inputs))) {
      // Walked and found the same (a folder's listing changed: a report written into it): the
      // record takes this tree, so the next run checks it by stats again.
      const tree = found && treeLog?.recorded(cwd, named);
      if (tree) refreshRecord(record.location, { key: stored.key, treeKey: stored.treeKey, tree, inputs: stored.inputs, ...(stored.cli !== undefined ? { cli: stored.cli } : {}) }, stored.result);
      return { ...stored.result, report: { cwd, ...stored.result.report }, replayed: true };
    }
  }
  const { discovery, projects } = found ?? (await discover());
  const [{ builtinChecks }, { resolveConfiguration }, { cacheKey }, { checkFiles }, { lintFiles }, { checkInParallel, workerCount }, { ResultCache }, { matchesAnyGlob }] = await Promise.all([
    import('./checks/registry.js'),
    import('./config/resolve.js'),
    import('./engine/cache-key.js'),
    import('./engine/check-files.js'),
    import('./engine/lint-files.js'),
    import('./engine/parallel.js'),
    import('./engine/result-cache.js'),
    import('./facts/project/wildcard.js'),
  ]);

  const selected = options.staged || options.changed !== undefined
    ? new Set(gitFiles(cwd, options.staged ? { staged: true } : { changed: options.changed! }))
    : undefined;

  const runs = [...projects.values()].map((project) => {
    const resolveOptions: Omit<ResolveOptions, 'checks'> = {
      cwd,
      root: project.root,
      ...(project.configFile !== undefined ? { configPath: project.configFile } : {}),
      ruleDirs: (options.rules ?? []).map((r) => resolve(cwd, r)),
      bundled: options.bundled ?? true,
      ruleOverrides: options.ruleOverrides ?? [],
    };
    const config = resolveConfiguration({ ...resolveOptions, checks: builtinChecks });
    const rules = config.rules.filter((r) => r.level !== 'off' && (!only || only.has(r.id)));
    // Ignore globs see paths relative to this root only: default ignores apply below it.
    const files = project.files.filter((f) => !matchesAnyGlob(rootRelative(config.root, f), config.ignore));
    return { project, config, rules, files, resolveOptions };
  });
  const several = runs.length > 1;
  // With several roots, the repository they sit in (the nearest marked folder holding them all).
  const common = commonFolder(runs.map((r) => r.config.root));
  const runBase = several ? roots.markerRootFor(common) ?? common : common;

  // Named paths that led to no linted file are said, with why.
  const linted = new Set(runs.flatMap((r) => r.files));
  const ignoredPaths = discovery.named.filter((_, i) =>
    discovery.files.some((f) => f.named === i) && !discovery.files.some((f) => f.named === i && linted.has(f.path)));

  const caches: Array<ResultCache | undefined> = [];
  /** The last engine pass's outputs per root (the run record takes the content hashes from them). */
  const outputs: EngineOutput[] = [];
  const engines = runs.map((run) => {
    // --staged / --changed: check only those files, while project-wide facts still see every file.
    // --shard: this CI job's part of the files, by root-relative path, so every machine agrees.
    const chosen = selected ? run.files.filter((f) => selected.has(f)) : run.files;
    const targets = options.shard ? filesOfShard(chosen, options.shard, (f) => rootRelative(run.config.root, f)) : chosen;
    const cache = options.cache
      ? ResultCache.open(
          cacheFile(run.config.root, options.cacheLocation, cwd, several),
          cacheKey({ toolVersion: TOOL_VERSION, rules: run.rules, subjects: run.config.subjects, ignore: run.config.ignore, configFiles: run.config.ruleFiles }),
        )
      : undefined;
    caches.push(cache);
    const selection = { resolve: run.resolveOptions, ruleIds: run.rules.map((r) => r.id) };
    return () => lintFiles({
      root: run.config.root,
      subjects: run.config.subjects,
      ...(run.config.tsconfig !== undefined ? { tsconfig: run.config.tsconfig } : {}),
      rules: run.rules,
      knownRuleIds: run.config.rules.map((r) => r.id),
      files: targets,
      projectFiles: run.files,
      ...(cache ? { cache } : {}),
      ...(options.prefilter === false ? { prefilter: false } : {}),
      runChecks: async (input) => {
        const workers = workerCount(input.targets.length, options.concurrency);
        return workers > 1 ? checkInParallel(input, selection, workers) : checkFiles(input);
      },
    });
  });
  const runEngine = async (): Promise<EngineOutput> => {
    outputs.length = 0;
    for (const engine of engines) outputs.push(await engine());
    return {
      files: outputs.flatMap((o) => o.files).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
      typeCheckersCreated: outputs.reduce((n, o) => n + o.typeCheckersCreated, 0),
      cachedFiles: outputs.reduce((n, o) => n + o.cachedFiles, 0),
      prefilteredFiles: outputs.reduce((n, o) => n + o.prefilteredFiles, 0),
    };
  };
  // Before the checks read the sources: an edit during the run is then seen by the next run.
  const recordInputs = record ? await inputsBeforeRun(runs, (options.rules ?? []).map((r) => resolve(cwd, r))) : undefined;
  let output = await runEngine();
  let fixes: FixOutcome | undefined;
  if (options.fix) {
    // --quiet fixes errors only: what it reports.
    const { runFixPasses } = await import('./engine/fix-loop.js');
    ({ output, outcome: fixes } = await runFixPasses(output, runEngine, options.fix, (d) => !options.quiet || d.severity === 'error'));
  }
  let lintedFiles = output.files;
  let baseline: BaselineSummary | undefined;
  let baselined: Record<string, number> | undefined;
  if (options.updateBaseline !== undefined) {
    const doc = baselineFrom(runBase, lintedFiles);
    writeBaseline(resolve(cwd, options.updateBaseline), doc);
    baseline = { matched: doc.entries.length, stale: [], written: doc.entries.length };
    lintedFiles = lintedFiles.map((f) => ({ ...f, diagnostics: [] }));
  } else if (options.baseline !== undefined) {
    const applied = applyBaseline(runBase, lintedFiles, readBaseline(resolve(cwd, options.baseline)));
    baseline = { matched: applied.matched, stale: applied.stale };
    baselined = acceptedByRule(lintedFiles, applied.files);
    lintedFiles = applied.files;
  }
  const files = options.quiet
    ? lintedFiles.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') }))
    : lintedFiles;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const d of f.diagnostics) counts[d.severity] += 1;
  // The rules that ran in any root, once each (the first root's level when configs differ).
  const ruleInfos = new Map<string, RuleInfo>();
  for (const r of runs.flatMap((run) => run.rules)) {
    if (ruleInfos.has(r.id)) continue;
    ruleInfos.set(r.id, ruleInfoOf(r));
  }
  const result: LintResult = {
    report: { cwd, root: runBase, files, rules: [...ruleInfos.values()], toolVersion: TOOL_VERSION, ...(baselined && { baselined }) },
    counts,
    missingPaths: discovery.missing,
    unreadablePaths: discovery.unreadable,
    emptyPaths: [
      ...discovery.empty.map((path) => ({ path, reason: 'no source file' })),
      ...discovery.loops.map((path) => ({ path, reason: 'a symbolic link loop' })),
      ...ignoredPaths.map((path) => ({ path, reason: 'every file is ignored' })),
    ],
    roots: runs.map((r) => r.config.root),
    typeCheckersCreated: output.typeCheckersCreated,
    cachedFiles: output.cachedFiles,
    prefilteredFiles: output.prefilteredFiles,
    ...(baseline ? { baseline } : {}),
    ...(fixes ? { fixes } : {}),
  };
  if (record && recordInputs) {
    const inputs = withSourceHashes(recordInputs, outputs, runs.map((run, i) => ({ root: run.config.root, files: run.files, cache: caches[i] })));
    // What a run on the unchanged tree reports: every readable file from the cache, nothing checked.
    const { cwd: _cwd, ...report } = result.report;
    const cachedFiles = Object.values(inputs.sources).filter(([, hash]) => hash !== '').length;
    const tree = treeLog?.recorded(cwd, named);
    const basis = { key: record.key, treeKey: treeKeyOf({ discovery, projects }), ...(tree ? { tree } : {}), inputs, ...(options.recordCli !== undefined ? { cli: options.recordCli } : {}) };
    writeRunRecord(record.location, basis, { ...result, report, typeCheckersCreated: 0, cachedFiles, prefilteredFiles: 0 });
  }
  return result;
}

/** Rewrites the record with a fresher tree; a record that cannot be written is left as it is (the answer stands). */
function refreshRecord(location: string, basis: RunBasis, result: unknown): void {
  try {
    writeRunRecord(location, basis, result);
  } catch {
    /* the next run walks again */
  }
}

/** The fully cached run's inputs (run-record.ts) other than the sources' hashes: the sources' stats and the environment. */
async function inputsBeforeRun(
  runs: ReadonlyArray<{ files: readonly string[]; config: { root: string; ruleFiles: string[]; tsconfig?: string } }>,
  ruleDirs: string[],
): Promise<RunInputs> {
  const { environmentInputs } = await import('./engine/run-inputs.js');
  const sources: RunInputs['sources'] = {};
  for (const run of runs) for (const file of run.files) sources[file] = [trustedSignature(file), ''];
  return { sources, ...environmentInputs(runs.map((r) => r.config), ruleDirs), caches: {} };
}

/** The inputs with each source's content hash as the run keyed it, and the other files the stored results read. */
function withSourceHashes(
  inputs: RunInputs,
  outputs: readonly EngineOutput[],
  runs: ReadonlyArray<{ root: string; files: readonly string[]; cache: ResultCache | undefined }>,
): RunInputs {
  const sources = { ...inputs.sources };
  const files = { ...inputs.files };
  const caches: RunInputs['caches'] = {};
  for (const output of outputs) {
    for (const [path, hash] of output.contentHashes ?? []) {
      const recorded = sources[path];
      if (recorded !== undefined) sources[path] = [recorded[0], hash];
    }
  }
  for (const run of runs) {
    for (const dep of run.cache?.fileDepsOf(run.files.map((f) => rootRelative(run.root, f))) ?? []) {
      const path = resolve(run.root, dep);
      if (!sources[path] && !(path in files)) files[path] = recordedFile(path);
    }
    if (run.cache) caches[run.cache.location] = statSignature(run.cache.location);
  }
  return { ...inputs, sources, files, caches };
}
