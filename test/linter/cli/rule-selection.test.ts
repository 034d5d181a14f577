import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Issue 9 item 6: `rules` and `explain` load the rules a lint run with the same options would. */

const ACME = 'rules:\n  - id: ACME-1\n    name: no exec\n    description: do not exec\n    severity: warning\n    check: forbidden-call\n    options: { callees: [execSync] }\n';

function project(): string {
  return tempProject({ 'my-rules/acme.yaml': ACME, 'conf/bg.yaml': 'rules:\n  BG-041: off\n', 'src/a.ts': '' });
}

describe('rules and explain honour the rule-selection options', () => {
  it('rules --no-bundled --rules <dir> lists only that folder\'s rules', () => {
    const run = runCli(['rules', '--no-bundled', '--rules', 'my-rules'], project());
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ACME-1  warning  no exec\n1 rule\n');
  });

  it('rules --rule BG-001=off shows the override', () => {
    const run = runCli(['rules', '--rule', 'BG-001=off'], project());
    expect(run.stdout).toMatch(/^BG-001 +off +/m);
  });

  it('rules -c <config> applies the config file', () => {
    const run = runCli(['rules', '-c', 'conf/bg.yaml'], project());
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^BG-041 +off +/m);
  });

  it('explain finds a rule of --rules, and not a bundled one under --no-bundled', () => {
    const root = project();
    const acme = runCli(['explain', 'ACME-1', '--rules', 'my-rules'], root);
    expect(acme.code).toBe(0);
    expect(acme.stdout).toContain('no exec');
    const gone = runCli(['explain', 'BG-001', '--no-bundled'], root);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('no rule "BG-001"');
  });
});
