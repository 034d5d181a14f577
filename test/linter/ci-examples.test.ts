import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

describe('shipped CI and hook examples', () => {
  it('the GitHub Actions example uploads SARIF and registers the problem matcher that exists', () => {
    const workflow = parse(readFileSync(join(REPO_ROOT, 'docs/ci/github-actions.yml'), 'utf8'));
    const steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> = workflow.jobs['bg-lint'].steps;
    const sarifStep = steps.find((s) => s.run?.includes('--format sarif'));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(sarifStep?.run).toContain('--output-file bg-lint.sarif');
    expect(upload?.with?.sarif_file).toBe('bg-lint.sarif');
    const matcher = steps.find((s) => s.run?.includes('::add-matcher::'))!.run!.match(/node_modules\/bg-lint\/(\S+\.json)/)![1]!;
    expect(JSON.parse(readFileSync(join(REPO_ROOT, matcher), 'utf8')).problemMatcher).toBeInstanceOf(Array);
    expect(steps.some((s) => s.run?.includes('--format compact'))).toBe(true);
  });

  it('the pre-commit hook lets bg-lint choose the staged files itself', () => {
    const [hook] = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hook).toMatchObject({ id: 'bg-lint', language: 'node', pass_filenames: false });
    expect(hook.entry).toContain('--staged');
  });
});
