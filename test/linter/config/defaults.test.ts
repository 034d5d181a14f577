import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../../src/shared/jobs.js';
import { defineCheck, type Check, type JsonSchema } from '../../../src/linter/checks/check.js';
import { builtinChecks } from '../../../src/linter/checks/registry.js';
import { bundledRulesDir, SUBJECTS_FILE } from '../../../src/linter/config/bundled.js';
import { compileRule } from '../../../src/linter/config/compile-rule.js';
import { formatProblem } from '../../../src/linter/config/problems.js';
import { resolveConfiguration } from '../../../src/linter/config/resolve.js';
import { loadRuleFileText } from '../../../src/linter/config/rule-file.js';
import { compileSchema } from '../../../src/linter/config/schema-validation.js';
import { tempProject } from './support/temp.js';

/** Every bundled rule as written (options not merged with the check's defaults). */
function bundledRawRules() {
  const dir = bundledRulesDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== SUBJECTS_FILE)
    .flatMap((f) => loadRuleFileText(readFileSync(join(dir, f), 'utf8'), `rules/${f}`, builtinChecks).rules);
}

/** Option paths whose value equals the default at that path (mappings merge key by key, so a repeated entry is one too). */
function repeats(options: unknown, defaults: unknown, at: string): string[] {
  if (isDeepStrictEqual(options, defaults)) return [at];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return [];
  if (defaults === null || typeof defaults !== 'object' || Array.isArray(defaults)) return [];
  return Object.entries(options).flatMap(([k, v]) => (Object.hasOwn(defaults, k) ? repeats(v, (defaults as Record<string, unknown>)[k], `${at}.${k}`) : []));
}

/** A copy of a check whose schema default for `key` is `value`. */
function withDefault(check: Check<any>, key: string, value: unknown): Check<any> {
  const schema = check.meta.optionsSchema;
  const properties = schema.properties as Record<string, JsonSchema>;
  const optionsSchema = { ...schema, properties: { ...properties, [key]: { ...properties[key], default: value } } };
  return defineCheck({ ...check, meta: { ...check.meta, optionsSchema } });
}

describe('check defaults: written once, in the options schema', () => {
  it('no bundled rule repeats a default of its check under options: (the YAML would hide a change to it)', () => {
    const rules = bundledRawRules();
    expect(rules.length).toBeGreaterThan(15);
    const found = rules.flatMap((r) =>
      Object.entries(r.options).flatMap(([k, v]) =>
        Object.hasOwn(r.check.meta.defaults as object, k) ? repeats(v, (r.check.meta.defaults as Record<string, unknown>)[k], `${r.id} options.${k}`) : [],
      ),
    );
    expect(found).toEqual([]);
  });

  it('the repeat finder sees whole values and mapping entries', () => {
    expect(repeats(['running'], ['running'], 'o.a')).toEqual(['o.a']);
    expect(repeats({ processing: 'running', x: 'y' }, { processing: 'running' }, 'o.legacy')).toEqual(['o.legacy.processing']);
    expect(repeats(['running', 'busy'], ['running'], 'o.a')).toEqual([]);
  });

  it('a default changed in code takes effect in the bundled rules', () => {
    const cwd = tempProject({});
    const vocabulary = ['queued', 'running', 'done'];
    const checks = new Map(builtinChecks);
    checks.set('status-values', withDefault(builtinChecks.get('status-values')!, 'vocabulary', vocabulary));
    checks.set('task-start', withDefault(builtinChecks.get('task-start')!, 'startedField', 'begun_at'));
    const rules = resolveConfiguration({ cwd, bundled: true, checks }).rules;
    expect((rules.find((r) => r.id === 'BG-010')!.options as { vocabulary: string[] }).vocabulary).toEqual(vocabulary);
    expect((rules.find((r) => r.id === 'BG-030')!.options as { startedField: string }).startedField).toBe('begun_at');
  });

  it('BG-010 reads the standard statuses from src/shared (the runtime’s vocabulary)', () => {
    const rules = resolveConfiguration({ cwd: tempProject({}), bundled: true, checks: builtinChecks }).rules;
    expect((rules.find((r) => r.id === 'BG-010')!.options as { vocabulary: string[] }).vocabulary).toEqual([...JOB_STATUSES]);
  });

  it('every default is valid for its own schema (a required option has none)', () => {
    const invalid: string[] = [];
    for (const check of builtinChecks.values()) {
      const validate = compileSchema(check.meta.optionsSchema);
      if (validate(check.meta.defaults)) continue;
      for (const e of validate.errors ?? []) if (e.keyword !== 'required') invalid.push(`${check.meta.name}${e.instancePath}: ${e.message}`);
    }
    expect(invalid).toEqual([]);
  });

  it('a required option has no default: leaving it out names the key', () => {
    const text = ['rules:', '  - id: X', '    name: N', '    severity: error', '    check: forbidden-call', '    options:', '      message: no'].join('\n');
    const [raw] = loadRuleFileText(text, 'r.yaml', builtinChecks).rules;
    expect(compileRule(raw!).problems.map(formatProblem)).toEqual(['r.yaml:7:7: rules[0].options: missing required key "callees"']);
  });

  it('the generated rules schema carries the defaults (editors show them)', () => {
    const schema = JSON.parse(readFileSync(join(bundledRulesDir(), '../schema/rules.schema.json'), 'utf8'));
    expect(schema.$defs['check-task-start'].properties.finalValues.default).toEqual(['completed', 'completed_with_warnings', 'failed']);
    expect(schema.$defs['check-status-values'].properties.vocabulary.default).toEqual([...JOB_STATUSES]);
  });
});
