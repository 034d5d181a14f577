import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Check, Messages } from '../../src/linter/checks/check.js';
import { builtinChecks } from '../../src/linter/checks/registry.js';
import { lint } from '../../src/linter/lint.js';
import { bundledRules } from '../../scripts/gen-docs.js';
import { tempProject } from './temp-project.js';

/** A project for one case: project-relative path → source text, written to real files on disk. */
export interface RuleCase {
  name: string;
  files: Record<string, string>;
  /**
   * Options for the rule under test. A bundled rule: merged over the rule's own (as `.bg-lint.yaml`
   * `rules:` would). A rule object: the rule's `options:`, merged over the check's defaults.
   */
  options?: Record<string, unknown>;
  /** `.bg-lint.yaml` `subjects:` for this case. */
  subjects?: Record<string, unknown>;
}

export interface ExpectedFinding {
  /** Project-relative path; default: the case's only file. */
  file?: string;
  line: number;
  column?: number;
  /** The id in the check's `meta.messages` the finding was reported with (ESLint's `messageId`). */
  messageId?: string;
  /**
   * The message's data: the finding's text must be exactly what the message renders from it. The
   * rendered text itself is asserted once per message, by `expectMessages` in the check's test.
   */
  data?: Record<string, unknown>;
  /** The exact message, or a pattern it must match (for texts the rule's options write). */
  message?: string | RegExp;
  /** The replacement text of the finding's fix, when it must have one. */
  fixText?: string;
}

export interface InvalidRuleCase extends RuleCase {
  errors: ExpectedFinding[];
}

/** The rule `testRule` runs: a bundled rule's id, or a rule object (a check, as ESLint's RuleTester takes a rule module). */
export type RuleUnderTest = string | Check<any, any>;

/** The id findings of a rule object are reported under (the rule file the tester writes for it). */
export const testRuleId = (check: Check<any, any>) => `test.${check.meta.name}`;

function checkOf(rule: RuleUnderTest): Check<any, Messages> {
  if (typeof rule !== 'string') return rule;
  const found = bundledRules().find((r) => r.id === rule);
  if (!found) throw new Error(`testRule: no bundled rule ${rule}`);
  return found.check as Check<any, Messages>;
}

/** A rule file in a folder of its own (outside the project, so it is never linted) that runs `check` with `options`. */
function ruleFileFor(check: Check<any, any>, options: Record<string, unknown> | undefined): string {
  if (builtinChecks.get(check.meta.name) !== check) {
    // The CLI loads checks by name from its registry: a check object that is not there cannot run end to end.
    throw new Error(`testRule: "${check.meta.name}" is not a registered check (src/linter/checks/registry.ts)`);
  }
  const rule = { id: testRuleId(check), name: check.meta.name, description: 'rule under test', severity: 'error', check: check.meta.name, ...(options ? { options } : {}) };
  return join(tempProject({ 'rule.yaml': stringify({ rules: [rule] }) }), 'rule.yaml');
}

/**
 * ESLint's RuleTester, for bg-lint: each case is a small project on disk, linted with one rule (a
 * bundled rule, with the rest of the pack off; or a rule object, alone); valid cases must produce
 * nothing (not even a parse error), invalid cases exactly the listed findings, in order (rule id,
 * file, line, message id and data, or message).
 */
export function testRule(rule: RuleUnderTest, cases: { valid: RuleCase[]; invalid: InvalidRuleCase[] }): void {
  const ruleId = typeof rule === 'string' ? rule : testRuleId(rule);
  const run = async (c: RuleCase) => {
    const root = tempProject(c.files);
    const config: Record<string, unknown> = {};
    if (c.options && typeof rule === 'string') config.rules = { [ruleId]: { options: c.options } };
    if (c.subjects) config.subjects = c.subjects;
    if (Object.keys(config).length > 0) writeFileSync(join(root, '.bg-lint.yaml'), stringify(config));
    const own = typeof rule === 'string' ? {} : { bundled: false, rules: [ruleFileFor(rule, c.options)] };
    const result = await lint({ cwd: root, paths: ['.'], onlyRules: [ruleId], ...own });
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
          if (e.messageId === undefined && e.message === undefined) throw new Error(`case "${c.name}": an expected finding names its messageId or message`);
          expect(d.file).toBe(e.file ?? onlyFile);
          expect({ line: d.span.start.line, ...(e.column !== undefined ? { column: d.span.start.column } : {}) }).toEqual({
            line: e.line,
            ...(e.column !== undefined ? { column: e.column } : {}),
          });
          if (e.messageId !== undefined) expect({ messageId: d.messageId, message: d.message }).toMatchObject({ messageId: e.messageId });
          if (e.data !== undefined) expect(d.message).toBe(renderMessage(checkOf(rule), e.messageId ?? d.messageId!, e.data));
          if (typeof e.message === 'string') expect(d.message).toBe(e.message);
          else if (e.message) expect(d.message).toMatch(e.message);
          if (e.fixText !== undefined) expect(d.fix?.edits.map((x) => x.text).join('')).toBe(e.fixText);
        });
      });
    }
  });
}

/** The text `check` reports for a message id and its data, as the engine renders it. */
export function renderMessage(check: Check<any, Messages>, messageId: string, data: Record<string, unknown>): string {
  const render = check.meta.messages[messageId];
  if (!render) throw new Error(`check "${check.meta.name}" declares no message "${messageId}" (it has ${Object.keys(check.meta.messages).join(', ')})`);
  return render(data);
}

/** One row of `expectMessages`: a message's data and the exact text it renders. */
export type MessageRow<M extends Messages, K extends keyof M> = [Parameters<M[K]>[0], string];

/**
 * Asserts the rendered text of every message a check declares, once each (the rule tests assert
 * ids and data); several rows for a message whose text varies with its data. A message added to
 * the check without a row here fails the test.
 */
export function expectMessages<M extends Messages>(check: Check<any, M>, table: { [K in keyof M]: MessageRow<M, K> | MessageRow<M, K>[] }): void {
  describe(`${check.meta.name} messages`, () => {
    it('every declared message has its text asserted here', () => {
      expect(Object.keys(table).sort()).toEqual(Object.keys(check.meta.messages).sort());
    });
    for (const [id, entry] of Object.entries(table) as [string, unknown[]][]) {
      const rows = (Array.isArray(entry[0]) ? entry : [entry]) as [Record<string, unknown>, string][];
      it(`${id} renders its text`, () => {
        for (const [data, text] of rows) expect(renderMessage(check as Check<any, Messages>, id, data)).toBe(text);
      });
    }
  });
}
