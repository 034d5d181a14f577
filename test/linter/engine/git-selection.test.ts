import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
}

function repo(): string {
  const root = tempProject({
    'src/models/base.ts': 'export abstract class JobBase { status!: string; created_at!: Date; started_at!: Date; completed_at!: Date }\n',
    'src/models/import-job.ts': "import { JobBase } from './base';\nexport class ImportJob extends JobBase {}\n",
    'static/js/a.js': 'setInterval(() => pollStatus(), 1000);\n',
  });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'init');
  return root;
}

const ids = (r: Awaited<ReturnType<typeof lint>>) => r.report.files.map((f) => f.file.split('/').slice(-1)[0]);

describe('--staged and --changed', () => {
  it('--staged lints only staged files, while type-aware rules still see the base class', async () => {
    const root = repo();
    writeFileSync(join(root, 'src/models/import-job.ts'), "import { JobBase } from './base';\n// touched\nexport class ImportJob extends JobBase {}\n");
    git(root, 'add', 'src/models/import-job.ts');
    writeFileSync(join(root, 'static/js/a.js'), 'setInterval(() => pollStatus(), 900);\n'); // changed, not staged
    const result = await lint({ cwd: root, paths: ['.'], staged: true, onlyRules: ['BG-001', 'BG-002', 'BG-041'] });
    expect(ids(result)).toEqual(['import-job.ts']);
    expect(result.counts).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('--changed includes unstaged and untracked files', async () => {
    const root = repo();
    writeFileSync(join(root, 'static/js/a.js'), 'setInterval(() => pollStatus(), 900);\n');
    writeFileSync(join(root, 'static/js/new.js'), 'setInterval(() => pollJob(), 100);\n');
    const result = await lint({ cwd: root, paths: ['.'], changed: 'HEAD', onlyRules: ['BG-041'] });
    expect(ids(result)).toEqual(['a.js', 'new.js']);
    expect(result.counts.info).toBe(2);
  });

  it('outside a git repository, --staged is exit 2 with git’s reason', () => {
    const root = tempProject({ 'a.ts': '' });
    const run = runCli(['--staged'], root, { GIT_CEILING_DIRECTORIES: root.split('/').slice(0, -1).join('/') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bg-lint: --staged needs a git repository, and .* is not inside one \(git: not a git repository.*\)\n$/);
    expect(run.stderr).not.toContain('rev-parse');
  });
});
