import { describe, expect, it } from 'vitest';
import { bundledRuleCatalog, resolveProjectConfiguration } from '../../../src/linter/service/lint-service.js';
import { casesFromExamples, runCase } from '../../../src/linter/rule-tests/run.js';
import { tempProject } from '../../helpers/temp-project.js';

// The bundled pack's subjects and options, as a project without a config gets them.
const config = resolveProjectConfiguration(tempProject({}));
const rules = bundledRuleCatalog();

describe("the bundled pack's examples, through the rule-test runner", () => {
  it('covers every bundled rule', () => {
    expect(rules.length).toBeGreaterThanOrEqual(15);
    expect(rules.every((r) => r.examples.fail.length > 0 && r.examples.pass.length > 0)).toBe(true);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it.each(casesFromExamples(rule).map((c) => [`${c.kind}[${c.index}] ${c.filename}`, c] as const))('%s holds', (_name, c) => {
      const outcome = runCase(rule, config, c);
      expect(outcome.problem).toBeUndefined();
      expect(outcome.ok, JSON.stringify(outcome.found)).toBe(true);
    });
  });
});
