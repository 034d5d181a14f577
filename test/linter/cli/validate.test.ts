import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Issue 9 item 10: validate takes the bundled folder, says when there is nothing to validate, reports every problem at once, and validates .bg-lint.yaml. */

describe('bg-lint validate', () => {
  it('accepts the bundled rules folder, subjects.yaml included', () => {
    const run = runCli(['validate', join(REPO_ROOT, 'rules')], tempProject({}));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^\d+ rules in \d+ files and 1 subjects file: valid\n$/);
    expect(run.code).toBe(0);
  });

  it('a folder without rule files is exit 2 saying so', () => {
    const root = tempProject({ 'src/a.ts': 'export const a = 1;\n' });
    const run = runCli(['validate', 'src/'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${join(root, 'src')}:1:1: no rule file (.yaml or .yml) in src\n`);
  });

  it('every problem in one run: a shape error does not hide the same rule\'s option errors, nor other rules\'', () => {
    const root = tempProject({
      'r/a.yaml':
        'rules:\n' +
        '  - id: A-1\n    name: n\n    description: d\n    severity: fatal\n    check: forbidden-call\n    options: { callees: 3 }\n' +
        '  - id: A-2\n    name: n\n    description: d\n    severity: error\n    check: forbidden-call\n    options: { callees: [x], bogus: 1 }\n',
    });
    const run = runCli(['validate', 'r'], root);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${join(root, 'r/a.yaml')}:5:15: rules[0].severity: must be one of error, warning, info (got "fatal")`,
      `${join(root, 'r/a.yaml')}:7:25: rules[0].options.callees: must be a list (got the number 3)`,
      `${join(root, 'r/a.yaml')}:13:30: unknown key "bogus" in rule A-2 options; valid keys: callees, message`,
    ]);
  });

  it('validates .bg-lint.yaml: named, or found from the working directory when no path is given', () => {
    const good = tempProject({ '.bg-lint.yaml': 'rules:\n  BG-041: off\n' });
    const named = runCli(['validate', '.bg-lint.yaml'], good);
    expect(named.stderr).toBe('');
    expect(named.stdout).toMatch(/^\.bg-lint\.yaml: valid \(\d+ rules loaded\)\n$/);
    expect(runCli(['validate'], good).stdout).toBe(named.stdout);
    const bad = tempProject({ '.bg-lint.yaml': 'rules:\n  BG-001: fatal\n' });
    const run = runCli(['validate'], bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${join(bad, '.bg-lint.yaml')}:2:11: rules.BG-001: must be one of off, info, warning, error (got "fatal")\n`);
  });
});
