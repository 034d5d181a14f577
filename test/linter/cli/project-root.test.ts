import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';

const EXAMPLE = join(REPO_ROOT, 'fixtures/example-app');
const EXPECTED = readFileSync(join(EXAMPLE, 'expected-findings.txt'), 'utf8').trim().split('\n');

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding a copy of the example app at `at` (e.g. `build/app`), marked as a project by its package.json. */
function exampleAt(at: string): { base: string; app: string } {
  const base = mkdtempSync(join(tmpdir(), 'bg-lint-root-'));
  made.push(base);
  const app = join(base, at);
  cpSync(EXAMPLE, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), '{ "name": "example-app", "private": true }\n');
  return { base, app };
}

/** Compact findings with their paths made relative to the project, so runs from different folders compare. */
function findings(args: string[], cwd: string, project: string): string[] {
  const run = runCli([...args, '-f', 'compact'], cwd);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  return run.stdout.trim().split('\n').map((line) => {
    const at = line.indexOf(':');
    return relative(project, resolve(cwd, line.slice(0, at))) + line.slice(at);
  }).sort();
}

describe('the project is found from the linted files, not from the working directory', () => {
  it('gives the same findings from the project, a sibling folder, a subfolder, and under a folder named build/', () => {
    const { base, app } = exampleAt('app');
    mkdirSync(join(base, 'sibling'));
    const expected = [...EXPECTED].sort();
    expect(findings(['.'], app, app)).toEqual(expected);
    expect(findings([app], join(base, 'sibling'), app)).toEqual(expected);
    expect(findings(['../..'], join(app, 'src/tasks'), app)).toEqual(expected);
    const built = exampleAt('build/app');
    expect(findings(['build/app'], built.base, built.app)).toEqual(expected);
    expect(findings(['.'], built.app, built.app)).toEqual(expected);
  });

  it('lints a project inside a folder named jobs/ like any other: jobs/ above the root is not a task folder', () => {
    const { base, app } = exampleAt('jobs/app');
    expect(findings([app], base, app)).toEqual([...EXPECTED].sort());
  });

  it('SARIF URIs are relative to the project root, from any folder', () => {
    const { base, app } = exampleAt('app');
    const uris = (cwd: string, path: string) => {
      const log = JSON.parse(runCli([path, '-f', 'sarif'], cwd).stdout);
      const run = log.runs[0];
      return { base: run.originalUriBaseIds['%SRCROOT%'].uri, uris: run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri).sort() };
    };
    const inside = uris(app, '.');
    expect(uris(base, 'app')).toEqual(inside);
    expect(inside.uris).toContain('src/models/export-run.entity.ts');
  });

  it('does not follow links to folders inside a linted folder, and says when a named path leads to no linted file', () => {
    const { base, app } = exampleAt('app');
    symlinkSync(join(app, 'src'), join(app, 'mirror'));
    expect(findings(['.'], app, app)).toEqual([...EXPECTED].sort());
    mkdirSync(join(app, 'empty'));
    mkdirSync(join(app, 'dist'));
    writeFileSync(join(app, 'dist/index.js'), 'export const status = "processing";\n');
    const run = runCli(['empty', 'dist', 'src/models', '-f', 'compact'], app);
    expect(run.stderr).toBe('bg-lint: empty: nothing to lint (no source file)\nbg-lint: dist: nothing to lint (every file is ignored)\n');
    expect(run.stdout).toContain('src/models/export-run.entity.ts:6:14: error: job model "ExportRun" has no "status" field');
    expect(run.code).toBe(1);
    // A named link loop is still reported as a skipped file, and said on stderr.
    symlinkSync('self.ts', join(app, 'src/self.ts'));
    const loop = runCli(['src/self.ts', '-f', 'compact'], app);
    expect(loop.stderr).toBe('bg-lint: src/self.ts: nothing to lint (a symbolic link loop)\n');
    expect(loop.stdout.trim()).toBe('src/self.ts:1:1: warning: file skipped: symbolic link loop [skipped-file]');
    expect(loop.code).toBe(0);
    expect(base).not.toBe('');
  });
});
