import type { Check, JsonSchema } from '../checks/check.js';
import { subjectsSchema } from './subjects-schema.js';
import { configSchema } from './config-schema.js';
import { ruleSchema, SEED_KEYS } from './rule-schema.js';
import { SEED_CHECK } from './seed-compat.js';

/**
 * The JSON Schemas shipped in `schema/` for editors (`# yaml-language-server: $schema=…`).
 * The rule file schema is the base rule schema plus, for each check, an `if check = X then
 * options: X's optionsSchema` branch, so editors complete and check options per check.
 * The loader itself validates in two passes (base, then the check's options) for clearer errors.
 */

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const ID_BASE = 'urn:bg-lint:schema:';

export function buildRulesSchema(checks: ReadonlyMap<string, Check<any>>): JsonSchema {
  const names = [...checks.keys()].sort();
  const defs: Record<string, JsonSchema> = {};
  for (const name of names) defs[`check-${name}`] = checks.get(name)!.meta.optionsSchema;
  const branches: JsonSchema[] = names.map((name) => ({
    if: { required: ['check'], properties: { check: { const: name } } },
    then: { properties: { options: { $ref: `#/$defs/check-${name}` } } },
  }));
  if (checks.has(SEED_CHECK)) {
    const seedProps: Record<string, JsonSchema> = {};
    for (const key of SEED_KEYS) seedProps[key] = { $ref: `#/$defs/check-${SEED_CHECK}/properties/${key}` };
    branches.push({ if: { not: { required: ['check'] } }, then: { properties: seedProps } });
  }
  defs.rule = {
    ...ruleSchema,
    properties: {
      ...(ruleSchema.properties as Record<string, JsonSchema>),
      check: { ...((ruleSchema.properties as Record<string, JsonSchema>).check ?? {}), enum: names },
    },
    allOf: branches,
  };
  const ruleList: JsonSchema = { type: 'array', items: { $ref: '#/$defs/rule' }, description: 'The rules.' };
  return {
    $schema: DRAFT,
    $id: `${ID_BASE}rules`,
    title: 'bg-lint rule file',
    description: 'A list of rules, or a mapping whose `rules:` key (or one key ending in `_rules`) holds the list.',
    anyOf: [
      ruleList,
      {
        type: 'object',
        minProperties: 1,
        maxProperties: 1,
        properties: { rules: ruleList },
        patternProperties: { '_rules$': ruleList },
        additionalProperties: false,
      },
    ],
    $defs: defs,
  };
}

export function buildConfigSchema(): JsonSchema {
  return { $schema: DRAFT, $id: `${ID_BASE}config`, title: 'bg-lint config file (.bg-lint.yaml)', ...configSchema };
}

export function buildSubjectsSchema(): JsonSchema {
  return {
    $schema: DRAFT,
    $id: `${ID_BASE}subjects`,
    title: 'bg-lint subjects vocabulary',
    description: 'What the rules talk about: job models, status types, tasks, routes, trigger endpoints, pages.',
    ...subjectsSchema,
  };
}

/** File name in `schema/` → content, as committed. */
export function generateSchemaFiles(checks: ReadonlyMap<string, Check<any>>): Record<string, string> {
  const json = (s: JsonSchema) => `${JSON.stringify(s, null, 2)}\n`;
  return {
    'rules.schema.json': json(buildRulesSchema(checks)),
    'config.schema.json': json(buildConfigSchema()),
    'subjects.schema.json': json(buildSubjectsSchema()),
  };
}
