import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/**
 * Issue 9 item 5: a baselined finding stays baselined under ordinary edits of the code around it.
 * The fingerprint is what the finding is about (rule, enclosing symbol, subject, message), not the
 * normalized text of the whole handler.
 */

const HANDLER = [
  "import { execSync } from 'child_process';",
  "router.post('/api/imports', async (req, res) => {",
  "  execSync('convert ' + req.body.file);",
  "  const job = await queue.add('import', req.body);",
  '  res.json({ ok: true, id: job.name });',
  '});',
  '',
].join('\n');

const EDITS: Record<string, (text: string) => string> = {
  'renaming req to request': (t) => t.replace(/\breq\b/g, 'request'),
  'a comment inside the handler': (t) => t.replace("  const job", '  // queue the work\n  const job'),
  'a blank line inside the handler': (t) => t.replace("  const job", '\n\n  const job'),
  'fixing the other finding in it (BG-021)': (t) => t.replace("  execSync('convert ' + req.body.file);\n", '').replace("import { execSync } from 'child_process';\n", ''),
};

function baselined(): string {
  const root = tempProject({ 'src/routes/imports.ts': HANDLER });
  const write = runCli(['src', '--update-baseline'], root);
  expect(write.stderr).toBe('bg-lint: wrote 2 findings to the baseline\n');
  const clean = runCli(['src', '--baseline', '.bg-lint-baseline.json', '-f', 'compact'], root);
  expect(clean.stdout).toBe('');
  return root;
}

describe('baseline fingerprints survive ordinary edits', () => {
  for (const [edit, apply] of Object.entries(EDITS)) {
    it(`${edit}: the baselined BG-020 stays baselined`, () => {
      const root = baselined();
      const path = join(root, 'src/routes/imports.ts');
      writeFileSync(path, apply(readFileSync(path, 'utf8')));
      const run = runCli(['src', '--baseline', '.bg-lint-baseline.json', '-f', 'compact'], root);
      expect(run.stdout).not.toContain('BG-020');
      expect(run.code).toBe(0);
    });
  }

  it('a new finding of the same rule elsewhere is still reported', () => {
    const root = baselined();
    const path = join(root, 'src/routes/imports.ts');
    writeFileSync(path, `${readFileSync(path, 'utf8')}router.post('/api/exports', async (req, res) => {\n  res.json({ ok: true });\n});\n`);
    const run = runCli(['src', '--baseline', '.bg-lint-baseline.json', '-f', 'compact'], root);
    expect(run.stdout).toMatch(/^src\/routes\/imports\.ts:7:1: error: POST \/api\/exports .*\[BG-020\]$/m);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('SARIF partialFingerprints use the same key: unchanged by a rename inside the handler', () => {
    const root = tempProject({ 'src/routes/imports.ts': HANDLER });
    const fingerprints = () =>
      JSON.parse(runCli(['src', '-f', 'sarif'], root).stdout).runs[0].results
        .filter((r: { ruleId: string }) => r.ruleId === 'BG-020')
        .map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints);
    const before = fingerprints();
    expect(before).toHaveLength(1);
    const path = join(root, 'src/routes/imports.ts');
    writeFileSync(path, EDITS['renaming req to request']!(HANDLER));
    expect(fingerprints()).toEqual(before);
  });

  it('a version-1 baseline (code-hash fingerprints) is exit 2 saying to rewrite it, not every finding reported as new', () => {
    const root = tempProject({
      'src/routes/imports.ts': HANDLER,
      'old.json': JSON.stringify({ format: 'bg-lint-baseline', version: 1, entries: [] }),
    });
    const run = runCli(['src', '--baseline', 'old.json'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bg-lint: .*old\.json was written by an earlier bg-lint \(baseline version 1\).*--update-baseline .*old\.json.*\n$/);
    // --update-baseline may replace it: it is a baseline of ours.
    expect(runCli(['src', '--update-baseline=old.json'], root).code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'old.json'), 'utf8')).version).toBe(2);
  });
});
