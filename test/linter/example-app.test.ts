import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

const APP = join(REPO_ROOT, 'fixtures/example-app');

describe('the example app (the README’s first command)', () => {
  it('yields exactly the findings listed in expected-findings.txt: the compliant half is clean', () => {
    const expected = readFileSync(join(APP, 'expected-findings.txt'), 'utf8');
    const run = runCli(['.', '-f', 'compact'], APP);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
    expect(run.code).toBe(1);
  });
});
