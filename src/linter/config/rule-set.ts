import type { Check } from '../checks/check.js';
import type { ConfigProblem } from './problems.js';
import { loadRuleFileText } from './rule-file.js';
import type { RawRule } from './rule-file.js';
import { readText } from './rule-sources.js';

/** Reads rule files in order; a rule id defined twice (in one file or two) is an error naming both places. */
export function loadRuleFiles(
  files: readonly string[],
  checks: ReadonlyMap<string, Check<any>>,
): { rules: RawRule[]; drafts: RawRule[]; problems: ConfigProblem[] } {
  const rules: RawRule[] = [];
  const drafts: RawRule[] = [];
  const problems: ConfigProblem[] = [];
  const byId = new Map<string, RawRule>();
  for (const file of files) {
    const read = readText(file);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const result = loadRuleFileText(read.text, file, checks);
    problems.push(...result.problems);
    drafts.push(...result.drafts);
    for (const rule of result.rules) {
      const first = byId.get(rule.id);
      if (first) {
        const at = rule.yaml.positionOf([...rule.path, 'id']);
        const was = first.yaml.positionOf([...first.path, 'id']);
        problems.push({ file: rule.yaml.file, ...at, message: `duplicate rule id "${rule.id}": already defined at ${first.yaml.file}:${was.line}:${was.column}` });
        continue;
      }
      byId.set(rule.id, rule);
      rules.push(rule);
    }
  }
  return { rules, drafts, problems };
}
