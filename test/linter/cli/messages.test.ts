import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** Issue 9 item 11: --max-warnings says why it fails, unknown ids in suppressions are reported, FORCE_COLOR is honoured. */

const MODEL_WARNING = `export interface ImportJob {
  status: 'pending' | 'running' | 'completed' | 'failed';
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  error_message: string | null;
}
export const TASK_MODELS: Record<string, ImportJob> = {};
`;

describe('CLI messages', () => {
  it('--max-warnings: an exit 1 caused by warnings alone says so on stderr', () => {
    const root = tempProject({ 'src/models/import-job.ts': MODEL_WARNING });
    const run = runCli(['src', '--max-warnings', '0', '-f', 'compact'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[BG-004]');
    expect(run.stderr).toBe('bg-lint: 1 warning exceeds --max-warnings 0 (exit 1)\n');
    expect(runCli(['src', '--max-warnings', '1', '-f', 'compact'], root).stderr).toBe('');
  });

  it('a suppression naming an unknown rule id is reported, with a suggestion', () => {
    const root = tempProject({
      'src/models/import-job.ts': `// bg-lint-disable-next-line BG-O04 -- triggered_by comes later\n${MODEL_WARNING}`,
    });
    const run = runCli(['src', '-f', 'compact'], root);
    expect(run.stdout).toContain('src/models/import-job.ts:1:4: warning: bg-lint-disable-next-line names an unknown rule "BG-O04"; did you mean "BG-004"? [unused-suppression]\n');
    // The typo suppressed nothing: the finding is still there.
    expect(run.stdout).toContain('[BG-004]');
  });

  it('a suppression naming a rule that is off is not reported as unknown', () => {
    const root = tempProject({ 'src/models/import-job.ts': `// bg-lint-disable-next-line BG-041\n${MODEL_WARNING}` });
    const run = runCli(['src', '-f', 'compact', '--rule', 'BG-041=off'], root);
    expect(run.stdout).not.toContain('unknown rule');
  });

  it('FORCE_COLOR colours the stylish report off a terminal; FORCE_COLOR=0 and NO_COLOR do not', () => {
    const root = tempProject({ 'src/models/import-job.ts': MODEL_WARNING });
    const ESC = '\u001b[';
    expect(runCli(['src'], root, { FORCE_COLOR: '1', NO_COLOR: '' }).stdout).toContain(ESC);
    expect(runCli(['src'], root, { FORCE_COLOR: '0' }).stdout).not.toContain(ESC);
    expect(runCli(['src'], root).stdout).not.toContain(ESC); // NO_COLOR=1 (runCli's default), not a TTY
  });
});
