import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { tempProject } from '../../helpers/temp-project.js';

/** The example app copied, so the reports name files of a project that is not the repository. */
function exampleCopy(): string {
  const root = tempProject({});
  cpSync(join(REPO_ROOT, 'fixtures/example-app'), root, { recursive: true });
  return root;
}

const filesOf = (json: string): string[] => (JSON.parse(json) as { filePath: string }[]).map((r) => r.filePath);

describe('--shard i/n and bg-lint merge', () => {
  it('the union of 3 shards, merged into JSON and into SARIF, equals the unsharded run', () => {
    const root = exampleCopy();
    const out = mkdtempSync(join(tmpdir(), 'bg-lint-shards-'));
    const whole = { json: runCli(['.', '-f', 'json'], root), sarif: runCli(['.', '-f', 'sarif'], root) };
    expect(whole.json.code).toBe(1);
    const shards = [1, 2, 3].map((i) => {
      const json = join(out, `shard-${i}.json`);
      const sarif = join(out, `shard-${i}.sarif`);
      expect(runCli(['.', '--shard', `${i}/3`, '-f', 'json', '-o', json], root).code).not.toBe(2);
      expect(runCli(['.', '--shard', `${i}/3`, '-f', 'sarif', '-o', sarif], root).code).not.toBe(2);
      return { json, sarif };
    });
    // A partition: every shard has files, none shares one, together they are the whole run.
    const parts = shards.map((s) => filesOf(readFileSync(s.json, 'utf8')));
    for (const p of parts) expect(p.length).toBeGreaterThan(0);
    expect(parts.flat().sort()).toEqual(filesOf(whole.json.stdout).sort());
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);

    // Merged from another working directory: the output does not depend on it.
    const elsewhere = mkdtempSync(join(tmpdir(), 'bg-lint-merge-cwd-'));
    const jsons = shards.map((s) => s.json);
    const sarifs = shards.map((s) => s.sarif);
    const mergedJson = runCli(['merge', ...jsons, '-f', 'json'], elsewhere);
    expect(mergedJson.stderr).toBe('');
    expect(mergedJson.stdout).toBe(whole.json.stdout);
    expect(mergedJson.code).toBe(whole.json.code);
    expect(runCli(['merge', ...jsons, '-f', 'sarif'], elsewhere).stdout).toBe(whole.sarif.stdout);
    expect(runCli(['merge', ...sarifs, '-f', 'sarif'], elsewhere).stdout).toBe(whole.sarif.stdout);
    const written = join(out, 'merged.sarif');
    expect(runCli(['merge', ...sarifs, '-f', 'sarif', '-o', written], elsewhere).stdout).toBe('');
    expect(readFileSync(written, 'utf8')).toBe(whole.sarif.stdout);
  });

  it('a report that is not one is exit 2 with its name, and nothing is written', () => {
    const root = exampleCopy();
    const good = join(root, 'good.json');
    expect(runCli(['.', '--shard', '1/2', '-f', 'json', '-o', good], root).code).not.toBe(2);
    writeFileSync(join(root, 'bad.json'), '{"runs": 1}');
    const run = runCli(['merge', good, 'bad.json', '-f', 'sarif', '-o', 'merged.sarif'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.json');
    expect(existsSync(join(root, 'merged.sarif'))).toBe(false);
    expect(runCli(['merge', 'missing.json'], root).stderr).toBe('bg-lint merge: cannot read missing.json: ENOENT\n');
  });

  it('-o of merge never replaces a file that is not a report of ours (package.json): one line, exit 2', () => {
    const root = exampleCopy();
    const good = join(root, 'good.json');
    expect(runCli(['.', '-f', 'json', '-o', good], root).code).not.toBe(2);
    const pkg = join(root, 'package.json');
    writeFileSync(pkg, '{ "name": "mine" }\n');
    const run = runCli(['merge', good, '-f', 'sarif', '-o', 'package.json'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`bg-lint: cannot write the report ${pkg}: the file exists and is not the report written by bg-lint, so it is left alone; name another file or remove it first\n`);
    expect(readFileSync(pkg, 'utf8')).toBe('{ "name": "mine" }\n');
  });

  it('--shard that is not i/n with 1 <= i <= n is exit 2 with why', () => {
    const root = exampleCopy();
    for (const bad of ['4/3', '0/2', 'two', '1/0']) {
      const run = runCli(['.', '--shard', bad], root);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--shard');
    }
  });
});
