import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

const ESLINT_BIN = join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js');
/** ESLint 9 as the dev dependency `eslint9` (npm alias), so both supported majors are run. */
const ESLINT9_BIN = join(REPO_ROOT, 'node_modules/eslint9/bin/eslint.js');

/**
 * A copy of a tree with an eslint.config.js that imports the plugin by its package name, as a user
 * writes it: node_modules/bg-lint links to this package (its built dist/), the parser to ours.
 */
function withEslintConfig(tree: string): string {
  const root = tempProject({});
  cpSync(tree, root, { recursive: true });
  mkdirSync(join(root, 'node_modules/@typescript-eslint'), { recursive: true });
  symlinkSync(REPO_ROOT, join(root, 'node_modules/bg-lint'));
  symlinkSync(join(REPO_ROOT, 'node_modules/@typescript-eslint/parser'), join(root, 'node_modules/@typescript-eslint/parser'));
  writeFileSync(
    join(root, 'eslint.config.js'),
    [
      "import bgLint from 'bg-lint/eslint';",
      "import tsParser from '@typescript-eslint/parser';",
      'export default [',
      "  { files: ['**/*.{ts,tsx,js,jsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },",
      '  bgLint.configs.recommended,',
      '];',
      '',
    ].join('\n'),
  );
  return root;
}

interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string; severity: number; fatal?: boolean }[];
}

function eslintJson(root: string, args: string[] = [], bin = ESLINT_BIN): EslintResult[] {
  const run = spawnSync(process.execPath, [bin, '-f', 'json', ...args, '.'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as EslintResult[];
}

/** `file:line id` of every finding, sorted: what both tools must agree on. */
function findings(results: EslintResult[], root: string, strip: string): string[] {
  return results
    .flatMap((r) => r.messages.map((m) => `${relative(root, r.filePath)}:${m.line} ${(m.ruleId ?? 'fatal').replace(strip, '')}`))
    .sort();
}

// Each case spawns ESLint and the CLI on real trees: slow on a loaded machine, so a longer guard.
describe('bg-lint/eslint', { timeout: 120_000 }, () => {
  it.each([
    ['10', ESLINT_BIN],
    ['9', ESLINT9_BIN],
  ])('ESLint %s reports on the example app exactly what `bg-lint -f json` reports: ids, files and lines', (major, bin) => {
    expect(spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).stdout).toMatch(new RegExp(`^v${major}\\.`));
    const root = withEslintConfig(join(REPO_ROOT, 'fixtures/example-app'));
    const cli = runCli(['-f', 'json', '.'], root);
    expect(cli.stderr).toBe('');
    const expected = findings(JSON.parse(cli.stdout) as EslintResult[], root, '');
    const actual = findings(eslintJson(root, [], bin), root, 'bg-lint/');
    // The example app has findings in models, routes, tasks and pages: not an empty comparison.
    expect(expected.length).toBeGreaterThan(20);
    expect(actual).toEqual(expected);
  });

  it('judges a model by its base class in another file, as the CLI does', () => {
    const files = {
      'src/models/job-base.ts': 'export abstract class JobBase {\n  status!: string;\n}\n',
      'src/models/import-job.entity.ts': "import { JobBase } from './job-base';\n\nexport class ImportJob extends JobBase {\n  id!: string;\n}\n",
    };
    const root = withEslintConfig(tempProject(files));
    const before = findings(eslintJson(root), root, 'bg-lint/');
    expect(before).toContain('src/models/import-job.entity.ts:3 BG-002');
    writeFileSync(join(root, 'src/models/job-base.ts'), 'export abstract class JobBase {\n  status!: string;\n  createdAt!: Date;\n  startedAt?: Date;\n  completedAt?: Date;\n}\n');
    const after = findings(eslintJson(root), root, 'bg-lint/');
    expect(after).not.toContain('src/models/import-job.entity.ts:3 BG-002');
    expect(after).toEqual(findings(JSON.parse(runCli(['-f', 'json', '.'], root).stdout) as EslintResult[], root, ''));
  });

  it('gives each rule its docs url and applies the legacy-status fix with eslint --fix', () => {
    const root = withEslintConfig(tempProject({
      'src/tasks/import.task.ts': "export async function runImport(job) {\n  job.status = 'processing';\n}\n",
    }));
    eslintJson(root, ['--fix']);
    expect(readFileSync(join(root, 'src/tasks/import.task.ts'), 'utf8')).toContain("job.status = 'running';");
    const meta = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "const p = (await import('bg-lint/eslint')).default; console.log(JSON.stringify([p.rules['BG-010'].meta, Object.keys(p.configs.recommended.rules).length, Object.keys(p.rules).length]))"],
      { cwd: root, encoding: 'utf8' },
    );
    const [bg010, recommended, all] = JSON.parse(meta.stdout) as [{ docs: { url: string }; fixable?: string }, number, number];
    expect(bg010.fixable).toBe('code');
    expect(bg010.docs.url).toMatch(/^file:\/\/.*\/docs\/rules\/BG-010\.md$/);
    expect(recommended).toBe(all);
  });
});
