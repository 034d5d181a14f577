/**
 * The dashboard's own page code lints clean under the bundled pack (BG-040: it checks for active
 * jobs on load; BG-041: it refreshes every 3–5 s), checked with the real binary.
 */
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

describe('dashboard page code', () => {
  it('has no findings under the bundled pack', () => {
    const run = runCli(['dashboard', '-f', 'json'], REPO_ROOT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: unknown[] }[];
    expect(results.map((r) => r.filePath.replace(REPO_ROOT, ''))).toContain('dashboard/dashboard.js');
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });
});
