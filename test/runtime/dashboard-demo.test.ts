/**
 * `npm run demo` prints the dashboard's URL and, when not attached to a terminal (as here: stdin
 * is not a TTY), ends by itself once its job is done instead of serving until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

describe('npm run demo', () => {
  it('prints the dashboard URL and exits 0 without a terminal', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bg-lint-demo-'));
    try {
      const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), [join(REPO_ROOT, 'scripts/demo.ts')], {
        cwd,
        env: { ...process.env, BG_DEMO_PORT: '0', BG_JOBS_STORE: 'pglite:memory', CI: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(stdout).toMatch(/dashboard: http:\/\/127\.0\.0\.1:\d+\/api\/dashboard/);
      expect(stdout).toContain('completed');
      expect(stdout).toMatch(/closed\. The record stays/);
      expect(stdout).not.toContain('Ctrl-C');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
