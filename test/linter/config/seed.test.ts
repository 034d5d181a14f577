import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toNativeRule } from '../../../src/linter/config/seed-compat.js';
import { load, yaml } from './support/load.js';
import { testChecks } from './support/registry.js';

const SEED = fileURLToPath(new URL('./data/seed-003.yaml', import.meta.url));

describe('seed-style rules (seed 003 re-flowed into YAML)', () => {
  const { rules, errors } = load(readFileSync(SEED, 'utf8'), 'seed-003.yaml');

  it('loads every rule the text check can run, as `text` rules with the seed keys as options', () => {
    expect(rules.map((r) => r.id)).toEqual(['BG-001', 'BG-002', 'BG-003', 'BG-004', 'BG-010', 'BG-021', 'BG-030', 'BG-031', 'BG-032', 'BG-033', 'BG-040', 'BG-041']);
    expect(rules.every((r) => r.check.meta.name === 'text')).toBe(true);
    const bg021 = rules.find((r) => r.id === 'BG-021')!;
    expect(bg021.options).toEqual({
      patterns: [{ file: 'app/api/v1/**/*.py', must_contain: 'BackgroundTasks', when_contains: ['import_', 'export_', 'run_scan', 'execute_'] }],
      anti_patterns: [
        { pattern: 'subprocess\\.run.*wait.*True', message: "Don't wait synchronously for subprocesses in API handlers" },
        { pattern: 'time\\.sleep', file: 'app/api/**/*.py', message: "Don't use time.sleep in API handlers" },
      ],
      match_strings: false,
      time_budget_ms: 50,
    });
    expect(bg021.defaultSeverity).toBe('error');
    expect(bg021.suggestion).toContain('background_tasks.add_task');
  });

  it('refuses endpoint_pattern, must_return and must_reference at their keys, naming the bundled rule to use', () => {
    expect(errors).toEqual([
      'seed-003.yaml:126:9: background_task_rules[5].patterns[0]: "endpoint_pattern" is not supported by the text check: what a task-trigger endpoint returns is checked on the syntax tree, not as text; use the bundled rule BG-020 (`bg-lint explain BG-020`) instead',
      'seed-003.yaml:127:9: background_task_rules[5].patterns[0]: "must_return" is not supported by the text check: what a task-trigger endpoint returns is checked on the syntax tree, not as text; use the bundled rule BG-020 (`bg-lint explain BG-020`) instead',
      'seed-003.yaml:129:9: background_task_rules[5].patterns[1]: "endpoint_pattern" is not supported by the text check: what a task-trigger endpoint returns is checked on the syntax tree, not as text; use the bundled rule BG-020 (`bg-lint explain BG-020`) instead',
      'seed-003.yaml:130:9: background_task_rules[5].patterns[1]: "must_return" is not supported by the text check: what a task-trigger endpoint returns is checked on the syntax tree, not as text; use the bundled rule BG-020 (`bg-lint explain BG-020`) instead',
      'seed-003.yaml:170:9: background_task_rules[7].patterns[0]: "must_reference" is not supported by the text check: whether job models are registered for monitoring is checked on the syntax tree, not as text; use the bundled rule BG-022 (`bg-lint explain BG-022`) instead',
    ]);
  });

  it('seed-style option errors are positioned at the seed keys on the rule', () => {
    const text = yaml('- id: S', '  name: N', '  severity: info', '  patterns:', '    - file: "*.ts"', '      must_contian: x', '  anti_patterns:', '    - pattern: "a"');
    expect(load(text).errors).toEqual([
      'rules.yaml:6:7: unknown key "must_contian" in rule S patterns[0]; did you mean "must_contain"?',
      'rules.yaml:8:7: rules[0].anti_patterns[0]: missing required key "message"',
    ]);
  });

  it('seed-style rules may add `options` (match_strings)', () => {
    const text = yaml('- id: S', '  name: N', '  severity: info', '  anti_patterns: [{ pattern: x, message: m }]', '  options: { match_strings: true }');
    expect(load(text).rules[0]?.options).toMatchObject({ match_strings: true, anti_patterns: [{ pattern: 'x', message: 'm' }] });
  });

  describe('the rewrite step (seed-compat.ts): seed keys → native form, positions kept', () => {
    const places = {
      label: 'rule S',
      problemAt: (path: readonly (string | number)[], message: string) => ({ file: 'r.yaml', line: path.length, column: 1, message: `${path.join('.')}: ${message}` }),
      display: (path: readonly (string | number)[]) => `rules[0].${path.join('.')}`,
    };

    it('moves the seed keys under options (over options it has), adds check: text, maps paths back', () => {
      const seedRule = { id: 'S', anti_patterns: [{ pattern: 'x', message: 'm' }], match_strings: true, options: { match_strings: false, time_budget_ms: 9 } };
      const native = toNativeRule(seedRule, places, testChecks);
      if ('refused' in native) throw new Error('refused');
      expect(native.rule).toEqual({ id: 'S', check: 'text', options: { match_strings: true, time_budget_ms: 9, anti_patterns: [{ pattern: 'x', message: 'm' }] } });
      expect(native.sourcePath(['options', 'anti_patterns', 0, 'pattern'])).toEqual(['anti_patterns', 0, 'pattern']);
      expect(native.sourcePath(['options', 'time_budget_ms'])).toEqual(['options', 'time_budget_ms']);
      expect(seedRule).toHaveProperty('match_strings', true); // the written rule is not changed
    });

    it('leaves a native rule as it is, and refuses seed keys beside a check', () => {
      const rule = { id: 'N', check: 'required-call', options: { names: ['a'] } };
      const native = toNativeRule(rule, places, testChecks);
      expect('rule' in native && native.rule).toBe(rule);
      expect(toNativeRule({ ...rule, patterns: [] }, places, testChecks)).toEqual({
        refused: [{ file: 'r.yaml', line: 1, column: 1, message: 'patterns: "patterns" in rule S is the text check\'s shorthand; with "check: required-call" put parameters under "options"' }],
      });
    });
  });
});
