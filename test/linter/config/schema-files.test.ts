import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinChecks } from '../../../src/linter/checks/registry.js';
import { generateSchemas } from '../../../scripts/gen-schema.js';
import { textCheck } from '../../../src/linter/checks/text-patterns.js';
import { configSchema } from '../../../src/linter/config/config-schema.js';
import { ruleSchema } from '../../../src/linter/config/rule-schema.js';
import { testChecks } from './support/registry.js';

const schemaDir = fileURLToPath(new URL('../../../schema/', import.meta.url));
const rulesDir = fileURLToPath(new URL('../../../rules/', import.meta.url));

function editorAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'x-regex', schemaType: 'boolean' });
  return ajv;
}

describe('schema/*.json', () => {
  it('the committed files equal what scripts/gen-schema.ts generates from the real registry (run it after changing a check)', () => {
    for (const [name, content] of Object.entries(generateSchemas(builtinChecks))) {
      expect(readFileSync(`${schemaDir}${name}`, 'utf8'), name).toBe(content);
    }
  });

  it('the rules schema checks options per check (if/then on `check`) and seed keys', () => {
    const schema = JSON.parse(generateSchemas(testChecks)['rules.schema.json']!);
    const validate = editorAjv().compile(schema);
    const base = { id: 'X', name: 'N', severity: 'error' };
    expect(validate([{ ...base, check: 'required-call', options: { limit: 2 } }])).toBe(true);
    expect(validate({ rules: [{ ...base, patterns: [{ file: '*.ts', must_contain: 'x' }] }] })).toBe(true);
    expect(validate({ acme_rules: [{ ...base, check: 'text', options: { anti_patterns: [{ pattern: 'x', message: 'm' }] } }] })).toBe(true);

    expect(validate([{ ...base, check: 'required-call', options: { limit: 0 } }])).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/0/options/limit');
    expect(validate([{ ...base, patterns: [{ must_return: 'job_id' }] }])).toBe(false);
    expect(validate([{ ...base, check: 'nope' }])).toBe(false);
  });

  it('every property of the rule, config and text-check schemas has a description (editor hovers)', () => {
    const missing: string[] = [];
    const walk = (schema: unknown, at: string): void => {
      if (schema === null || typeof schema !== 'object') return;
      const s = schema as Record<string, unknown>;
      for (const [key, child] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {})) {
        if (typeof (child as Record<string, unknown>).description !== 'string' && !('$ref' in (child as object))) missing.push(`${at}.${key}`);
        walk(child, `${at}.${key}`);
      }
      walk(s.items, `${at}[]`);
    };
    walk(ruleSchema, 'rule');
    walk(textCheck.meta.optionsSchema, 'text');
    walk({ properties: Object.fromEntries(Object.entries(configSchema.properties as object).filter(([k]) => k !== 'subjects')) }, 'config');
    expect(missing).toEqual([]);
  });

  it('config and subjects schemas compile and accept the bundled subjects', () => {
    const files = generateSchemas(testChecks);
    const ajv = editorAjv();
    const config = ajv.compile(JSON.parse(files['config.schema.json']!));
    expect(config({ extends: ['bg-lint:recommended'], rules: { 'BG-1': 'off', 'BG-2': { severity: 'info' } } })).toBe(true);
    expect(config({ rules: { 'BG-1': 'loud' } })).toBe(false);
    const subjectsSchema = JSON.parse(files['subjects.schema.json']!);
    expect(subjectsSchema.$id).toBe('urn:bg-lint:schema:subjects');
    const subjects = ajv.compile(subjectsSchema);
    expect(subjects(parse(readFileSync(`${rulesDir}subjects.yaml`, 'utf8')))).toBe(true);
    expect(subjects({ jobModel: { statusFeld: 'state' } })).toBe(false);
  });
});
