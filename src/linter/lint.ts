import { resolve } from 'node:path';
import type { Severity } from '../shared/diagnostic.js';
import { builtinChecks } from './checks/registry.js';
import { resolveConfiguration } from './config/resolve.js';
import { discoverFiles } from './engine/discover.js';
import { lintFiles } from './engine/lint-files.js';
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
}

export interface LintResult {
  report: LintReport;
  counts: Record<Severity, number>;
  /** Paths that named nothing: the caller must not trust the run (exit 2). */
  missingPaths: string[];
  /** 0 or 1: how many type checkers were built. */
  typeCheckersCreated: number;
}

/**
 * Lints a project: resolve the configuration, find the files, run the engine. Throws ConfigError for
 * bad configuration or rule files and InternalError when a check crashes; never touches the process.
 */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = resolveConfiguration({
    cwd,
    ...(options.config !== undefined ? { configPath: resolve(cwd, options.config) } : {}),
    ruleDirs: (options.rules ?? []).map((r) => resolve(cwd, r)),
    bundled: options.bundled ?? true,
    ruleOverrides: options.ruleOverrides ?? [],
    checks: builtinChecks,
  });
  const only = options.onlyRules ? new Set(options.onlyRules) : undefined;
  const rules = config.rules.filter((r) => r.level !== 'off' && (!only || only.has(r.id)));
  const discovery = await discoverFiles({ cwd, root: config.root, paths: options.paths ?? [], ignore: config.ignore });
  const output = lintFiles({ root: config.root, subjects: config.subjects, rules, files: discovery.files });
  const files = options.quiet
    ? output.files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') }))
    : output.files;
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
  };
}

/** Exit code of a finished run: 1 when errors were found or warnings exceed the allowance, else 0. */
export function exitCodeFor(counts: Record<Severity, number>, maxWarnings: number | undefined): 0 | 1 {
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return 1;
  return 0;
}
