import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { tempProject } from './temp-project.js';

/** A project for one case: project-relative path → source text, written to real files on disk. */
export interface RuleCase {
  name: string;
  files: Record<string, string>;
  /** Options for the rule under test, merged over the rule's own (as `.bg-lint.yaml` `rules:` would). */
  options?: Record<string, unknown>;
  /** `.bg-lint.yaml` `subjects:` for this case. */
  subjects?: Record<string, unknown>;
}

export interface ExpectedFinding {
  /** Project-relative path; default: the case's only file. */
  file?: string;
  line: number;
  column?: number;
  /** The exact message, or a pattern it must match. */
  message: string | RegExp;
  /** The replacement text of the finding's fix, when it must have one. */
  fixText?: string;
}

export interface InvalidRuleCase extends RuleCase {
  errors: ExpectedFinding[];
}

/**
 * ESLint's RuleTester, for bg-lint: each case is a small project on disk, linted with the bundled
 * pack restricted to one rule; valid cases must produce nothing (not even a parse error), invalid
 * cases exactly the listed findings, in order (rule id, file, line, message).
 */
export function testRule(ruleId: string, cases: { valid: RuleCase[]; invalid: InvalidRuleCase[] }): void {
  const run = async (c: RuleCase) => {
    const root = tempProject(c.files);
    const config: Record<string, unknown> = {};
    if (c.options) config.rules = { [ruleId]: { options: c.options } };
    if (c.subjects) config.subjects = c.subjects;
    if (Object.keys(config).length > 0) writeFileSync(join(root, '.bg-lint.yaml'), stringify(config));
    const result = await lint({ cwd: root, paths: ['.'], onlyRules: [ruleId] });
    return result.report.files.flatMap((f) =>
      f.diagnostics.map((d) => ({ ...d, file: f.file.slice(root.length + 1).split('\\').join('/') })),
    );
  };
  describe(ruleId, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const found = await run(c);
        expect(found.map((d) => `${d.file}:${d.span.start.line}: ${d.message} [${d.ruleId}]`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const found = await run(c);
        const onlyFile = Object.keys(c.files).length === 1 ? Object.keys(c.files)[0] : undefined;
        expect(found.map((d) => d.ruleId)).toEqual(c.errors.map(() => ruleId));
        c.errors.forEach((e, i) => {
          const d = found[i]!;
          expect(d.file).toBe(e.file ?? onlyFile);
          expect({ line: d.span.start.line, ...(e.column !== undefined ? { column: d.span.start.column } : {}) }).toEqual({
            line: e.line,
            ...(e.column !== undefined ? { column: e.column } : {}),
          });
          if (typeof e.message === 'string') expect(d.message).toBe(e.message);
          else expect(d.message).toMatch(e.message);
          if (e.fixText !== undefined) expect(d.fix?.edits.map((x) => x.text).join('')).toBe(e.fixText);
        });
      });
    }
  });
}
