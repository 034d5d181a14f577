import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Issue 9 item 3: deeply nested code is linted, or becomes a finding at its file; the run goes on. */

const MODEL = 'export interface ImportJob {\n  id: string;\n}\n';

describe('deep expressions', () => {
  it('a 5,000-term string concatenation is linted: no crash, the other files\' findings are reported', () => {
    const chain = Array.from({ length: 5000 }, () => '"a"').join(' + ');
    const root = tempProject({ 'src/deep.ts': `export const s = ${chain};\n`, 'src/models/import-job.ts': MODEL });
    const run = runCli(['src', '-f', 'compact', '--rule', 'BG-022=off'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('src/deep.ts');
    expect(run.stdout).toContain('src/models/import-job.ts:1:18: error: job model "ImportJob" has no "status" field [BG-001]');
  });

  it('a file nested deeper than the parser can go is a skipped-file finding naming it, and the run goes on', () => {
    const root = tempProject({ 'src/arrays.ts': `export const a = ${'['.repeat(5000)}${']'.repeat(5000)};\n`, 'src/models/import-job.ts': MODEL });
    const run = runCli(['src', '-f', 'compact', '--rule', 'BG-022=off'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'src/arrays.ts:1:1: warning: file skipped: its code is nested too deeply to check (the call stack ran out); the rules did not run on it [skipped-file]',
    );
    expect(run.stdout).toContain('[BG-001]');
  });
});
