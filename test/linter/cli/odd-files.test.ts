import { spawnSync } from 'node:child_process';
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/**
 * Issue 9, edge cases: one project of odd files, linted by the real binary. Nothing crashes, no
 * stack trace, every file that can be read is linted (findings at the right lines), and every file
 * that cannot be is a skipped-file note naming it. The large files are generated here, not committed.
 *
 * Unreadable files only exist for a non-root user: when the suite runs as root, the binary runs as
 * `nobody` through setpriv (util-linux); without setpriv as root, that case is skipped.
 */

const BIN = join(REPO_ROOT, 'bin/bg-lint.js');
const isRoot = process.getuid?.() === 0;
const setpriv = isRoot && spawnSync('setpriv', ['--version']).status === 0;
const canLockFiles = !isRoot || setpriv;

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const node = [process.execPath, BIN, ...args];
  const [cmd, ...rest] = setpriv ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  const r = spawnSync(cmd!, rest, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MODEL = 'export interface ImportJob {\n  id: string;\n}\n';

function corpus(): string {
  let big = '';
  for (let i = 0; big.length < 4.9 * 1024 * 1024; i++) big += `export const v${i} = "${'x'.repeat(60)}";\n`;
  const root = tempProject({
    'src/models/bom.ts': `\uFEFF${MODEL}`,
    'src/models/crlf.ts': MODEL.replace(/\n/g, '\r\n'),
    'src/models/mixed.ts': '// mixed line endings\r\n\nexport interface MixedJob {\r\n  id: string;\n}\r\n',
    'src/big.ts': big,
    'src/one-line.js': 'var a=1;'.repeat(128 * 1024),
    'src/nul.ts': 'export const a = 1;\u0000\u0000\n',
    'src/empty.ts': '',
    'src/types.d.ts': 'export interface ExportJob { id: string }\n',
    'src/module.mts': 'export const m = 1;\n',
    'src/common.cts': 'export const c = 1;\n',
    'src/broken.jsx': 'export const X = () => <div>;\n',
    'src/unreadable.ts': 'export const u = 1;\n',
    'src/locked/inner.ts': 'export const i = 1;\n',
  });
  writeFileSync(join(root, 'src/invalid-utf8.ts'), Buffer.concat([Buffer.from('export const s = "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('";\n')]));
  symlinkSync('loop-b.ts', join(root, 'src/loop-a.ts'));
  symlinkSync('loop-a.ts', join(root, 'src/loop-b.ts'));
  chmodSync(root, 0o755); // mkdtemp makes it 0700: `nobody` must be able to enter
  if (canLockFiles) {
    chmodSync(join(root, 'src/unreadable.ts'), 0o000);
    chmodSync(join(root, 'src/locked'), 0o000);
  }
  return root;
}

describe('a project of odd files', () => {
  it('is linted without a crash: findings where due, a skipped-file note for each file that cannot be read', () => {
    const root = corpus();
    onTestFinished(() => {
      // Readable again, so the temp folder can be removed by a non-root owner too.
      chmodSync(join(root, 'src/locked'), 0o755);
      chmodSync(join(root, 'src/unreadable.ts'), 0o644);
    });
    const r = run(['src', 'src/loop-a.ts', '-f', 'compact', '--rule', 'BG-022=off'], root);
    // The named loop leads to no linted file: said on stderr (linter.md), and a note at the file.
    expect(r.stderr).toBe('bg-lint: src/loop-a.ts: nothing to lint (a symbolic link loop)\n');
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    const at = (file: string) => lines.filter((l) => l.startsWith(`${file}:`));
    // BOM, CRLF and mixed line endings: the same findings at the same places as plain LF.
    for (const file of ['src/models/bom.ts', 'src/models/crlf.ts']) {
      expect(at(file)[0]).toBe(`${file}:1:18: error: job model "ImportJob" has no "status" field [BG-001]`);
    }
    expect(at('src/models/mixed.ts')[0]).toBe('src/models/mixed.ts:3:18: error: job model "MixedJob" has no "status" field [BG-001]');
    expect(at('src/broken.jsx')[0]).toMatch(/^src\/broken\.jsx:1:\d+: error: syntax error: .*\[parse-error\]$/);
    expect(at('src/nul.ts')).toEqual(['src/nul.ts:1:1: warning: file skipped: binary content [skipped-file]']);
    expect(at('src/invalid-utf8.ts')).toEqual(['src/invalid-utf8.ts:1:1: warning: file skipped: not valid UTF-8 [skipped-file]']);
    expect(at('src/loop-a.ts')).toEqual(['src/loop-a.ts:1:1: warning: file skipped: symbolic link loop [skipped-file]']);
    if (canLockFiles) expect(at('src/unreadable.ts')).toEqual(['src/unreadable.ts:1:1: warning: file skipped: unreadable (EACCES) [skipped-file]']);
    // Linted and clean: the 4.9 MB file, the 1 MB line, the empty file, .d.ts, .mts, .cts.
    for (const file of ['src/big.ts', 'src/one-line.js', 'src/empty.ts', 'src/types.d.ts', 'src/module.mts', 'src/common.cts']) expect(at(file), file).toEqual([]);
  });
});
