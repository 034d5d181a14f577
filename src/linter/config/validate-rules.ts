import { basename, dirname } from 'node:path';
import type { Check } from '../checks/check.js';
import type { CompiledRule } from './rule.js';
import { compileRule } from './compile-rule.js';
import { ConfigError } from './problems.js';
import type { ConfigProblem } from './problems.js';
import { loadRuleFiles } from './rule-set.js';
import { expandRuleSources } from './rule-sources.js';
import { SUBJECTS_FILE } from './bundled.js';
import { loadSubjects } from './subjects-file.js';

function isSubjectsFile(file: string): boolean {
  return basename(file) === SUBJECTS_FILE;
}

/**
 * `bg-lint validate <rules-dir>`: load and compile rule files without a config (both passes,
 * regex vetting, duplicate ids). Throws ConfigError with every problem.
 */
export function compileRuleFiles(paths: readonly string[], checks: ReadonlyMap<string, Check<any>>): { rules: CompiledRule[]; files: string[]; subjectsFiles: string[] } {
  const origin = { file: '<command line>', line: 1, column: 1 };
  const { files, problems } = expandRuleSources(paths.map((path, i) => ({ path, origin: { ...origin, column: i + 1 } })));
  const ruleFiles = files.filter((f) => !isSubjectsFile(f));
  const loaded = loadRuleFiles(ruleFiles, checks);
  const all: ConfigProblem[] = [...problems, ...loaded.problems];
  // A subjects file (the bundled folder has one) is validated as one, not as a rule file.
  for (const f of files.filter(isSubjectsFile)) all.push(...loadSubjects(dirname(f), undefined).problems);
  for (const draft of loaded.drafts) all.push(...compileRule(draft).problems);
  const rules: CompiledRule[] = [];
  for (const raw of loaded.rules) {
    const r = compileRule(raw);
    all.push(...r.problems);
    if (r.rule) rules.push(r.rule);
  }
  if (all.length > 0) throw new ConfigError(all);
  return { rules, files: ruleFiles, subjectsFiles: files.filter(isSubjectsFile) };
}
