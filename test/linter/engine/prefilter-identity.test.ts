import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../../bench/generate.js';
import { lint } from '../../../src/linter/lint.js';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';

/**
 * The prefilter is an optimisation only: the real binary's JSON report is byte-identical with and
 * without it, on every fixture project and on a generated bench project.
 */
function sameBothWays(dir: string): string {
  const on = runCli([dir, '-f', 'json', '--concurrency', 'off'], REPO_ROOT);
  const off = runCli([dir, '-f', 'json', '--concurrency', 'off', '--no-prefilter'], REPO_ROOT);
  expect(off.stderr).toBe(on.stderr);
  expect(off.code).toBe(on.code);
  expect(on.stdout.length).toBeGreaterThan(2);
  expect(off.stdout).toBe(on.stdout);
  return on.stdout;
}

const FIXTURES = join(REPO_ROOT, 'fixtures');

describe('prefilter: identical results', () => {
  for (const name of readdirSync(FIXTURES)) {
    it(`fixtures/${name}`, async () => {
      const report = JSON.parse(sameBothWays(join(FIXTURES, name)));
      expect(report.length).toBeGreaterThan(0); // one entry per linted file, skipped ones included
      // Meaningful only if the prefilter skipped something here.
      expect((await lint({ cwd: join(FIXTURES, name), paths: ['.'], concurrency: 1 })).prefilteredFiles).toBeGreaterThan(0);
    }, 120_000);
  }

  it('a generated bench project of 300 files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-lint-prefilter-'));
    generateProject(300, dir);
    sameBothWays(dir);
    expect((await lint({ cwd: dir, paths: ['.'], concurrency: 1 })).prefilteredFiles).toBeGreaterThan(0);
  }, 300_000);
});
