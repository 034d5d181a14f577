import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { load, yaml } from './support/load.js';

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
});
