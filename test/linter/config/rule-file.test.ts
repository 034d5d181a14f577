import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatProblem } from '../../../src/linter/config/problems.js';
import { loadRuleFiles } from '../../../src/linter/config/rule-set.js';
import { load, yaml } from './support/load.js';
import { testChecks } from './support/registry.js';
import { tempProject } from './support/temp.js';

const minimal = (extra: string[] = []) =>
  yaml('rules:', '  - id: BG-001', '    name: N', '    severity: error', '    check: required-call', ...extra);

describe('rule file shapes', () => {
  it('loads a top-level list, a `rules:` mapping and one `*_rules:` key', () => {
    const rule = ['  id: X-1', '  name: N', '  severity: info', '  check: required-call'];
    expect(load(yaml('- ' + rule[0]!.trim(), ...rule.slice(1))).rules.map((r) => r.id)).toEqual(['X-1']);
    expect(load(minimal()).rules.map((r) => r.id)).toEqual(['BG-001']);
    const seedStyle = load(yaml('background_task_rules:', '  - id: A.b-c_1', '    name: N', '    severity: warning', '    check: required-call'));
    expect(seedStyle.errors).toEqual([]);
    expect(seedStyle.rules[0]?.id).toBe('A.b-c_1');
  });

  it('an empty file holds no rules', () => {
    expect(load('')).toEqual({ rules: [], errors: [] });
    expect(load('rules:\n')).toEqual({ rules: [], errors: [] });
  });

  it('refuses a mapping without a rules list, naming the keys found', () => {
    expect(load(yaml('rulez:', '  - id: X')).errors).toEqual([
      'rules.yaml:1:1: a rule file must be a list of rules, or a mapping whose `rules:` key (or one key ending in `_rules`) holds the list; did you mean "rules"?; found keys: rulez',
    ]);
    expect(load(yaml('rules: []', 'extra: 1')).errors).toEqual(['rules.yaml:2:1: unknown top-level key "extra": a rule file holds only "rules"']);
    expect(load(yaml('rules: 3')).errors).toEqual(['rules.yaml:1:8: rules: must be a list of rules (got number)']);
  });

  it('fills defaults: description, files, ignore, examples', () => {
    const [rule] = load(minimal()).rules;
    expect(rule).toMatchObject({
      description: '',
      defaultSeverity: 'error',
      level: 'error',
      files: [],
      ignore: [],
      examples: { pass: [], fail: [] },
      source: { file: 'rules.yaml', line: 2, column: 5 },
    });
    expect(rule?.suggestion).toBeUndefined();
  });
});

describe('first pass: the rule schema, with positions and what would be valid', () => {
  it('YAML syntax errors are positioned', () => {
    expect(load(yaml('rules:', '  - id: X', '    name: [unclosed', '    severity: error')).errors).toEqual([
      expect.stringMatching(/^rules\.yaml:4:5: YAML syntax error: /),
    ]);
    expect(load(yaml('rules:', '  - id: X', '  - id: Y', '    id: Z')).errors).toEqual(['rules.yaml:4:5: YAML syntax error: Map keys must be unique']);
  });

  it('enum: names the key, the valid values and what was written', () => {
    const text = yaml('rules:', '  - id: A', '    name: N', '    severity: error', '    check: required-call', '  - id: B', '    name: N', '    severity: warning', '    check: required-call', '  - id: C', '    name: N', '    severity: fatal', '    check: required-call');
    expect(load(text).errors).toEqual(['rules.yaml:12:15: rules[2].severity: must be one of error, warning, info (got "fatal")']);
  });

  it('unknown key: at the key, with a did-you-mean from the known keys', () => {
    expect(load(minimal(['    sevrity: error'])).errors).toEqual(['rules.yaml:6:5: unknown key "sevrity" in rule BG-001; did you mean "severity"?']);
    expect(load(minimal(['    zzzzzzzzzz: 1'])).errors[0]).toMatch(
      /^rules\.yaml:6:5: unknown key "zzzzzzzzzz" in rule BG-001; valid keys: id, name, description, severity, files, ignore, check, options, /,
    );
  });

  it('unknown key in a nested mapping names where it is', () => {
    const text = minimal(['    examples:', '      pass:', '        - filename: a.ts', '          code: x', '          lnes: [1]']);
    expect(load(text).errors).toEqual(['rules.yaml:10:11: unknown key "lnes" in rule BG-001 examples.pass[0]; valid keys: filename, code']);
  });

  it('required, type, pattern, minLength, minimum', () => {
    expect(load(yaml('- id: X', '  severity: error', '  check: required-call')).errors).toEqual(['rules.yaml:1:3: rules[0]: missing required key "name"']);
    expect(load(minimal(['    files: "src/**"'])).errors).toEqual(['rules.yaml:6:12: rules[0].files: must be a list (got the string "src/**")']);
    expect(load(yaml('- id: 1abc', '  name: N', '  severity: error', '  check: required-call')).errors).toEqual([
      'rules.yaml:1:7: rules[0].id: must match /^[A-Za-z][\\w.-]*$/ (got "1abc")',
    ]);
    expect(load(minimal(['    name: ""'])).errors).toEqual(['rules.yaml:6:5: YAML syntax error: Map keys must be unique']);
    expect(load(yaml('- id: X', '  name: ""', '  severity: error', '  check: required-call')).errors).toEqual(['rules.yaml:2:9: rules[0].name: must not be empty']);
    expect(load(minimal(['    examples: { fail: [{ filename: a.ts, code: x, lines: [0] }] }'])).errors).toEqual([
      'rules.yaml:6:59: rules[0].examples.fail[0].lines[0]: must be >= 1 (got 0)',
    ]);
    expect(load(minimal(['    docs: ""'])).errors).toEqual(['rules.yaml:6:11: rules[0].docs: must not be empty']);
  });

  it('reports every problem of every rule, in file order', () => {
    const text = yaml('- id: A', '  name: N', '  severity: loud', '  check: required-call', '- id: B', '  nme: N', '  severity: error', '  check: required-call');
    expect(load(text).errors).toEqual([
      'rules.yaml:3:13: rules[0].severity: must be one of error, warning, info (got "loud")',
      'rules.yaml:5:3: rules[1]: missing required key "name"',
      'rules.yaml:6:3: unknown key "nme" in rule B; did you mean "name"?',
    ]);
  });
});

describe('check resolution', () => {
  it('unknown check: did-you-mean and the list of known checks', () => {
    expect(load(minimal().replace('check: required-call', 'check: required-cal')).errors).toEqual([
      'rules.yaml:5:12: rules[0].check: unknown check "required-cal"; did you mean "required-call"? known checks: required-call, text',
    ]);
    expect(load(minimal().replace('check: required-call', 'check: zebra')).errors).toEqual([
      'rules.yaml:5:12: rules[0].check: unknown check "zebra"; known checks: required-call, text',
    ]);
  });

  it('a rule with neither check nor seed keys says what to add', () => {
    expect(load(yaml('- id: X', '  name: N', '  severity: error')).errors).toEqual([
      'rules.yaml:1:3: rule X has nothing to check: add "check: <name>" (one of required-call, text) with its "options", or seed-style "patterns" / "anti_patterns"',
    ]);
  });

  it('seed keys next to `check` are refused', () => {
    expect(load(minimal(['    patterns: []'])).errors).toEqual([
      'rules.yaml:6:5: "patterns" in rule BG-001 is the text check\'s shorthand; with "check: required-call" put parameters under "options"',
    ]);
  });
});

describe('second pass: options against the check schema', () => {
  it('merges options over the check defaults; lists replace, mappings merge', () => {
    const [rule] = load(minimal(['    options:', '      names: [x]', '      nested: { deep: "a+b" }'])).rules;
    expect(rule?.options).toEqual({ names: ['x'], limit: 3, nested: { keep: true, deep: 'a+b' } });
  });

  it('errors are positioned inside options', () => {
    const text = minimal(['    options:', '      limit: 0', '      names: [x, 3]', '      nested:', '        deap: y']);
    expect(load(text).errors).toEqual([
      'rules.yaml:7:14: rules[0].options.limit: must be >= 1 (got 0)',
      'rules.yaml:8:18: rules[0].options.names[1]: must be a string (got the number 3)',
      'rules.yaml:10:9: unknown key "deap" in rule BG-001 options.nested; did you mean "deep"?',
    ]);
  });

  it('the check defaults do not hide a wrong type written by the rule', () => {
    expect(load(minimal(['    options: { nested: [] }'])).errors).toEqual(['rules.yaml:6:24: rules[0].options.nested: must be a mapping (got a list)']);
  });
});

describe('duplicate ids', () => {
  it('in one file: an error at the second, naming the first', () => {
    const root = tempProject({
      'r.yaml': yaml('- id: X', '  name: N', '  severity: error', '  check: required-call', '- id: X', '  name: M', '  severity: error', '  check: required-call'),
    });
    const file = join(root, 'r.yaml');
    const { rules, problems } = loadRuleFiles([file], testChecks);
    expect(rules.map((r) => r.name)).toEqual(['N']);
    expect(problems.map(formatProblem)).toEqual([`${file}:5:7: duplicate rule id "X": already defined at ${file}:1:7`]);
  });
});
