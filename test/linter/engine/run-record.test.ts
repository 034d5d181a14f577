import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../../src/linter/lint.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/**
 * The fully cached run (engine/run-record.ts): with --cache on an unchanged tree the last answer is
 * printed without loading the compiler or the checks. It must equal a full run, and every input it
 * was computed from must send the next run down the full path when it changes.
 */

const POLL = 'setInterval(() => pollStatus(), 1000);\n';
const RULE = [
  'rules:',
  '  - id: X-001',
  '    name: fast polling',
  '    description: polls too fast',
  '    severity: warning',
  '    check: polling-interval',
  '',
].join('\n');

function project(extra: Record<string, string> = {}): string {
  return tempProject({
    'package.json': '{"name":"p"}\n',
    'static/js/a.js': POLL,
    'static/js/b.js': "import { MS } from './ms.js';\nsetInterval(() => pollStatus(), MS);\n",
    'static/js/ms.js': 'export const MS = 4000;\n',
    'my-rules/x.yaml': RULE,
    ...extra,
  });
}

const options = (root: string, extra: LintOptions = {}): LintOptions => ({
  cwd: root, paths: ['.'], rules: ['my-rules'], cache: true, cacheLocation: join(root, '.cache/'), ...extra,
});

/** What a run found, without the cache: the answer every cached run must equal. */
async function fresh(root: string, extra: LintOptions = {}) {
  const { report, counts } = await lint({ ...options(root, extra), cache: false });
  return { report, counts };
}

/** Fills the cache and the run record, and checks that the next run replays it. */
async function warmed(root: string): Promise<void> {
  expect((await lint(options(root))).replayed).toBeUndefined();
  expect((await lint(options(root))).replayed).toBe(true);
}

async function expectFullRun(root: string, extra: LintOptions = {}): Promise<void> {
  const run = await lint(options(root, extra));
  expect(run.replayed).toBeUndefined();
  expect({ report: run.report, counts: run.counts }).toEqual(await fresh(root, extra));
  // ...and the record it rewrote holds for the run after it.
  const again = await lint(options(root, extra));
  expect(again.replayed).toBe(true);
  expect({ report: again.report, counts: again.counts }).toEqual(await fresh(root, extra));
}

describe('the fully cached run', () => {
  it('replays exactly what a full run reports, also from another working directory', async () => {
    const root = project();
    await warmed(root);
    const replay = await lint(options(root));
    expect(replay.replayed).toBe(true);
    expect(replay.cachedFiles).toBe(3);
    expect(replay.typeCheckersCreated).toBe(0);
    expect({ report: replay.report, counts: replay.counts }).toEqual(await fresh(root));
    expect(replay.counts.warning).toBe(1);
    const sub = join(root, 'static');
    const elsewhere = await lint({ ...options(root), cwd: sub, paths: ['..'], rules: ['../my-rules'] });
    expect(elsewhere.report.cwd).toBe(sub);
    expect(elsewhere.report.files).toEqual(replay.report.files);
  });

  it('a touched file with the same content still replays (content hash behind the stat)', async () => {
    const root = project();
    await warmed(root);
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'static/js/a.js'), later, later);
    expect((await lint(options(root))).replayed).toBe(true);
  });

  it('an edited source file takes the full run', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'static/js/a.js'), POLL.replace('1000', '4000'));
    await expectFullRun(root);
  });

  it('an edited dependency of an unchanged file takes the full run', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'static/js/ms.js'), 'export const MS = 500;\n');
    await expectFullRun(root);
    expect((await fresh(root)).counts.warning).toBe(2);
  });

  it('a created and a deleted file take the full run', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'static/js/c.js'), POLL);
    await expectFullRun(root);
    rmSync(join(root, 'static/js/a.js'));
    await expectFullRun(root);
  });

  it('an edited rule file, and a rule file added to a rule folder, take the full run', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'my-rules/x.yaml'), RULE.replace('severity: warning', 'severity: error'));
    await expectFullRun(root);
    writeFileSync(join(root, 'my-rules/y.yaml'), RULE.replace('X-001', 'X-002'));
    await expectFullRun(root);
    expect((await fresh(root)).report.rules.map((r) => r.id)).toContain('X-002');
  });

  it('a config file edited, or created where none was, takes the full run', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, '.bg-lint.yaml'), 'rules:\n  X-001: error\n');
    await expectFullRun(root);
    writeFileSync(join(root, '.bg-lint.yaml'), 'rules:\n  X-001: off\n');
    await expectFullRun(root);
  });

  it('a tsconfig created, edited, or one its extends chain reads edited, takes the full run', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'tsconfig.base.json'), '{"compilerOptions":{}}\n');
    writeFileSync(join(root, 'tsconfig.json'), '{"extends":"./tsconfig.base.json"}\n');
    await expectFullRun(root);
    writeFileSync(join(root, 'tsconfig.base.json'), '{"compilerOptions":{"baseUrl":"."}}\n');
    await expectFullRun(root);
  });

  it('a workspace package added takes the full run', async () => {
    const root = project({ 'package.json': '{"name":"p","workspaces":["packages/*"]}\n' });
    await warmed(root);
    mkdirSync(join(root, 'packages/shared'), { recursive: true });
    writeFileSync(join(root, 'packages/shared/package.json'), '{"name":"@p/shared"}\n');
    await expectFullRun(root);
  });

  it('other options, and a removed or damaged result cache, take the full run', async () => {
    const root = project();
    await warmed(root);
    await expectFullRun(root, { ruleOverrides: ['X-001=error'] });
    await expectFullRun(root, { quiet: true });
    const cacheFile = join(root, '.cache/cache.json');
    writeFileSync(cacheFile, '');
    await expectFullRun(root);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).format).toBe('bg-lint-cache');
    rmSync(cacheFile);
    await expectFullRun(root);
  });

  it('--fix and baselines never replay', async () => {
    const root = project();
    await warmed(root);
    const baseline = join(root, 'baseline.json');
    expect((await lint(options(root, { updateBaseline: baseline }))).replayed).toBeUndefined();
    expect((await lint(options(root, { baseline }))).replayed).toBeUndefined();
    expect((await lint(options(root, { fix: 'dry-run' }))).replayed).toBeUndefined();
  });

  it('the CLI replays without the compiler, the checks\' parsers, ajv or yaml installed; an edit then needs them', () => {
    const root = project();
    const args = ['.', '--rules', 'my-rules', '--cache', '--cache-location', '.cache/', '-f', 'json'];
    const full = runCli(args, root);
    expect(full.code).toBe(0);
    const block = fileURLToPath(new URL('../../helpers/block-modules.mjs', import.meta.url));
    const blocked = () => runCli(args, root, { BG_LINT_BLOCK_MODULES: 'ts-morph,typescript,ajv,yaml' }, ['--import', block]);
    const replay = blocked();
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toBe(full.stdout);
    expect(replay.code).toBe(full.code);
    writeFileSync(join(root, 'static/js/a.js'), POLL.replace('1000', '500'));
    const edited = blocked();
    expect(edited.code).not.toBe(0);
    expect(edited.stdout).toBe('');
    expect(edited.stderr).toContain('blocked by the test');
  });
});
