import type { FileReport } from '../report.js';

/** Findings the baseline took out, by rule: `before` minus `after` (the baseline only removes). */
export function acceptedByRule(before: readonly FileReport[], after: readonly FileReport[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of before) for (const d of f.diagnostics) counts[d.ruleId] = (counts[d.ruleId] ?? 0) + 1;
  for (const f of after) for (const d of f.diagnostics) counts[d.ruleId] = (counts[d.ruleId] ?? 0) - 1;
  for (const id of Object.keys(counts)) if (counts[id] === 0) delete counts[id];
  return counts;
}
