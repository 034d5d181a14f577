import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Issue 9 items 9 and 11 (fix side): the dry-run patch keeps a BOM, and fixes never duplicate a union member. */

const ONLY_BG010 = ['--no-bundled', '--rules', join(REPO_ROOT, 'rules/status.yaml')];
const BOM = '\uFEFF';

describe('--fix-dry-run on a file with a UTF-8 BOM', () => {
  it('prints a patch that git apply takes, and applying it fixes the file keeping the BOM', () => {
    const source = `${BOM}export async function run(job: Job) {\n  job.status = 'processing';\n}\n`;
    const root = tempProject({ 'src/tasks/run.task.ts': source });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const dry = runCli(['src', '--fix-dry-run', ...ONLY_BG010], root);
    expect(dry.stderr).toBe('bg-lint: 1 fix in 1 file would be applied (dry run: nothing written)\n');
    // The first line is context: with its BOM, as git reads it.
    expect(dry.stdout.split('\n')).toContain(` ${BOM}export async function run(job: Job) {`);
    writeFileSync(join(root, 'fix.patch'), dry.stdout);
    execFileSync('git', ['apply', '--check', 'fix.patch'], { cwd: root });
    execFileSync('git', ['apply', 'fix.patch'], { cwd: root });
    const applied = readFileSync(join(root, 'src/tasks/run.task.ts'), 'utf8');
    expect(applied).toBe(source.replace("'processing'", "'running'"));
  });
});

describe('--fix never writes a union with the same member twice', () => {
  it("'pending' | 'processing' | 'running' loses 'processing' instead of gaining a second 'running'", () => {
    const root = tempProject({
      'src/models/import-job.ts': "export interface ImportJob {\n  status: 'pending' | 'processing' | 'running';\n}\n",
      'src/models/scan.ts': "export interface ScanJob {\n  status: 'processing' | 'fetching' | 'failed';\n}\n",
    });
    const run = runCli(['src', '--fix', ...ONLY_BG010], root);
    expect(run.code).toBe(0);
    expect(readFileSync(join(root, 'src/models/import-job.ts'), 'utf8')).toBe("export interface ImportJob {\n  status: 'pending' | 'running';\n}\n");
    // Two legacy members with the same replacement: the first becomes it, the second goes.
    expect(readFileSync(join(root, 'src/models/scan.ts'), 'utf8')).toBe("export interface ScanJob {\n  status: 'running' | 'failed';\n}\n");
  });
});
