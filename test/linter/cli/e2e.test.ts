import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

const EXAMPLE = join(REPO_ROOT, 'fixtures/example-app');

const CLEAN_MODEL = `export interface ImportJob {
  status: 'pending' | 'running' | 'completed' | 'failed';
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  error_message: string | null;
  triggered_by: string;
}

/** The monitoring registry (BG-022). */
export const TASK_MODELS: Record<string, ImportJob> = {};
`;

describe('bg-lint binary: exit codes', () => {
  it('exits 0 on a clean project and prints nothing', () => {
    const root = tempProject({ 'src/models/import-job.ts': CLEAN_MODEL });
    const run = runCli(['src'], root);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits 1 with findings, naming rule, place and message', () => {
    const root = tempProject({ 'src/models/import-job.ts': 'export interface ImportJob {\n  id: string;\n}\n' });
    const run = runCli(['src', '-f', 'compact'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('src/models/import-job.ts:1:18: error: job model "ImportJob" has no "status" field [BG-001]');
  });

  it('warnings alone exit 0, and 1 once they exceed --max-warnings', () => {
    const root = tempProject({ 'src/models/import-job.ts': CLEAN_MODEL.replace('  triggered_by: string;\n', '') });
    expect(runCli(['src'], root).code).toBe(0);
    expect(runCli(['src', '--max-warnings', '0'], root).code).toBe(1);
    expect(runCli(['src', '--max-warnings', '1'], root).code).toBe(0);
    const quiet = runCli(['src', '--quiet', '--max-warnings', '0'], root);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
  });

  it('exits 2 for a path that names nothing', () => {
    const root = tempProject({ 'src/a.ts': '' });
    const run = runCli(['nope'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope');
  });

  it('exits 2 for a bad rule file, with file:line:col and the key', () => {
    const root = tempProject({
      'src/a.ts': 'export const a = 1;\n',
      'my-rules/acme.yaml': 'rules:\n  - id: ACME-1\n    name: n\n    description: d\n    severity: fatal\n    check: forbidden-call\n    options: { callees: [execSync] }\n',
    });
    const run = runCli(['src', '--rules', 'my-rules'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/my-rules\/acme\.yaml:5:15: .*severity.*error, warning, info/);
  });

  it('exits 2 for an unknown option or format', () => {
    const root = tempProject({ 'src/a.ts': '' });
    expect(runCli(['--frobnicate'], root).code).toBe(2);
    expect(runCli(['-f', 'xml'], root).code).toBe(2);
  });

  it('a syntax error is a parse-error finding and the other files are still linted', () => {
    const root = tempProject({
      'src/models/broken-job.ts': 'export interface BrokenJob {\n  status: string\n',
      'src/models/import-job.ts': 'export interface ImportJob { id: string }\n',
    });
    const run = runCli(['src', '-f', 'compact'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/src\/models\/broken-job\.ts:3:1: error: syntax error: .* \[parse-error\]/);
    expect(run.stdout).toContain('src/models/import-job.ts:1:18: error: job model "ImportJob" has no "status" field [BG-001]');
  });

  it('skips binary and symlink-looped files with a note instead of crashing', () => {
    const root = tempProject({ 'src/models/import-job.ts': CLEAN_MODEL });
    writeFileSync(join(root, 'src/blob.ts'), Buffer.from([0x63, 0x00, 0x01, 0x02]));
    symlinkSync(join(root, 'src'), join(root, 'src/loop'));
    symlinkSync('self.ts', join(root, 'src/self.ts'));
    const run = runCli(['src', 'src/self.ts', '-f', 'compact'], root);
    expect(run.stdout.trim().split('\n').sort()).toEqual([
      'src/blob.ts:1:1: warning: file skipped: binary content [skipped-file]',
      'src/self.ts:1:1: warning: file skipped: symbolic link loop [skipped-file]',
    ]);
    expect(run.code).toBe(0);
  });

  it('--rule overrides a severity, and off turns a rule off', () => {
    const root = tempProject({ 'src/models/import-job.ts': 'export interface ImportJob { status: string }\n' });
    expect(runCli(['src', '--rule', 'BG-002=warning', '-f', 'compact'], root).stdout).toContain('warning: job model "ImportJob" has no "created_at" field [BG-002]');
    const off = runCli(['src', '--rule', 'BG-002=off', '--rule', 'BG-003=off', '--rule', 'BG-004=off'], root);
    expect(off.code).toBe(0);
    expect(runCli(['src', '--rule', 'BG-002=loud'], root).code).toBe(2);
  });
});

describe('bg-lint binary: output formats on the example app', () => {
  it('stylish groups by file with a summary, without colour when not a TTY', () => {
    const run = runCli(['fixtures/example-app'], REPO_ROOT);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toContain('fixtures/example-app/src/models/export-run.entity.ts');
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ infos?\)/);
  });

  it('json is ESLint-shaped', () => {
    const run = runCli(['fixtures/example-app', '-f', 'json'], REPO_ROOT);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>>; errorCount: number }>;
    const page = results.find((r) => r.filePath === join(EXAMPLE, 'static/js/import-page.js'))!;
    expect(page.messages).toEqual([
      expect.objectContaining({ ruleId: 'BG-041', severity: 1, bgSeverity: 'info', line: 9, column: 62, message: 'polling every 1000 ms is too frequent: use 3000–5000 ms' }),
      expect.objectContaining({ ruleId: 'BG-040', severity: 1, bgSeverity: 'info', line: 23, column: 25 }),
    ]);
    expect(results.some((r) => r.messages.length === 0)).toBe(true);
  });

  it('sarif validates against the SARIF 2.1.0 schema, with relative URIs', () => {
    const run = runCli(['fixtures/example-app', '-f', 'sarif'], REPO_ROOT);
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures-data/sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('fixtures/example-app/static/js/import-page.js');
    expect(log.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(expect.arrayContaining(['BG-001', 'BG-041']));
    expect(log.runs[0].results.every((r: any) => typeof r.partialFingerprints?.['bgLint/v1'] === 'string')).toBe(true);
  });

  it('github prints workflow commands', () => {
    const run = runCli(['fixtures/example-app', '-f', 'github'], REPO_ROOT);
    expect(run.stdout).toContain('::notice file=fixtures/example-app/static/js/import-page.js,line=9,col=62,');
    expect(run.stdout).toMatch(/^::error file=fixtures\/example-app\/src\/models\/export-run\.entity\.ts,line=6,col=14,endLine=6,endColumn=23,title=BG-001::/m);
  });

  it('junit lists a testcase per rule and file', () => {
    const run = runCli(['fixtures/example-app', '-f', 'junit'], REPO_ROOT);
    expect(run.stdout).toMatch(/^<\?xml/);
    expect(run.stdout).toMatch(/<testcase[^>]*classname="BG-041"[^>]*name="fixtures\/example-app\/static\/js\/import-page.js"/);
  });

  it('-o writes the report to a file', () => {
    const out = join(tempProject({}), 'reports/bg.json');
    const run = runCli(['fixtures/example-app', '-f', 'json', '-o', out], REPO_ROOT);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toBeInstanceOf(Array);
  });
});

describe('bg-lint binary: subcommands', () => {
  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const run = runCli(['--version'], REPO_ROOT);
    expect(run.stdout.trim()).toBe(pkg.version);
    expect(run.code).toBe(0);
  });

  it('rules lists the loaded rules', () => {
    const run = runCli(['rules'], tempProject({}));
    expect(run.stdout).toMatch(/^BG-001 +error +job models must have a status field$/m);
    expect(run.stdout).toMatch(/^BG-041 +info +use consistent polling interval$/m);
  });

  it('explain prints the rule doc; an unknown id is exit 2 with a suggestion', () => {
    const run = runCli(['explain', 'BG-041'], tempProject({}));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# BG-041: use consistent polling interval');
    expect(run.stdout).toContain('## Failing examples');
    const bad = runCli(['explain', 'BG-04'], tempProject({}));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean');
  });

  it('init writes a config that the next run loads, and will not overwrite it', () => {
    const root = tempProject({ 'src/models/import-job.ts': CLEAN_MODEL });
    expect(runCli(['init'], root).code).toBe(0);
    expect(existsSync(join(root, '.bg-lint.yaml'))).toBe(true);
    expect(runCli(['src'], root).code).toBe(0);
    expect(runCli(['init'], root).code).toBe(2);
  });

  it('validate checks rule files without scanning', () => {
    const root = tempProject({
      'good/a.yaml': 'rules:\n  - id: ACME-1\n    name: n\n    description: d\n    severity: error\n    check: forbidden-call\n    options: { callees: [execSync] }\n',
      'bad/a.yaml': 'rules:\n  - id: ACME-1\n    name: n\n    description: d\n    severity: error\n    check: forbiden-call\n',
    });
    const good = runCli(['validate', 'good'], root);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('1 rule in 1 file: valid');
    const bad = runCli(['validate', 'bad'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\/a\.yaml:6:12: .*forbidden-call/);
  });

  it('a custom YAML rule finds an aliased execSync', () => {
    const root = tempProject({
      'src/routes/run.ts': "import { execSync as sh } from 'node:child_process';\nexport function handler() {\n  return sh('ls');\n}\n",
      'rules/acme.yaml': 'rules:\n  - id: ACME-1\n    name: no execSync\n    description: d\n    severity: error\n    files: ["src/routes/**"]\n    check: forbidden-call\n    options: { callees: [child_process.execSync], message: "{written} is {callee}: it blocks" }\n',
    });
    const run = runCli(['src', '--no-bundled', '--rules', 'rules', '-f', 'compact'], root);
    expect(run.stdout.trim()).toBe('src/routes/run.ts:3:10: error: sh is child_process.execSync: it blocks [ACME-1]');
    expect(run.code).toBe(1);
  });
});
