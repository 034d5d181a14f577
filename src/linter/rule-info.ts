import type { Severity } from '../shared/diagnostic.js';
import type { CompiledRule } from './config/rule.js';
import type { RuleInfo } from './report.js';

/** What the formatters show of a loaded rule: a lint run's report and `bg-lint merge` both use it. */
export function ruleInfoOf(r: CompiledRule<unknown>): RuleInfo {
  return {
    id: r.id,
    name: r.name,
    description: r.description.trim(),
    severity: r.level as Severity,
    ...(r.suggestion !== undefined ? { help: r.suggestion.trim() } : {}),
    ...(r.docs !== undefined ? { docs: r.docs } : {}),
  };
}
