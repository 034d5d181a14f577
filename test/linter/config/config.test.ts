import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../../src/linter/checks/registry.js';
import { bundledRulesDir } from '../../../src/linter/config/bundled.js';
import { findConfigFile } from '../../../src/linter/config/config-file.js';
import { ConfigError } from '../../../src/linter/config/problems.js';
import { DEFAULT_IGNORE, resolveConfiguration } from '../../../src/linter/config/resolve.js';
import type { ResolveOptions } from '../../../src/linter/config/resolve.js';
import { parseRuleOverride } from '../../../src/linter/config/rule-overrides.js';
import { testChecks } from './support/registry.js';
import { yaml } from './support/load.js';
import { tempProject } from './support/temp.js';

const rule = (id: string, extra: string[] = []) => ['- id: ' + id, '  name: N', '  severity: warning', '  check: required-call', ...extra.map((l) => '  ' + l)];
const resolveIn = (cwd: string, o: Partial<ResolveOptions> = {}) => resolveConfiguration({ cwd, bundled: false, checks: testChecks, ...o });

function errorsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config lookup', () => {
  it('finds .bg-lint.yaml (or .yml) upward from cwd and uses its folder as the root', () => {
    const root = tempProject({ 'proj/.bg-lint.yml': 'ignore: ["gen/**"]\n', 'proj/src/deep/x.ts': '' });
    expect(findConfigFile(join(root, 'proj/src/deep'))).toBe(join(root, 'proj/.bg-lint.yml'));
    const r = resolveIn(join(root, 'proj/src/deep'));
    expect(r.configFile).toBe(join(root, 'proj/.bg-lint.yml'));
    expect(r.root).toBe(join(root, 'proj'));
    expect(r.ignore).toEqual([...DEFAULT_IGNORE, 'gen/**']);
  });

  it('prefers .bg-lint.yaml in the nearest folder; without a config the root is cwd', () => {
    const root = tempProject({ '.bg-lint.yaml': '', 'a/.bg-lint.yaml': '', 'a/.bg-lint.yml': '', 'b/c/x.ts': '' });
    expect(findConfigFile(join(root, 'a'))).toBe(join(root, 'a/.bg-lint.yaml'));
    expect(findConfigFile(join(root, 'b/c'))).toBe(join(root, '.bg-lint.yaml'));
    const bare = tempProject({ 'x.ts': '' });
    // Nothing above a temp dir should hold a config; if it does, the test environment is unusual.
    const r = resolveIn(bare, { configPath: undefined });
    expect(r.root).toBe(r.configFile ? r.root : bare);
  });

  it('-c names the config file relative to cwd; a missing one is an error', () => {
    const root = tempProject({ 'conf/lint.yaml': 'ignore: []\n' });
    expect(resolveIn(root, { configPath: 'conf/lint.yaml' }).root).toBe(join(root, 'conf'));
    expect(errorsOf(() => resolveIn(root, { configPath: 'nope.yaml' }))[0]).toMatch(/nope\.yaml:1:1: cannot read config file: ENOENT/);
  });
});

describe('config validation', () => {
  it('positions schema errors in the config file, with did-you-mean for keys', () => {
    const root = tempProject({ '.bg-lint.yaml': yaml('extend: [x]', 'rules:', '  X: loud', 'subjects:', '  jobModel: { nameEndings: Job }', 'ignore: "dist"') });
    const f = join(root, '.bg-lint.yaml');
    expect(errorsOf(() => resolveIn(root))).toEqual([
      `${f}:1:1: unknown key "extend" in the config file; did you mean "extends"?`,
      `${f}:3:6: rules.X: must be one of off, info, warning, error (got "loud")`,
      `${f}:5:28: subjects.jobModel.nameEndings: must be a list (got the string "Job")`,
      `${f}:6:9: ignore: must be a list (got the string "dist")`,
    ]);
  });

  it('YAML syntax errors in the config are positioned', () => {
    const root = tempProject({ '.bg-lint.yaml': 'rules:\n  a: [\n' });
    expect(errorsOf(() => resolveIn(root))[0]).toMatch(/\.bg-lint\.yaml:3:1: YAML syntax error: /);
  });
});

describe('extends and rule folders', () => {
  it('loads rule files and folders relative to the config file, then --rules relative to cwd', () => {
    const root = tempProject({
      'cfg/.bg-lint.yaml': yaml('extends:', '  - ../packs/one.yaml', '  - ../packs/more'),
      'packs/one.yaml': yaml(...rule('ONE')),
      'packs/more/b.yml': yaml(...rule('B')),
      'packs/more/a.yaml': yaml(...rule('A')),
      'packs/more/notes.txt': 'not a rule file',
      'extra/x.yaml': yaml(...rule('X')),
    });
    const r = resolveIn(join(root, 'cfg'), { ruleDirs: ['../extra'] });
    expect(r.rules.map((x) => x.id)).toEqual(['ONE', 'A', 'B', 'X']);
    expect(r.ruleFiles).toEqual([
      join(root, 'cfg/.bg-lint.yaml'),
      join(root, 'packs/one.yaml'),
      join(root, 'packs/more/a.yaml'),
      join(root, 'packs/more/b.yml'),
      join(root, 'extra/x.yaml'),
      join(bundledRulesDir(), 'subjects.yaml'),
    ]);
  });

  it('a missing extends path is an error at its entry', () => {
    const root = tempProject({ '.bg-lint.yaml': yaml('extends:', '  - ./r.yaml', '  - ./missing'), 'r.yaml': '' });
    expect(errorsOf(() => resolveIn(root))).toEqual([`${join(root, '.bg-lint.yaml')}:3:5: rule file or folder not found: ${join(root, 'missing')}`]);
  });

  it('duplicate ids across files name both places', () => {
    const root = tempProject({ 'r/a.yaml': yaml(...rule('DUP')), 'r/b.yaml': yaml('# b', ...rule('DUP')) });
    expect(errorsOf(() => resolveIn(root, { ruleDirs: ['r'] }))).toEqual([
      `${join(root, 'r/b.yaml')}:2:7: duplicate rule id "DUP": already defined at ${join(root, 'r/a.yaml')}:1:7`,
    ]);
  });

  it('the bundled pack is rules/ at the package root; subjects.yaml there is not a rule file', () => {
    expect(readFileSync(join(bundledRulesDir(), 'subjects.yaml'), 'utf8')).toContain('jobModel:');
    const root = tempProject({ '.bg-lint.yaml': yaml('extends: [bg-lint:recommended]') });
    // With the test registry the bundled rules name checks it lacks: the errors prove which files were read.
    const errors = errorsOf(() => resolveIn(root)).join('\n');
    expect(errors).toContain(bundledRulesDir());
    expect(errors).not.toContain('subjects.yaml');
  });

  it('with the real registry the bundled pack compiles', () => {
    const r = resolveConfiguration({ cwd: tempProject({}), bundled: true, checks: builtinChecks });
    expect(r.rules.length).toBeGreaterThan(0);
    expect(r.rules.every((x) => x.source.file.startsWith(bundledRulesDir()))).toBe(true);
    expect(r.ruleFiles.filter((f) => f.endsWith('subjects.yaml'))).toEqual([join(bundledRulesDir(), 'subjects.yaml')]);
  });

  it('without extends the bundled pack loads unless --no-bundled', () => {
    const root = tempProject({ '.bg-lint.yaml': '' });
    expect(resolveIn(root, { bundled: false }).rules).toEqual([]);
    expect(errorsOf(() => resolveIn(root, { bundled: true })).join('\n')).toContain(bundledRulesDir());
  });
});

describe('overrides', () => {
  const project = (config: string[]) =>
    tempProject({ '.bg-lint.yaml': yaml('extends: [./r.yaml]', ...config), 'r.yaml': yaml(...rule('BG-041'), ...rule('BG-010', ['options: { names: [x], nested: { deep: "a" } }'])) });

  it('config rules set levels and merge options; --rule applies last', () => {
    const root = project(['rules:', '  BG-041: off', '  BG-010:', '    severity: error', '    options: { limit: 9, nested: { keep: false } }']);
    const r = resolveIn(root, { ruleOverrides: ['BG-041=info'] });
    const byId = Object.fromEntries(r.rules.map((x) => [x.id, x]));
    expect(byId['BG-041']).toMatchObject({ level: 'info', defaultSeverity: 'warning' });
    expect(byId['BG-010']).toMatchObject({ level: 'error', options: { names: ['x'], limit: 9, nested: { deep: 'a', keep: false } } });
  });

  it('an override for an unknown id is an error with a did-you-mean', () => {
    const root = project(['rules:', '  BG-04l: off']);
    expect(errorsOf(() => resolveIn(root))).toEqual([`${join(root, '.bg-lint.yaml')}:3:3: rules: no loaded rule has id "BG-04l"; did you mean "BG-041"?`]);
  });

  it('override options are validated and positioned in the config file; rule-file values stay in the rule file', () => {
    const root = project(['rules:', '  BG-010:', '    options:', '      limit: 0', '      nested: { deep: "(a+)+$" }']);
    const errors = errorsOf(() => resolveIn(root));
    expect(errors[0]).toBe(`${join(root, '.bg-lint.yaml')}:5:14: rules.BG-010.options.limit: must be >= 1 (got 0)`);
    const again = project(['rules:', '  BG-010:', '    options:', '      nested: { deep: "(a+)+$" }']);
    expect(errorsOf(() => resolveIn(again))[0]).toMatch(/\.bg-lint\.yaml:5:23: rules\.BG-010\.options\.nested\.deep: regular expression \/\(a\+\)\+\$\/ can backtrack catastrophically/);
  });

  it('--rule syntax and unknown ids are errors on <command line>', () => {
    const root = project([]);
    expect(errorsOf(() => resolveIn(root, { ruleOverrides: ['BG-041=off', 'BG-041=loud', 'BG-999=off', 'nonsense'] }))).toEqual([
      '<command line>:1:2: --rule "BG-041=loud": level must be one of off, info, warning, error (got "loud")',
      '<command line>:1:3: --rule "BG-999=off": no loaded rule has id "BG-999"; valid ids: BG-041, BG-010',
      '<command line>:1:4: --rule "nonsense": expected <rule id>=<level>, e.g. BG-041=off (level: off, info, warning, error)',
    ]);
  });

  it('parseRuleOverride', () => {
    expect(parseRuleOverride('BG-041=off', 0)).toEqual({ id: 'BG-041', level: 'off' });
    expect(parseRuleOverride('1x=off', 0)).toMatchObject({ problem: { message: '--rule "1x=off": "1x" is not a rule id (expected e.g. BG-041)' } });
  });
});

describe('subjects, ignore, tsconfig', () => {
  it('subjects: config lists replace bundled lists, other keys keep their defaults', () => {
    const root = tempProject({ '.bg-lint.yaml': yaml('subjects:', '  jobModel:', '    nameEndings: [Job]', '  triggerEndpoint:', '    words: { kick: job_id }') });
    const { subjects } = resolveIn(root);
    expect(subjects.jobModel.nameEndings).toEqual(['Job']);
    expect(subjects.jobModel.statusField).toBe('status');
    expect(subjects.triggerEndpoint.words).toMatchObject({ kick: 'job_id', import: 'job_id' });
  });

  it('tsconfig: configured relative to the config file (must exist), else tsconfig.json in the root', () => {
    const root = tempProject({ '.bg-lint.yaml': 'tsconfig: ./tsconfig.app.json\n', 'tsconfig.app.json': '{}', 'tsconfig.json': '{}' });
    expect(resolveIn(root).tsconfig).toBe(join(root, 'tsconfig.app.json'));
    const auto = tempProject({ '.bg-lint.yaml': '', 'tsconfig.json': '{}' });
    expect(resolveIn(auto).tsconfig).toBe(join(auto, 'tsconfig.json'));
    const bad = tempProject({ '.bg-lint.yaml': 'tsconfig: nope.json\n' });
    expect(errorsOf(() => resolveIn(bad))).toEqual([`${join(bad, '.bg-lint.yaml')}:1:11: tsconfig: file not found: ${join(bad, 'nope.json')}`]);
  });

  it('appliesTo: files (empty = all) minus ignore, dotfiles included', () => {
    const root = tempProject({ 'r.yaml': yaml(...rule('G', ['files: ["src/**"]', 'ignore: ["src/gen/**"]']), ...rule('ALL')) });
    const [g, all] = resolveIn(root, { ruleDirs: ['r.yaml'] }).rules;
    expect([g!.appliesTo('src/a.ts'), g!.appliesTo('src/.hidden/a.ts'), g!.appliesTo('src/gen/a.ts'), g!.appliesTo('lib/a.ts')]).toEqual([true, true, false, false]);
    expect(all!.appliesTo('anything/at/all.ts')).toBe(true);
  });
});
