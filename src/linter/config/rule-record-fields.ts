import type { SubjectSettings } from '../facts/project/subjects.js';
import type { CompiledRule } from './rule.js';

/**
 * The subjects with the fields the loaded rules name added to `jobModel.recordFields`. The facts
 * record writes of those fields only (records/record-writes.ts, tasks/task-flow.ts), so without this
 * a rule's `completedField: finished_at` would report a task that writes `job.finished_at` as not
 * writing it. Rules that are off add nothing; the subjects object is shared, so a copy is returned.
 */
export function withRuleRecordFields(subjects: SubjectSettings, rules: readonly CompiledRule[]): SubjectSettings {
  const fields = new Set(subjects.jobModel.recordFields ?? []);
  const before = fields.size;
  for (const rule of rules) {
    if (rule.level === 'off') continue;
    for (const key of rule.check.meta.recordFieldOptions ?? []) {
      const value = (rule.options as Record<string, unknown>)[key];
      if (typeof value === 'string' && value !== '') fields.add(value);
    }
  }
  if (fields.size === before) return subjects;
  return { ...subjects, jobModel: { ...subjects.jobModel, recordFields: [...fields] } };
}
