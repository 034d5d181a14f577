import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE_RULE_TEST } from '../../../src/linter/rule-tests/init-example.js';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

const TEAM_RULE = `rules:
  - id: ACME-001
    name: no execSync in routes
    description: d
    severity: error
    files: ["src/routes/**"]
    check: forbidden-call
    options:
      callees: [execSync]
      message: "{callee} blocks the event loop"
`;
const CONFIG = 'extends:\n  - bg-lint:recommended\n  - ./lint/rules.yaml\n';
const BLOCKING = "import { execSync } from 'child_process';\nexport const start = () => execSync('ls');\n";

function project(tests: Record<string, string>): string {
  return tempProject({ '.bg-lint.yaml': CONFIG, 'lint/rules.yaml': TEAM_RULE, ...tests });
}

const caseYaml = (code: string) => `  - code: |\n${code.split('\n').filter(Boolean).map((l) => `      ${l}`).join('\n')}\n`;

describe('bg-lint test', () => {
  it('exits 0 when every case holds, for a team rule and a bundled one', () => {
    const root = project({
      'lint/rule-tests/ACME-001.yaml': `filename: src/routes/a.ts\nvalid:\n${caseYaml("export const start = () => enqueue('ls');")}invalid:\n${caseYaml(BLOCKING)}    errors:\n      - line: 2\n        message: execSync blocks the event loop\n`,
      'lint/rule-tests/BG-010.yaml': `filename: src/tasks/import.task.ts\ninvalid:\n${caseYaml("export async function run(job) {\n  job.status = 'processing';\n}")}    errors: [{ line: 2 }]\n`,
    });
    const run = runCli(['test'], root);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('3 cases in 2 files: all hold\n');
    expect(run.code).toBe(0);
  });

  it('exits 1 with a diff per failing case: wrong line, wrong message, a finding in a valid case, a snippet that does not parse', () => {
    const root = project({
      'lint/rule-tests/ACME-001.yaml': [
        'filename: src/routes/a.ts',
        'valid:',
        caseYaml(BLOCKING).trimEnd(),
        caseYaml('export const = ;').trimEnd(),
        '  - filename: scripts/build.ts',
        '    code: "execSync(1)"',
        'invalid:',
        caseYaml(BLOCKING).trimEnd(),
        '    errors:',
        '      - line: 1',
        '      - line: 2',
        '        message: execSync is slow',
        '',
      ].join('\n'),
    });
    const run = runCli(['test', 'lint'], root);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'FAIL ACME-001 valid[0] lint/rule-tests/ACME-001.yaml:3:5 (src/routes/a.ts)',
      '  expected no finding, reported:',
      '  + line 2: execSync blocks the event loop',
      'FAIL ACME-001 valid[1] lint/rule-tests/ACME-001.yaml:6:5 (src/routes/a.ts)',
      expect.stringMatching(/^ {2}the snippet does not parse: line 1: syntax error: /),
      'FAIL ACME-001 valid[2] lint/rule-tests/ACME-001.yaml:8:5 (scripts/build.ts)',
      '  ACME-001 does not look at scripts/build.ts (files: src/routes/**): give the case a filename it applies to',
      'FAIL ACME-001 invalid[0] lint/rule-tests/ACME-001.yaml:11:5 (src/routes/a.ts)',
      '  - expected  + reported',
      '  - line 1: (any message)',
      '  - line 2: execSync is slow',
      '  + line 2: execSync blocks the event loop',
      '4 cases in 1 file: 4 failed',
      '',
    ]);
  });

  it('exits 2 on a malformed test file, at the position of each problem, and runs nothing', () => {
    const root = project({
      'lint/rule-tests/ACME-001.yaml': 'valid:\n  - code: 1\n    filenme: x\n',
      'lint/rule-tests/ACME-002.yaml': 'invalid: [\n',
      'lint/rule-tests/ACME-003.yaml': 'id: ACME-01\nvalid: []\n',
    });
    const run = runCli(['test'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const at = (f: string) => join(root, 'lint/rule-tests', f);
    expect(run.stderr).toContain(`${at('ACME-001.yaml')}:2:11: valid[0].code: must be a string (got the number 1)`);
    expect(run.stderr).toContain(`${at('ACME-001.yaml')}:3:5: unknown key "filenme" in valid[0]; did you mean "filename"?`);
    expect(run.stderr).toMatch(new RegExp(`${at('ACME-002.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+: YAML syntax error`));
    // A malformed file stops the run before ids are looked up; fixed, the unknown id is the problem.
    const second = runCli(['test', 'lint/rule-tests/ACME-003.yaml'], root);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(`${at('ACME-003.yaml')}:1:5: no loaded rule has id "ACME-01"; did you mean "ACME-001"?\n`);
  });

  it('exits 2 when there is nothing to test', () => {
    const run = runCli(['test'], project({}));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no rule tests \(rule-tests\/\*\.yaml\) under /);
  });

  it('--update-snapshots writes the current lines and messages, keeping comments, and the next run holds', () => {
    const file = 'lint/rule-tests/ACME-001.yaml';
    const root = project({
      [file]: `# why these cases\nfilename: src/routes/a.ts\ninvalid:\n${caseYaml(BLOCKING)}    errors: [{ line: 7 }] # wrong on purpose\n${caseYaml('// nothing\n' + BLOCKING)}`,
    });
    expect(runCli(['test'], root).code).toBe(1);
    const update = runCli(['test', '--update-snapshots'], root);
    expect(update.stdout).toBe(`updated ${file}: review the new expected findings\n2 cases in 1 file: all hold\n`);
    expect(update.code).toBe(0);
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).toContain('# why these cases');
    expect((parse(text) as { invalid: { errors: unknown }[] }).invalid.map((c) => c.errors)).toEqual([
      [{ line: 2, message: 'execSync blocks the event loop' }],
      [{ line: 3, message: 'execSync blocks the event loop' }],
    ]);
    expect(runCli(['test'], root).stdout).toBe('2 cases in 1 file: all hold\n');
  });

  it('init writes an example rule and its test: the test holds, the schema accepts it, a lint run loads the rule', () => {
    const root = tempProject({ 'src/routes/a.ts': BLOCKING });
    expect(runCli(['init'], root).code).toBe(0);
    const test = runCli(['test'], root);
    expect(test.stdout).toBe('2 cases in 1 file: all hold\n');
    expect(test.code).toBe(0);
    expect(runCli(['-f', 'compact', 'src'], root).stdout).toContain('src/routes/a.ts:2:28: error: execSync blocks the event loop [ACME-001]');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schema/rule-tests.schema.json'), 'utf8')));
    expect(validate(parse(EXAMPLE_RULE_TEST))).toBe(true);
    expect(validate({ invalid: [{ code: 'x', errors: [{ line: 0 }] }] })).toBe(false);
  });
});
