import type { Check, JsonSchema } from '../checks/check.js';
import { ruleTestsSchema } from '../rule-tests/schema.js';
import { configSchema } from './config-schema.js';
import { ruleSchema } from './rule-schema.js';
import { subjectsSchema } from './subjects-schema.js';

/**
 * Every schema a run may validate against: the files' own (rule, config, subjects, rule tests) and
 * each built-in check's options. `npm run build` compiles them ahead of time (scripts/write-validators.mjs).
 */
export function knownSchemas(checks: ReadonlyMap<string, Check<unknown>>): JsonSchema[] {
  return [ruleSchema, configSchema, subjectsSchema, ruleTestsSchema, ...[...checks.values()].map((c) => c.meta.optionsSchema)];
}
