import { describe, expect, it } from 'vitest';
import { quantifiedGroups, vetRegex } from '../../../src/linter/config/regex-safety.js';
import { load, yaml } from './support/load.js';

describe('vetRegex', () => {
  it.each([
    'status.*=.*processing',
    'subprocess\\.run.*wait.*True',
    'def.*task.*db.*Session',
    'setInterval.*[3-5]000',
    'time\\.sleep',
    '(a|ab)*c',
    '(?:foo|bar)+baz',
    '.*(?:ab)+',
    '^\\s*(import|from)\\s.*$',
  ])('accepts %s (at most polynomial backtracking)', (p) => {
    expect(vetRegex(p)).toEqual({ ok: true });
  });

  it.each(['(a+)+$', '(\\w+\\s?)*$', '^(a|b|ab)*c$', '([a-z]+)*$', 'x.*y.*(a+)+$', '(\\s|.)*x'])('refuses %s (exponential backtracking)', (p) => {
    const v = vetRegex(p);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.message).toContain(`regular expression /${p}/ can backtrack catastrophically`);
      expect(v.message).toContain('redos-detector backtracking example');
    }
  });

  it('refuses an invalid pattern with the engine message', () => {
    expect(vetRegex('(')).toEqual({ ok: false, message: 'invalid regular expression /(/: Unterminated group' });
  });

  it('finds quantified groups, ignoring escaped and bracketed parentheses', () => {
    expect(quantifiedGroups('(a+)+x\\(b\\)*[(]*(?:c|d){2,}(e)')).toEqual(['(a+)+', '(?:c|d){2,}']);
  });
});

describe('user regexes in rules', () => {
  it('an unsafe anti-pattern is a ConfigError at the pattern', () => {
    const text = yaml('- id: R', '  name: N', '  severity: error', '  anti_patterns:', '    - pattern: "(a+)+$"', '      message: m');
    const { rules, errors } = load(text);
    expect(rules).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^rules\.yaml:5:16: rules\[0\]\.anti_patterns\[0\]\.pattern: regular expression \/\(a\+\)\+\$\/ can backtrack catastrophically: `\(a\+\)\+` /);
  });

  it('should_match and any `x-regex` option of any check are vetted, including nested ones', () => {
    const seed = yaml('- id: R', '  name: N', '  severity: error', '  patterns:', '    - should_match: "[a-"');
    expect(load(seed).errors).toEqual(['rules.yaml:5:21: rules[0].patterns[0].should_match: invalid regular expression /[a-/: Unterminated character class']);
    const other = yaml('- id: R', '  name: N', '  severity: error', '  check: required-call', '  options:', '    regex: ok', '    nested: { deep: "(\\\\d+)*x" }');
    const errors = load(other).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^rules\.yaml:7:21: rules\[0\]\.options\.nested\.deep: regular expression \/\(\\d\+\)\*x\/ can backtrack catastrophically/);
  });
});
