import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';

const PATHS_APP = join(REPO_ROOT, 'fixtures/paths-app');
const MONOREPO = join(REPO_ROOT, 'fixtures/monorepo');

function compact(args: string[], cwd: string): string[] {
  const run = runCli([...args, '-f', 'compact'], cwd);
  expect(run.stderr).toBe('');
  return run.stdout.trim().split('\n').filter((l) => l !== '');
}

const IMPORT_TASK = [
  'src/tasks/import.task.ts:4:23: error: task "markImporting" does not write status "running" or started_at when it starts [BG-030]',
  'src/tasks/import.task.ts:4:23: error: task "markImporting" does not write a final status ("completed", "completed_with_warnings" or "failed") or completed_at on the success and failure paths [BG-031]',
  'src/tasks/import.task.ts:4:23: error: task "markImporting" has no try/catch: an exception leaves the job "running" with no error_message [BG-032]',
];
// The constant imported through an alias is resolved to its value: a legacy status.
const LEGACY_WRITE = 'src/tasks/import.task.ts:5:16: warning: status "processing" is a legacy value: use "running" [BG-010]';

describe('imports resolve as the project compiler resolves them', () => {
  it('tsconfig paths (@/…, ~/…) from an extended tsconfig: inherited fields, the registry and an imported constant', () => {
    // No BG-001–004 (JobBase behind @/models/base) and no BG-022 (the registry imports through @/).
    expect(compact(['.'], PATHS_APP)).toEqual([
      ...IMPORT_TASK,
      'src/tasks/import.task.ts:4:23: info: task "markImporting" does not log its start, its completion and its failure [BG-036]',
      LEGACY_WRITE,
    ]);
  });

  it('a workspace package (@acme/shared, dist/ entries, no node_modules) resolves to its sources', () => {
    const api = join(MONOREPO, 'packages/api');
    // BG-036 is off in the api's own config; JobBase and STATUS_PROCESSING come from @acme/shared.
    expect(compact(['.'], api)).toEqual([...IMPORT_TASK, LEGACY_WRITE]);
  });

  it('a monorepo linted from its top gives each package its own config, as linted from inside it', () => {
    const worker = [
      'src/models/export-run.entity.ts:1:18: warning: job model "ExportRun" has no "error_message" field [BG-003]',
      'src/models/export-run.entity.ts:1:18: warning: job model "ExportRun" has no "triggered_by" field [BG-004]',
      'src/models/export-run.entity.ts:1:18: warning: job model "ExportRun" is not referenced from a task registry (TASK_MODELS or registerTaskModel(...)): its jobs are not monitored [BG-022]',
    ];
    // BG-002 is off in the worker's config only.
    expect(compact(['.'], join(MONOREPO, 'packages/worker'))).toEqual(worker);
    expect(compact(['.'], MONOREPO)).toEqual([
      ...[...IMPORT_TASK, LEGACY_WRITE].map((l) => `packages/api/${l}`),
      ...worker.map((l) => `packages/worker/${l}`),
    ]);
    expect(compact([MONOREPO], REPO_ROOT).map((l) => l.replace(/^fixtures\/monorepo\//, ''))).toEqual(compact(['.'], MONOREPO));
  });

  it('-c forces one config on every package', () => {
    const lines = compact(['.', '-c', 'packages/worker/.bg-lint.yaml'], MONOREPO);
    // The worker's config (BG-002 off, BG-036 on) now holds for the api too.
    expect(lines).toContain('packages/api/src/tasks/import.task.ts:4:23: info: task "markImporting" does not log its start, its completion and its failure [BG-036]');
    expect(lines.filter((l) => l.includes('[BG-002]'))).toEqual([]);
  });

  it('SARIF of several roots is relative to the repository they sit in', () => {
    const run = JSON.parse(runCli(['packages', '-f', 'sarif'], MONOREPO).stdout).runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${MONOREPO}/`);
    expect(new Set(run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['packages/api/src/tasks/import.task.ts', 'packages/worker/src/models/export-run.entity.ts']),
    );
  });
});
