import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { bundledRules, generateDocs } from '../../../scripts/gen-docs.js';
import { REPO_ROOT } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

const rules = bundledRules();
const testSources = readdirSync(join(REPO_ROOT, 'test/linter/rules'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(join(REPO_ROOT, 'test/linter/rules', f), 'utf8'));

async function linesReported(ruleId: string, filename: string, code: string): Promise<number[]> {
  const root = tempProject({ [filename]: code });
  const result = await lint({ cwd: root, paths: ['.'], onlyRules: [ruleId] });
  const all = result.report.files.flatMap((f) => f.diagnostics);
  // A broken example would pass silently as "no findings": parse errors fail the test instead.
  expect(all.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
  return all.filter((d) => d.ruleId === ruleId).map((d) => d.span.start.line);
}

describe('the bundled pack', () => {
  it('loads rules', () => {
    expect(rules.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('has docs in step with its YAML', () => {
      const path = join(REPO_ROOT, 'docs/rules', `${id}.md`);
      expect(existsSync(path), `${path} missing: run npx tsx scripts/gen-docs.ts`).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(generateDocs().get(`${id}.md`));
    });

    it('has a failing and a passing example, and a RuleTester file', () => {
      expect(rule.examples.fail.length).toBeGreaterThan(0);
      expect(rule.examples.pass.length).toBeGreaterThan(0);
      expect(testSources.some((text) => text.includes(`testRule('${id}'`))).toBe(true);
    });

    it('reports its failing examples on the listed lines', async () => {
      for (const example of rule.examples.fail) {
        const lines = await linesReported(id, example.filename, example.code);
        if (example.lines) expect(lines).toEqual(example.lines);
        else expect(lines.length).toBeGreaterThan(0);
      }
    });

    it('reports nothing on its passing examples', async () => {
      for (const example of rule.examples.pass) {
        expect(await linesReported(id, example.filename, example.code)).toEqual([]);
      }
    });
  });

  it('the docs index lists every rule', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs/rules/README.md'), 'utf8')).toBe(generateDocs().get('README.md'));
  });
});
