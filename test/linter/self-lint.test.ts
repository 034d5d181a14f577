import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

describe('bg-lint on its own repository', () => {
  it('`bg-lint src` reports nothing (the runtime is written to the rules)', () => {
    const run = runCli(['src', '-f', 'compact'], REPO_ROOT);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  });
});
