import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/**
 * Issue 9 item 2: the seed's own `status.*=.*processing` took cubic time on one long minified line
 * (49 s on 44 KB). User regexes now run on RE2 (linear): a ~200 KB bundle is linted within the
 * CLI's ordinary run, and the matches on it are still found.
 */

const SEED_BG010 = `background_task_rules:
  - id: BG-010
    name: Use standard status values
    description: Background task status must use standard values.
    severity: warning
    anti_patterns:
      - pattern: "status.*=.*processing"
        message: "Use 'running' instead of 'processing'"
`;

/** One line of minified code: many `status` and `=`, and `processing` only at the very end. */
function minifiedBundle(bytes: number): string {
  const chunk = 'var s=t.status,e=n.status===r?o:i;function a(t){return t.status=e,t};';
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += chunk.replace(/\b([sena])\b/g, `$1${i}`);
  return `${out}x.status="processing";\n`;
}

describe('user regexes are time-bounded on minified bundles', () => {
  it('the seed pattern on a ~200 KB one-line bundle finishes and reports the match at its place', () => {
    const bundle = minifiedBundle(200_000);
    expect(bundle.length).toBeGreaterThan(200_000);
    const root = tempProject({ 'rules/seed.yaml': SEED_BG010, 'static/js/app.min.js': bundle });
    // Without a bound this does not finish (the run is killed after runCli's 60 s timeout: code null).
    const run = runCli(['static', '--no-bundled', '--rules', 'rules', '-f', 'compact'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0); // a warning
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^static\/js\/app\.min\.js:1:\d+: warning: Use 'running' instead of 'processing' \[BG-010\]$/);
    expect(lines[0]).not.toContain('time budget');
  });
});
