import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Check } from '../checks/check.js';
import type { SubjectSettings } from '../facts/project/subjects.js';
import type { CompiledRule } from './rule.js';
import { bundledRulesDir, SUBJECTS_FILE } from './bundled.js';
import { compileRule } from './compile-rule.js';
import { findConfigFile, loadConfigFile } from './config-file.js';
import type { ConfigFile } from './config-file.js';
import { RECOMMENDED } from './config-schema.js';
import { COMMAND_LINE, ConfigError } from './problems.js';
import type { ConfigProblem } from './problems.js';
import { parseRuleOverride } from './rule-overrides.js';
import { loadRuleFiles } from './rule-set.js';
import { expandRuleSources } from './rule-sources.js';
import type { RuleSourceRequest } from './rule-sources.js';
import { withRuleRecordFields } from './rule-record-fields.js';
import { loadSubjects } from './subjects-file.js';
import { suggestionSuffix } from './suggest.js';

export interface ResolveOptions {
  cwd: string;
  /** `-c`: relative to cwd. Default: `.bg-lint.yaml` / `.bg-lint.yml` found upward from cwd (or none when `root` is given). */
  configPath?: string;
  /**
   * The project root found from the linted files (lint() finds it per file): rule globs and the
   * default tsconfig are relative to it, and no config is looked up from cwd.
   */
  root?: string;
  /** `--rules`: extra rule files or folders, relative to cwd, loaded after the config's `extends`. */
  ruleDirs?: string[];
  /** false for `--no-bundled`: the bundled pack is then loaded only if `extends` names it. */
  bundled: boolean;
  /** `--rule BG-041=off`, applied after the config's `rules:`. */
  ruleOverrides?: string[];
  checks: ReadonlyMap<string, Check<any>>;
}

export interface ResolvedConfiguration {
  rules: CompiledRule[];
  subjects: SubjectSettings;
  ignore: string[];
  tsconfig?: string;
  configFile?: string;
  /** Every YAML file read (config, rule files, subjects), for cache keys. */
  ruleFiles: string[];
  /** The project root given, else the config file's folder, else cwd: what rule globs are relative to. */
  root: string;
}

export const DEFAULT_IGNORE = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/.next/**'];

/** Config + rule files + overrides → the rules to run. Throws ConfigError (exit 2) with every problem. */
export function resolveConfiguration(opts: ResolveOptions): ResolvedConfiguration {
  const cwd = resolve(opts.cwd);
  const configFile = opts.configPath !== undefined ? resolve(cwd, opts.configPath) : opts.root === undefined ? findConfigFile(cwd) : undefined;
  const config = configFile !== undefined ? loadConfigFile(configFile) : undefined;
  const root = opts.root !== undefined ? resolve(opts.root) : config?.dir ?? cwd;
  const bundledDir = bundledRulesDir();
  const problems: ConfigProblem[] = [];

  const { files, problems: sourceProblems } = expandRuleSources(ruleRequests(opts, config, bundledDir, cwd));
  problems.push(...sourceProblems);
  const loaded = loadRuleFiles(files, opts.checks);
  problems.push(...loaded.problems);
  const subjects = loadSubjects(bundledDir, config?.subjects);
  problems.push(...subjects.problems);
  // No early stop: overrides and options are checked too, so every problem comes in one run.
  for (const draft of loaded.drafts) problems.push(...compileRule(draft).problems);

  // Typo guard: an override for a rule no loaded file defines would silently do nothing.
  const ids = loaded.rules.map((r) => r.id);
  for (const [id, o] of config?.rules ?? []) {
    if (!ids.includes(id)) problems.push(config!.yaml.problemAt(o.path, `rules: no loaded rule has id "${id}"${suggestionSuffix(id, ids, 'ids')}`, 'key'));
  }
  const cliLevels = new Map<string, CompiledRule['level']>();
  (opts.ruleOverrides ?? []).forEach((arg, i) => {
    const parsed = parseRuleOverride(arg, i);
    if ('problem' in parsed) problems.push(parsed.problem);
    else if (!ids.includes(parsed.id)) {
      problems.push({ file: COMMAND_LINE, line: 1, column: i + 1, message: `--rule ${JSON.stringify(arg)}: no loaded rule has id "${parsed.id}"${suggestionSuffix(parsed.id, ids, 'ids')}` });
    } else cliLevels.set(parsed.id, parsed.level);
  });

  const rules: CompiledRule[] = [];
  for (const raw of loaded.rules) {
    const compiled = compileRule(raw, config?.rules.get(raw.id));
    problems.push(...compiled.problems);
    if (!compiled.rule) continue;
    const level = cliLevels.get(raw.id);
    rules.push(level !== undefined ? { ...compiled.rule, level } : compiled.rule);
  }
  const tsconfig = resolveTsconfig(config, root, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    rules,
    subjects: withRuleRecordFields(subjects.subjects!, rules),
    ignore: [...DEFAULT_IGNORE, ...(config?.ignore ?? [])],
    ...(tsconfig !== undefined ? { tsconfig } : {}),
    ...(config ? { configFile: config.file } : {}),
    ruleFiles: [...(config ? [config.file] : []), ...files, subjects.file],
    root,
  };
}

/** extends (or the bundled pack by default), then --rules. */
function ruleRequests(opts: ResolveOptions, config: ConfigFile | undefined, bundledDir: string, cwd: string): RuleSourceRequest[] {
  const bundled = (origin: RuleSourceRequest['origin']): RuleSourceRequest => ({ path: bundledDir, origin, skip: [SUBJECTS_FILE] });
  const requests: RuleSourceRequest[] = [];
  if (config?.extends !== undefined) {
    for (const e of config.extends) {
      const origin = { file: config.file, ...config.yaml.positionOf(e.path) };
      requests.push(e.value === RECOMMENDED ? bundled(origin) : { path: resolve(config.dir, e.value), origin });
    }
  } else if (opts.bundled) {
    requests.push(bundled({ file: config?.file ?? COMMAND_LINE, line: 1, column: 1 }));
  }
  (opts.ruleDirs ?? []).forEach((dir, i) => {
    requests.push({ path: resolve(cwd, dir), origin: { file: COMMAND_LINE, line: 1, column: i + 1 } });
  });
  return requests;
}

/** The configured tsconfig (must exist), else `tsconfig.json` in the root if there is one. */
function resolveTsconfig(config: ConfigFile | undefined, root: string, problems: ConfigProblem[]): string | undefined {
  if (config?.tsconfig) {
    const path = isAbsolute(config.tsconfig.value) ? config.tsconfig.value : join(config.dir, config.tsconfig.value);
    if (!isFile(path)) problems.push(config.yaml.problemAt(config.tsconfig.path, `tsconfig: file not found: ${path}`));
    return path;
  }
  const fallback = join(root, 'tsconfig.json');
  return isFile(fallback) ? fallback : undefined;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

