import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Only the status rule file: other rules' findings on these files are not this test's business. */
const ONLY_BG010 = ['--no-bundled', '--rules', join(REPO_ROOT, 'rules/status.yaml')];
const cli = (args: string[], root: string) => runCli([...args, ...ONLY_BG010], root);

const PROJECT = {
  'src/models/import-job.entity.ts':
    'export enum ImportJobStatus {\n' +
    "  Pending = 'pending',\n" +
    '  Processing = "processing",\n' +
    '}\n' +
    '@Entity()\n' +
    'export class ImportJob { @Column() status!: ImportJobStatus; }\n',
  'src/tasks/import.task.ts':
    "import { ImportJob, ImportJobStatus } from '../models/import-job.entity';\n" +
    'export async function run(job: ImportJob) {\n' +
    '  job.status = ImportJobStatus.Processing;\n' +
    '  if (job.status === `fetching`) return;\n' +
    "  if (job.status === 'done') return;\n" +
    '}\n',
  'src/jobs/sync.js': "export async function sync(job) {\n  try { await work(); } catch (e) { job.status = 'error'; }\n}\n",
  'src/services/user.service.ts': "export function f(user: User) { user.status = 'error'; }\n",
};

const FIXED = {
  'src/models/import-job.entity.ts': PROJECT['src/models/import-job.entity.ts'].replace('"processing"', '"running"'),
  'src/tasks/import.task.ts': PROJECT['src/tasks/import.task.ts'].replace('`fetching`', '`running`'),
  'src/jobs/sync.js': PROJECT['src/jobs/sync.js'].replace("'error'", "'failed'"),
  'src/services/user.service.ts': PROJECT['src/services/user.service.ts'],
};

function read(root: string, path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

describe('bg-lint --fix', () => {
  it('fixes legacy statuses in place keeping quote styles, reports what is left, and a second run changes nothing', () => {
    const root = tempProject(PROJECT);
    chmodSync(join(root, 'src/jobs/sync.js'), 0o600);
    const run = cli(['src', '--fix', '-f', 'compact'], root);
    expect(run.stderr).toBe('bg-lint: applied 3 fixes in 3 files\n');
    for (const [path, text] of Object.entries(FIXED)) expect(read(root, path)).toBe(text);
    // The report is that of the fixed files: only the value no fix can choose is left.
    expect(run.stdout).toBe(
      'src/tasks/import.task.ts:5:22: warning: status "done" is not a standard status: use one of pending, running, completed, failed, completed_with_warnings [BG-010]\n',
    );
    expect(run.code).toBe(0);
    expect(statSync(join(root, 'src/jobs/sync.js')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(root, 'src/jobs'))).toEqual(['sync.js']);

    const again = cli(['src', '--fix', '-f', 'compact'], root);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(run.stdout);
    for (const [path, text] of Object.entries(FIXED)) expect(read(root, path)).toBe(text);
  });

  it('--fix-dry-run prints a unified diff that git apply takes, and writes nothing', () => {
    const root = tempProject(PROJECT);
    const run = cli(['src', '--fix-dry-run'], root);
    expect(run.stderr).toBe('bg-lint: 3 fixes in 3 files would be applied (dry run: nothing written)\n');
    expect(run.stdout).toContain('--- a/src/jobs/sync.js\n+++ b/src/jobs/sync.js\n@@ -1,3 +1,3 @@\n');
    expect(run.stdout).toContain("-  try { await work(); } catch (e) { job.status = 'error'; }\n+  try { await work(); } catch (e) { job.status = 'failed'; }\n");
    expect(run.stdout).toContain('-  Processing = "processing",\n+  Processing = "running",\n');
    for (const [path, text] of Object.entries(PROJECT)) expect(read(root, path)).toBe(text);
    // Warnings only: exit 0, as without --fix-dry-run.
    expect(run.code).toBe(0);

    writeFileSync(join(root, 'fix.patch'), run.stdout);
    execFileSync('git', ['apply', 'fix.patch'], { cwd: root });
    for (const [path, text] of Object.entries(FIXED)) expect(read(root, path)).toBe(text);
  });

  it('--fix-dry-run writes the report only to -o', () => {
    const root = tempProject(PROJECT);
    const run = cli(['src', '--fix-dry-run', '-f', 'json', '-o', 'report.json'], root);
    expect(run.stdout.startsWith('--- a/')).toBe(true);
    const report = JSON.parse(read(root, 'report.json')) as { messages: unknown[] }[];
    expect(report.flatMap((f) => f.messages)).toHaveLength(4);
  });

  it('carries fixes in JSON ({range, text}) and SARIF (fixes) output', () => {
    const root = tempProject(PROJECT);
    const json = JSON.parse(cli(['src', '-f', 'json'], root).stdout) as { filePath: string; messages: { ruleId: string; fix?: { range: [number, number]; text: string } }[]; fixableWarningCount: number }[];
    const sync = json.find((f) => f.filePath.endsWith('sync.js'))!;
    const text = PROJECT['src/jobs/sync.js'];
    const at = text.indexOf("'error'");
    expect(sync.messages[0]!.fix).toEqual({ range: [at, at + 7], text: "'failed'" });
    expect(sync.fixableWarningCount).toBe(1);
    const task = json.find((f) => f.filePath.endsWith('import.task.ts'))!;
    expect(task.messages.map((m) => m.fix?.text)).toEqual(['`running`', undefined]);

    const sarif = JSON.parse(cli(['src', '-f', 'sarif'], root).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; fixes?: { description: { text: string }; artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] }[] }[];
    };
    const results = sarif.runs[0]!.results;
    const fixed = results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('sync.js'))!;
    expect(fixed.fixes?.[0]?.description.text).toBe('replace "error" with "failed"');
    expect(fixed.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.insertedContent.text).toBe("'failed'");
    expect(results.filter((r) => r.fixes).length).toBe(3);
  });

  it('leaves a file without fixes untouched', () => {
    const root = tempProject({ 'src/jobs/a.js': "export function a(job) { job.status = 'running'; }\n" });
    const before = statSync(join(root, 'src/jobs/a.js')).mtimeMs;
    const run = cli(['src', '--fix'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(statSync(join(root, 'src/jobs/a.js')).mtimeMs).toBe(before);
  });
});
