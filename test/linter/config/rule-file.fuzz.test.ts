import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { builtinChecks } from '../../../src/linter/checks/registry.js';
import { compileRule } from '../../../src/linter/config/compile-rule.js';
import { parseConfigText } from '../../../src/linter/config/config-file.js';
import type { ConfigProblem } from '../../../src/linter/config/problems.js';
import { loadRuleFileText } from '../../../src/linter/config/rule-file.js';
import { fuzzRuns } from '../../helpers/fuzz-runs.js';

/**
 * Issue 9, fuzzing: generated rule files (valid ones, the same mutated character by character,
 * wrong types, huge values) through the real loader and compiler with the real checks, in process.
 * Every input ends either valid (exit 0) or with problems that each have a position inside the
 * file and a message (exit 2): never an exception.
 */

function positioned(problems: readonly ConfigProblem[], text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines + 1);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

/** The text as a rule file and as a config file: valid when either reading has no problem. */
function outcome(text: string): 'valid' | 'problems' {
  const loaded = loadRuleFileText(text, 'f.yaml', builtinChecks);
  const ruleProblems = [...loaded.problems];
  for (const raw of [...loaded.rules, ...loaded.drafts]) ruleProblems.push(...compileRule(raw).problems);
  positioned(ruleProblems, text);
  const config = parseConfigText(text, 'c.yaml');
  const configProblems = 'problems' in config ? config.problems : [];
  positioned(configProblems, text);
  return ruleProblems.length === 0 || configProblems.length === 0 ? 'valid' : 'problems';
}

const VALID = [
  'rules:\n  - id: ACME-1\n    name: no exec\n    description: d\n    severity: error\n    check: forbidden-call\n    options: { callees: [execSync] }\n',
  'background_task_rules:\n  - id: S-1\n    name: n\n    severity: warning\n    match_strings: true\n    patterns:\n      - file: "src/**/*.ts"\n        must_contain: ["status", "started_at"]\n        when_contains: job\n    anti_patterns:\n      - pattern: "status.*=.*processing"\n        message: "Use running"\n',
  '- id: S-2\n  name: n\n  severity: info\n  patterns:\n    - should_match: "setInterval.*[3-5]000"\n      must_contain_one_of: [a, b]\n',
  'rules:\n  BG-041: off\n  BG-002: { severity: warning }\nignore: ["**/gen/**"]\n',
];

/** A valid file with random edits: a character deleted, inserted or replaced, lines swapped. */
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.tuple(fc.constantFrom('delete', 'insert', 'replace', 'swap-lines'), fc.nat(), fc.constantFrom(':', '-', ' ', '\n', '"', "'", '[', '{', '}', '&', '*', '#', '\t', 'x', '0', '|', '!')),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [op, at, c] of edits) {
      const i = at % (t.length + 1);
      if (op === 'delete') t = t.slice(0, i) + t.slice(i + 1);
      else if (op === 'insert') t = t.slice(0, i) + c + t.slice(i);
      else if (op === 'replace') t = t.slice(0, i) + c + t.slice(i + 1);
      else {
        const lines = t.split('\n');
        const a = at % lines.length;
        const b = (at * 7 + 3) % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        t = lines.join('\n');
      }
    }
    return t;
  });

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);

/** Rules with each field of a random type, including huge strings and lists. */
const wrongTypes = fc
  .array(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('A-1', 'BG-001'), anyValue),
        name: anyValue,
        description: anyValue,
        severity: fc.oneof(fc.constantFrom('error', 'warning', 'info', 'off'), anyValue),
        check: fc.oneof(fc.constantFrom('forbidden-call', 'text', 'status-values', 'required-fields'), anyValue),
        options: fc.oneof(fc.object({ maxDepth: 2 }), anyValue),
        patterns: fc.oneof(fc.array(fc.object({ maxDepth: 1 }), { maxLength: 2 }), anyValue),
        anti_patterns: fc.oneof(fc.array(fc.record({ pattern: fc.oneof(fc.string(), fc.constantFrom('(a+)+$', '[', '(?<n>x)+', 'a{99999}')), message: anyValue }, { requiredKeys: [] }), { maxLength: 2 }), anyValue),
        files: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), anyValue),
        match_strings: anyValue,
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  )
  .map((rules) => stringify({ rules }));

const huge = fc.oneof(
  fc.nat({ max: 100_000 }).map((n) => `rules:\n  - id: H-1\n    name: "${'n'.repeat(n)}"\n    severity: error\n    check: forbidden-call\n    options: { callees: [x] }\n`),
  fc.nat({ max: 300 }).map((n) => `rules:\n${'  - id: D\n'.repeat(n)}`),
  fc.nat({ max: 500 }).map((n) => `rules: ${'['.repeat(n)}${']'.repeat(n)}\n`),
  fc.nat({ max: 2000 }).map((n) => `- id: A\n  name: n\n  severity: error\n  check: forbidden-call\n  options: { callees: [${Array.from({ length: n }, (_, i) => `f${i}`).join(', ')}] }\n`),
  fc.constantFrom('a: &a [*a]\n', 'x: !!binary "@@"\n', 'rules: 1e99999\n', 'rules: 0x\n', '\u0000\u0001', '\ufeffrules: []\n', 'rules:\r\n  - id: C\r\n'),
);

describe('rule files: fuzzed through the loader, never a crash, always valid or positioned problems', () => {
  // ~5 ms a file on an idle 2-core machine: 2,000 runs take ~10 s (10,000: ~50 s, with BG_LINT_FUZZ_RUNS=10000).
  const runs = fuzzRuns(2_000);
  it(`${runs} generated files: valid, mutated, wrong types, huge values`, () => {
    const seen = { valid: 0, problems: 0 };
    fc.assert(
      fc.property(fc.oneof({ arbitrary: fc.constantFrom(...VALID), weight: 1 }, { arbitrary: mutated, weight: 5 }, { arbitrary: wrongTypes, weight: 4 }, { arbitrary: huge, weight: 1 }), (text) => {
        seen[outcome(text)] += 1;
      }),
      { numRuns: runs },
    );
    // The generators reach both outcomes (a generator that only ever produced errors would test little).
    expect(seen.valid).toBeGreaterThan(0);
    expect(seen.problems).toBeGreaterThan(0);
  });
});
