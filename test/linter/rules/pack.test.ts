import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { bundledRules, generateDocs } from '../../../scripts/gen-docs.js';
import { REPO_ROOT } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

const rules = bundledRules();

/** Every bundled rule, by id: a rule lost (or added without its spec and docs) fails here. */
const BUNDLED_IDS = [
  'BG-001', 'BG-002', 'BG-003', 'BG-004', 'BG-005', 'BG-010', 'BG-020', 'BG-021', 'BG-022', 'BG-023',
  'BG-030', 'BG-031', 'BG-032', 'BG-033', 'BG-034', 'BG-035', 'BG-036', 'BG-040', 'BG-041',
];

/**
 * The rules test/linter/rules runs RuleTester specs for, with their case counts: read from the
 * code (real `testRule('BG-…', { valid: [...], invalid: [...] })` calls), so a comment or a string
 * naming a rule does not count.
 */
function ruleSpecs(): Map<string, { valid: number; invalid: number }> {
  const specs = new Map<string, { valid: number; invalid: number }>();
  const dir = join(REPO_ROOT, 'test/linter/rules');
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.test.ts'))) {
    const sf = ts.createSourceFile(f, readFileSync(join(dir, f), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'testRule') {
        const [id, cases] = n.arguments;
        if (id && ts.isStringLiteral(id) && cases && ts.isObjectLiteralExpression(cases)) {
          const count = (key: string) => {
            const p = cases.properties.find((x) => ts.isPropertyAssignment(x) && x.name.getText(sf) === key);
            return p && ts.isPropertyAssignment(p) && ts.isArrayLiteralExpression(p.initializer) ? p.initializer.elements.length : 0;
          };
          specs.set(id.text, { valid: count('valid'), invalid: count('invalid') });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return specs;
}
const specs = ruleSpecs();

async function linesReported(ruleId: string, filename: string, code: string): Promise<number[]> {
  const root = tempProject({ [filename]: code });
  const result = await lint({ cwd: root, paths: ['.'], onlyRules: [ruleId] });
  const all = result.report.files.flatMap((f) => f.diagnostics);
  // A broken example would pass silently as "no findings": parse errors fail the test instead.
  expect(all.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
  return all.filter((d) => d.ruleId === ruleId).map((d) => d.span.start.line);
}

describe('the bundled pack', () => {
  it('loads exactly the bundled rules', () => {
    expect(rules.map((r) => r.id)).toEqual(BUNDLED_IDS);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('has docs in step with its YAML', () => {
      const path = join(REPO_ROOT, 'docs/rules', `${id}.md`);
      expect(existsSync(path), `${path} missing: run npx tsx scripts/gen-docs.ts`).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(generateDocs().get(`${id}.md`));
    });

    it('has a failing and a passing example, and a RuleTester spec with valid and invalid cases', () => {
      expect(rule.examples.fail.length).toBeGreaterThan(0);
      expect(rule.examples.pass.length).toBeGreaterThan(0);
      const spec = specs.get(id);
      expect(spec, `no testRule('${id}', …) call in test/linter/rules`).toBeDefined();
      expect(spec!.valid).toBeGreaterThan(0);
      expect(spec!.invalid).toBeGreaterThan(0);
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
