import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/**
 * Issue 9 item 11 (packaging and start-up): installing bg-lint runs no build, the linter runs
 * without the runtime's database packages, and the commands that need no syntax trees do not load
 * the TypeScript compiler. "Not installed" is simulated by a preload that fails those imports.
 */

const BLOCK = fileURLToPath(new URL('../../helpers/block-modules.mjs', import.meta.url));
const withBlocked = (modules: string[], args: string[], cwd: string) =>
  runCli(args, cwd, { BG_LINT_BLOCK_MODULES: modules.join(',') }, ['--import', BLOCK]);
const RUNTIME_DEPS = ['pg', 'pg-boss', '@electric-sql/pglite'];

describe('packaging', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

  it('no install-time scripts (the published tarball ships dist/, built by prepack)', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.files).toContain('dist');
  });

  it('the runtime\'s packages are optional peer dependencies (and dev dependencies for the repo\'s demo)', () => {
    for (const name of RUNTIME_DEPS) {
      expect(pkg.dependencies[name], name).toBeUndefined();
      expect(pkg.peerDependencies[name], name).toBeDefined();
      expect(pkg.peerDependenciesMeta[name], name).toEqual({ optional: true });
      expect(pkg.devDependencies[name], name).toBe(pkg.peerDependencies[name]);
    }
  });

  it('the blocking preload works: a blocked package cannot be imported', () => {
    const run = withBlocked(['commander'], ['--help'], tempProject({}));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('blocked by the test');
  });

  it('the linter lints without pg, pg-boss and PGlite installed', () => {
    const root = tempProject({ 'src/models/import-job.ts': 'export interface ImportJob {\n  id: string;\n}\n' });
    const run = withBlocked(RUNTIME_DEPS, ['src', '-f', 'compact'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[BG-001]');
  });

  it('--version, --help and init load neither ts-morph nor the runtime\'s packages', () => {
    const blocked = ['ts-morph', 'typescript', ...RUNTIME_DEPS];
    const root = tempProject({});
    const version = withBlocked(blocked, ['--version'], root);
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(withBlocked(blocked, ['--help'], root).code).toBe(0);
    const init = withBlocked(blocked, ['init'], root);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
  });

  // `--version` alone is answered by the bin before the CLI loads (what probes call): the same
  // text and exit code as the CLI's own answer, with nothing of the CLI importable.
  it('--version alone loads not even the CLI, and prints what the CLI prints', async () => {
    const root = tempProject({});
    const { main } = await import('../../../src/linter/cli/main.js');
    for (const flag of ['--version', '-v']) {
      const out: string[] = [];
      const code = await main([flag], { cwd: root, stdout: (t) => out.push(t), stderr: (t) => out.push(`stderr: ${t}`), isTTY: false, env: {} });
      const fast = withBlocked(['commander', 'ts-morph', 'typescript', 'ajv', 'yaml'], [flag], root);
      expect(fast.stderr).toBe('');
      expect(fast.stdout).toBe(out.join(''));
      expect(fast.code).toBe(code);
    }
    // With anything else beside it, the CLI answers (and loads commander).
    expect(withBlocked(['commander'], ['--version', '--quiet'], root).code).not.toBe(0);
  });

  // The checks import the facts, which import ts-morph: these commands compile the rules from the
  // checks' metadata that the build writes (cli/check-metas.ts), and print what they printed before.
  it('rules and explain load neither ts-morph nor the checks, with the same output', () => {
    const blocked = ['ts-morph', 'typescript', ...RUNTIME_DEPS];
    const root = tempProject({});
    for (const args of [['rules'], ['explain', 'BG-041'], ['explain', 'BG-002']]) {
      const withChecks = runCli(args, root);
      const without = withBlocked(blocked, args, root);
      expect(without.stderr, args.join(' ')).toBe('');
      expect(without.code).toBe(0);
      expect(without.stdout).toBe(withChecks.stdout);
    }
    expect(withBlocked(blocked, ['rules'], root).stdout).toMatch(/\n\d+ rules\n$/);
  });

  it('the checks\' metadata the build writes is every built-in check\'s meta, nothing lost in JSON', async () => {
    const { builtinChecks } = await import('../../../src/linter/checks/registry.js');
    const written = JSON.parse(readFileSync(join(REPO_ROOT, 'dist/linter/checks/check-metas.json'), 'utf8'));
    expect(written).toEqual([...builtinChecks.values()].map((c) => ({ ...c.meta, needsTypes: Boolean(c.meta.needsTypes), messages: Object.keys(c.meta.messages) })));
    expect(written.every((m: { messages: string[] }) => m.messages.length > 0)).toBe(true);
  });
});

describe('init points $schema at a schema that exists', () => {
  const schemaLine = (root: string, dir = '') => readFileSync(join(root, dir, '.bg-lint.yaml'), 'utf8').split('\n')[0];

  it('in a monorepo package, at the workspace root\'s node_modules (walking up)', () => {
    const root = tempProject({
      'node_modules/bg-lint/schema/config.schema.json': '{}',
      'packages/api/package.json': '{ "name": "api" }',
    });
    const run = runCli(['init'], join(root, 'packages/api'));
    expect(run.code).toBe(0);
    expect(schemaLine(root, 'packages/api')).toBe('# yaml-language-server: $schema=../../node_modules/bg-lint/schema/config.schema.json');
  });

  it('next to it when bg-lint is installed in the project', () => {
    const root = tempProject({ 'node_modules/bg-lint/schema/config.schema.json': '{}' });
    runCli(['init'], root);
    expect(schemaLine(root)).toBe('# yaml-language-server: $schema=./node_modules/bg-lint/schema/config.schema.json');
  });

  it('where bg-lint is not installed (npx), at the published schema of this version', () => {
    const root = tempProject({ 'package.json': '{}' });
    runCli(['init'], root);
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;
    expect(schemaLine(root)).toBe(`# yaml-language-server: $schema=https://unpkg.com/bg-lint@${version}/schema/config.schema.json`);
  });
});
