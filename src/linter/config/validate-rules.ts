import type { Check } from '../checks/check.js';
import type { CompiledRule } from './rule.js';
import { compileRule } from './compile-rule.js';
import { ConfigError } from './problems.js';
import type { ConfigProblem } from './problems.js';
import { loadRuleFiles } from './rule-set.js';
import { expandRuleSources } from './rule-sources.js';

/**
 * `bg-lint validate <rules-dir>`: load and compile rule files without a config (both passes,
 * regex vetting, duplicate ids). Throws ConfigError with every problem.
 */
export function compileRuleFiles(paths: readonly string[], checks: ReadonlyMap<string, Check<any>>): { rules: CompiledRule[]; files: string[] } {
  const origin = { file: '<command line>', line: 1, column: 1 };
  const { files, problems } = expandRuleSources(paths.map((path, i) => ({ path, origin: { ...origin, column: i + 1 } })));
  const loaded = loadRuleFiles(files, checks);
  const all: ConfigProblem[] = [...problems, ...loaded.problems];
  const rules: CompiledRule[] = [];
  for (const raw of loaded.rules) {
    const r = compileRule(raw);
    all.push(...r.problems);
    if (r.rule) rules.push(r.rule);
  }
  if (all.length > 0) throw new ConfigError(all);
  return { rules, files };
}
