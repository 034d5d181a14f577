import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileRule } from '../../../src/linter/config/compile-rule.js';
import { parseConfigText } from '../../../src/linter/config/config-file.js';
import { loadRuleFileText } from '../../../src/linter/config/rule-file.js';
import { testChecks } from './support/registry.js';

/** Loads and compiles; must never throw, and every problem must have a usable position. */
function check(text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  const loaded = loadRuleFileText(text, 'f.yaml', testChecks);
  const problems = [...loaded.problems];
  for (const raw of loaded.rules) problems.push(...compileRule(raw).problems);
  const config = parseConfigText(text, 'c.yaml');
  if ('problems' in config) problems.push(...config.problems);
  for (const p of problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines + 1);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

// Values shaped like rules, so the generator reaches the second pass and regex vetting.
const ruleLike = fc.record(
  {
    id: fc.oneof(fc.constant('BG-1'), fc.string()),
    name: fc.oneof(fc.constant('N'), fc.string(), fc.integer()),
    severity: fc.constantFrom('error', 'warning', 'info', 'fatal', 3),
    check: fc.constantFrom('text', 'required-call', 'nope', undefined),
    options: fc.oneof(fc.object(), fc.record({ limit: fc.integer(), regex: fc.string(), nested: fc.object() }, { requiredKeys: [] })),
    patterns: fc.array(fc.record({ file: fc.string(), must_contain: fc.oneof(fc.string(), fc.array(fc.string())), should_match: fc.string(), must_return: fc.string() }, { requiredKeys: [] })),
    anti_patterns: fc.array(fc.record({ pattern: fc.constantFrom('(a+)+$', 'a.*b', '[', '(?<n>x)+'), message: fc.string() }, { requiredKeys: [] })),
    files: fc.oneof(fc.array(fc.string()), fc.string()),
  },
  { requiredKeys: [] },
);

describe('the loader never crashes on random input', () => {
  it('random JSON values as YAML', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => check(stringify(v))), { numRuns: 300 });
  });

  it('random rule-like documents', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(ruleLike, { maxLength: 3 }), fc.record({ rules: fc.array(ruleLike, { maxLength: 3 }) }), fc.dictionary(fc.string(), fc.array(ruleLike, { maxLength: 2 }))), (v) => check(stringify(v))),
      { numRuns: 300 },
    );
  });

  it('random strings and YAML-ish fragments', () => {
    const fragment = fc.constantFrom('- ', 'rules:', '\n', '  ', 'id: X', ': ', '&a ', '*a', '[', ']', '{', '}', '"', "'", '#', '!!binary ', '? ', '|', '>', '__proto__: 1', 'check: text', '---', '...', '\t');
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(fragment, { maxLength: 40 }).map((a) => a.join(''))), check), { numRuns: 500 });
  });
});
