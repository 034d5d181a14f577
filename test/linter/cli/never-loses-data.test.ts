import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Issue 9 items 1 and 8: an option never swallows a path, and no write destroys or half-writes a file. */

const TASK = "export async function importTask(jobId: string) {\n  await db.update({ status: 'processing' });\n}\n";
const MODEL = 'export interface ImportJob {\n  id: string;\n}\n';
const PACKAGE_JSON = '{ "name": "app", "private": true }\n';

function project(): string {
  return tempProject({ 'src/tasks/import.task.ts': TASK, 'src/models/import-job.ts': MODEL, 'package.json': PACKAGE_JSON });
}

/** Every file under root except node_modules, with its content: what a run must not have changed. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path, `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(path, 'utf8');
    }
  };
  walk(root, '');
  return out;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
}

describe('optional option-arguments never swallow a path (item 1)', () => {
  it('--update-baseline <source file>: the file is linted, the baseline goes to the default file, the source is untouched', () => {
    const root = project();
    const run = runCli(['--update-baseline', 'src/tasks/import.task.ts', '-f', 'compact'], root);
    expect(run.stderr).toMatch(/^bg-lint: wrote \d+ findings? to the baseline\n$/);
    expect(run.code).toBe(0);
    expect(readFileSync(join(root, 'src/tasks/import.task.ts'), 'utf8')).toBe(TASK);
    const baseline = JSON.parse(readFileSync(join(root, '.bg-lint-baseline.json'), 'utf8'));
    // Only the named file was linted: the model's findings are not in the baseline.
    expect(new Set(baseline.entries.map((e: { file: string }) => e.file))).toEqual(new Set(['src/tasks/import.task.ts']));
  });

  it('--update-baseline <folder>: the folder is linted, no EISDIR, no temporary file left', () => {
    const root = project();
    const before = snapshot(root);
    const run = runCli(['--update-baseline', 'src'], root);
    expect(run.stderr).not.toContain('EISDIR');
    expect(run.code).toBe(0);
    const after = snapshot(root);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), '.bg-lint-baseline.json'].sort());
  });

  it('--update-baseline=<source file> (explicit value) is refused with one line, exit 2, the source unchanged', () => {
    const root = project();
    const before = snapshot(root);
    const run = runCli(['--update-baseline=src/tasks/import.task.ts'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `bg-lint: cannot write the baseline ${join(root, 'src/tasks/import.task.ts')}: the file exists and is not the baseline written by bg-lint, so it is left alone; name another file or remove it first\n`,
    );
    expect(snapshot(root)).toEqual(before);
  });

  it('--update-baseline <existing baseline.json> still names the baseline file, and rewrites it', () => {
    const root = project();
    expect(runCli(['src', '--update-baseline=my-baseline.json'], root).code).toBe(0);
    const run = runCli(['--update-baseline', 'my-baseline.json', 'src/models'], root);
    expect(run.code).toBe(0);
    const entries = JSON.parse(readFileSync(join(root, 'my-baseline.json'), 'utf8')).entries;
    expect(new Set(entries.map((e: { file: string }) => e.file))).toEqual(new Set(['src/models/import-job.ts']));
  });

  it('--changed <folder> lints the folder\'s changed files instead of reading the folder as a git ref', () => {
    const root = project();
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'init');
    writeFileSync(join(root, 'src/models/import-job.ts'), MODEL.replace('id', 'key'));
    const run = runCli(['--changed', 'src', '-f', 'compact'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const files = new Set(run.stdout.trim().split('\n').map((l) => l.split(':')[0]));
    expect(files).toEqual(new Set(['src/models/import-job.ts']));
  });
});

describe('write failures: one line naming the path, exit 2, nothing half-written (item 8)', () => {
  const cases: { name: string; args: string[]; message: (root: string) => string }[] = [
    { name: '-o <folder>', args: ['src', '-o', 'src'], message: (root) => `bg-lint: cannot write the report ${join(root, 'src')}: it is a folder; name a file\n` },
    {
      name: '-o package.json/out.txt',
      args: ['src', '-o', 'package.json/out.txt'],
      message: (root) => `bg-lint: cannot write the report ${join(root, 'package.json/out.txt')}: a part of the path is a file, not a folder\n`,
    },
    {
      name: '-o package.json (not a report)',
      args: ['src', '-o', 'package.json'],
      message: (root) => `bg-lint: cannot write the report ${join(root, 'package.json')}: the file exists and is not the report written by bg-lint, so it is left alone; name another file or remove it first\n`,
    },
    {
      name: '--cache-location package.json/x',
      args: ['src', '--cache', '--cache-location', 'package.json/x'],
      message: (root) => `bg-lint: cannot write the cache ${join(root, 'package.json/x')}: a part of the path is a file, not a folder\n`,
    },
    {
      name: '--cache-location package.json',
      args: ['src', '--cache', '--cache-location', 'package.json'],
      message: (root) => `bg-lint: cannot write the cache ${join(root, 'package.json')}: the file exists and is not the cache written by bg-lint, so it is left alone; name another file or remove it first\n`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const root = project();
      const before = snapshot(root);
      const run = runCli(c.args, root);
      expect(run.stderr).toBe(c.message(root));
      expect(run.code).toBe(2);
      expect(snapshot(root)).toEqual(before);
    });
  }

  it('-o replaces an earlier report of ours, in every format', () => {
    const root = project();
    for (const format of ['stylish', 'compact', 'json', 'sarif', 'junit', 'github']) {
      const out = `report-${format}`;
      expect(runCli(['src', '-f', format, '-o', out], root).code).toBe(1);
      writeFileSync(join(root, 'src/models/import-job.ts'), MODEL);
      const again = runCli(['src', '-f', format, '-o', out], root);
      expect(again.stderr, format).toBe('');
      expect(again.code, format).toBe(1);
    }
  });

  it('-o /dev/null and --cache-location /dev/null write to the device as a stream, and html reports are replaced', () => {
    const root = project();
    const before = snapshot(root);
    const run = runCli(['src', '-f', 'json', '-o', '/dev/null', '--cache', '--cache-location', '/dev/null'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(snapshot(root)).toEqual(before);
    expect(runCli(['src', '-f', 'html', '-o', 'report.html'], root).code).toBe(1);
    const again = runCli(['src', '-f', 'html', '-o', 'report.html'], root);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(1);
  });

});

describe('--changed with an unknown ref (item 11)', () => {
  it('is one line, exit 2, without a raw git command line', () => {
    const root = project();
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'init');
    const run = runCli(['--changed', 'nosuchref'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('bg-lint: --changed nosuchref: "nosuchref" is not a commit, branch or tag in this repository\n');
  });
});
