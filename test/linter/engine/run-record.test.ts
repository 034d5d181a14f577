import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { racyWindow } from '../../../src/linter/engine/stat-signature.js';
import { treeChecks } from '../../../src/linter/engine/tree-record.js';
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
async function warmed(root: string, extra: LintOptions = {}): Promise<void> {
  expect((await lint(options(root, extra))).replayed).toBeUndefined();
  expect((await lint(options(root, extra))).replayed).toBe(true);
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

// Each case twice: with every stat trusted (folders and files checked by stat alone, the path of a
// tree left alone for a while), and with every entry inside the racy window (stat-signature.ts:
// folders checked by listing, files by content), as right after an edit. A test's own edits land
// well after the full run before them (which takes far longer than a clock tick).
const MODES = [
  { mode: 'stats trusted', ms: -Infinity, byStat: true },
  { mode: 'every entry racy', ms: 3_600_000, byStat: false },
];

describe.each(MODES)('the fully cached run ($mode)', ({ ms, byStat }) => {
  const saved = racyWindow.ms;
  beforeEach(() => {
    racyWindow.ms = ms;
  });
  afterEach(() => {
    racyWindow.ms = saved;
  });

  /** The tree checks one replay made. */
  async function replayChecks(run: LintOptions): Promise<{ statted: number; listed: number; walks: number }> {
    const before = { ...treeChecks };
    expect((await lint(run)).replayed).toBe(true);
    return { statted: treeChecks.dirsStatted - before.dirsStatted, listed: treeChecks.dirsListed - before.dirsListed, walks: treeChecks.walks - before.walks };
  }

  it('checks the discovered tree by its folders, without walking it', async () => {
    const root = project();
    // The cache outside the project: its first write would change the root folder.
    const run = options(root, { cacheLocation: join(tempProject({}), 'cache/') });
    expect((await lint(run)).replayed).toBeUndefined();
    // The root, my-rules, static, static/js.
    expect(await replayChecks(run)).toEqual(byStat ? { statted: 4, listed: 0, walks: 0 } : { statted: 0, listed: 4, walks: 0 });
  });

  it('a walk that finds the same files records the folders as they are now: the next replay does not walk', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'static/js/notes.txt'), 'x\n');
    expect((await replayChecks(options(root))).walks).toBe(1);
    expect((await replayChecks(options(root))).walks).toBe(0);
  });

  it('a report written into a walked folder changes its stat, not its listing: the run replays', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'report.json'), '[]\n');
    await lint(options(root)); // a new entry: walks, and records the folder with it
    // Replaced as -o replaces it (a temporary file renamed over it), and a hidden file added: the
    // folder's stat changes, the entries discovery reads do not.
    writeFileSync(join(root, 'report.json.tmp'), '[ ]\n');
    renameSync(join(root, 'report.json.tmp'), join(root, 'report.json'));
    writeFileSync(join(root, '.report.json'), '[]\n');
    const checks = await replayChecks(options(root));
    expect(checks.listed).toBeGreaterThanOrEqual(1);
    expect(checks.walks).toBe(0);
  });

  it('a file that is not a source, added to a folder, still replays (the walk finds the same files)', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'static/js/notes.txt'), 'x\n');
    expect((await replayChecks(options(root))).walks).toBe(1);
  });

  it('a source file created in a nested new folder takes the full run', async () => {
    const root = project();
    await warmed(root);
    mkdirSync(join(root, 'static/js/deep/er'), { recursive: true });
    writeFileSync(join(root, 'static/js/deep/er/c.js'), POLL);
    await expectFullRun(root);
    expect((await fresh(root)).counts.warning).toBe(2);
  });

  it('a .bg-lint.yaml created in a walked folder (a hidden entry) takes the full run', async () => {
    const root = project();
    await warmed(root);
    writeFileSync(join(root, 'static/.bg-lint.yaml'), 'rules:\n  X-001: off\n');
    await expectFullRun(root);
    expect((await fresh(root)).counts.warning).toBe(0);
  });

  it('a config created above the named folder (not walked) takes the full run', async () => {
    const root = project();
    await warmed(root, { paths: ['static'] });
    writeFileSync(join(root, '.bg-lint.yaml'), 'rules:\n  X-001: error\n');
    const run = await lint(options(root, { paths: ['static'] }));
    expect(run.replayed).toBeUndefined();
    expect(run.counts.error).toBe(1);
  });

  it('a link to a source outside the named folder: its target created takes the full run', async () => {
    const root = project({ 'outside/keep.txt': 'x\n' });
    symlinkSync(join(root, 'outside/late.js'), join(root, 'static/js/late.js'));
    await warmed(root, { paths: ['static'] });
    writeFileSync(join(root, 'outside/late.js'), POLL);
    const run = await lint(options(root, { paths: ['static'] }));
    expect(run.replayed).toBeUndefined();
    expect(run.counts.warning).toBe(2);
  });

  it('a linked root marker whose target appears takes the full run (the lookup follows the link)', async () => {
    const root = project({ 'static/js/sub/d.js': POLL, 'outside/keep.txt': 'x\n' });
    symlinkSync(join(root, 'outside/tsconfig.json'), join(root, 'static/js/sub/tsconfig.json'));
    const inStatic = options(root, { paths: ['static'] });
    const first = await lint(inStatic);
    expect(first.roots).toEqual([root]);
    expect((await lint(inStatic)).replayed).toBe(true);
    writeFileSync(join(root, 'outside/tsconfig.json'), '{}\n');
    const run = await lint(inStatic);
    expect(run.replayed).toBeUndefined();
    expect(run.roots.sort()).toEqual([root, join(root, 'static/js/sub')].sort());
  });

  it('a named path that was missing, created as a folder, takes the full run', async () => {
    const root = project();
    const run = options(root, { paths: ['static', 'later'] });
    await warmed(root, { paths: ['static', 'later'] });
    expect((await lint(run)).missingPaths).toEqual(['later']);
    mkdirSync(join(root, 'later'));
    writeFileSync(join(root, 'later/c.js'), POLL);
    const after = await lint(run);
    expect(after.replayed).toBeUndefined();
    expect(after.missingPaths).toEqual([]);
    expect(after.report.files.map((f) => f.file)).toContain(join(root, 'later/c.js'));
  });

  it('a glob is checked by walking: an unchanged tree replays, a new match takes the full run', async () => {
    const root = project();
    const globbed = options(root, { paths: ['static/**/*.js'] });
    await warmed(root, { paths: ['static/**/*.js'] });
    const before = { ...treeChecks };
    expect((await lint(globbed)).replayed).toBe(true);
    expect(treeChecks).toEqual({ ...before, walks: before.walks + 1 });
    writeFileSync(join(root, 'static/js/c.js'), POLL);
    expect((await lint(globbed)).replayed).toBeUndefined();
  });

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

});

describe('the fully cached run from the CLI', () => {
  it('the CLI replays the same command line without the compiler, ajv, yaml, tinyglobby or even its argument parser installed; an edit then needs them', () => {
    const root = project();
    const args = ['.', '--rules', 'my-rules', '--cache', '--cache-location', '.cache/', '-f', 'json'];
    const full = runCli(args, root);
    expect(full.code).toBe(0);
    const block = fileURLToPath(new URL('../../helpers/block-modules.mjs', import.meta.url));
    const blocked = () => runCli(args, root, { BG_LINT_BLOCK_MODULES: 'ts-morph,typescript,ajv,yaml,tinyglobby,commander' }, ['--import', block]);
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

  const block = fileURLToPath(new URL('../../helpers/block-modules.mjs', import.meta.url));
  const BLOCK_ALL = { BG_LINT_BLOCK_MODULES: 'ts-morph,typescript,ajv,yaml,tinyglobby,commander' };

  it('another command line over the same tree replays through the parser (not the recorded argv)', () => {
    const root = project();
    const args = ['.', '--rules', 'my-rules', '--cache', '--cache-location', '.cache/', '-f', 'json'];
    expect(runCli(args, root).code).toBe(0);
    const compact = [...args.slice(0, -1), 'compact'];
    const expected = runCli(compact.filter((a) => a !== '--cache'), root);
    // The compiler is still not needed (lint()'s replay), the parser is.
    const replay = runCli(compact, root, { BG_LINT_BLOCK_MODULES: 'ts-morph,typescript,ajv,yaml' }, ['--import', block]);
    expect(replay).toEqual(expected);
    expect(runCli(compact, root, BLOCK_ALL, ['--import', block]).stderr).toContain('blocked by the test');
  });

  it("a replayed command line prints the recorded notes, and the report in this run's colours", () => {
    const root = project({ 'empty/.keep': '' });
    const args = ['.', 'empty', '--rules', 'my-rules', '--cache', '--cache-location', '.cache/'];
    const full = runCli(args, root);
    expect(full.stderr).toContain('empty: nothing to lint');
    const replay = runCli(args, root, BLOCK_ALL, ['--import', block]);
    expect(replay).toEqual(full);
    const coloured = runCli(args, root, { ...BLOCK_ALL, FORCE_COLOR: '1' }, ['--import', block]);
    expect(coloured.stdout).toContain('\u001b[');
    expect(coloured).toEqual(runCli(args.filter((a) => a !== '--cache'), root, { FORCE_COLOR: '1' }));
  });

  it('a replayed command line whose output file is not a report refuses it as the full run does', () => {
    const root = project();
    const args = ['.', '--rules', 'my-rules', '--cache', '--cache-location', '.cache/', '-f', 'json', '-o', 'out.json'];
    expect(runCli(args, root).code).toBe(0);
    // The report is new in the root folder: this run walks, finds the same files, and records the folder as it is now.
    expect(runCli(args, root, { BG_LINT_BLOCK_MODULES: 'ts-morph,typescript' }, ['--import', block]).code).toBe(0);
    writeFileSync(join(root, 'out.json'), '{"name":"not a report"}\n');
    const replay = runCli(args, root, BLOCK_ALL, ['--import', block]);
    expect(replay.code).toBe(2);
    expect(replay.stderr).not.toContain('blocked by the test');
    expect(replay).toEqual(runCli(args.filter((a) => a !== '--cache'), root));
    expect(readFileSync(join(root, 'out.json'), 'utf8')).toBe('{"name":"not a report"}\n');
  });
});
