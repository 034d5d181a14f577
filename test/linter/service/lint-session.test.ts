import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/shared/diagnostic.js';
import { ProjectSnapshot } from '../../../src/linter/facts/project/project-snapshot.js';
import { LintSession } from '../../../src/linter/service/lint-service.js';
import { tempProject } from '../../helpers/temp-project.js';

const BASE = 'export abstract class JobBase {\n  status!: string;\n}\n';
const FULL_BASE = 'export abstract class JobBase {\n  status!: string;\n  createdAt!: Date;\n  startedAt?: Date;\n  completedAt?: Date;\n}\n';
const MODEL = "import { JobBase } from './job-base';\n\nexport class ImportJob extends JobBase {\n  id!: string;\n}\n";
const TASK = "export async function runImport(job) {\n  job.status = 'processing';\n}\n";

function project(files: Record<string, string> = { 'src/models/job-base.ts': BASE }) {
  const root = tempProject({ 'src/models/import-job.entity.ts': MODEL, 'src/tasks/import.task.ts': TASK, 'src/tasks/export.task.ts': TASK, ...files });
  return { root, base: join(root, 'src/models/job-base.ts'), model: join(root, 'src/models/import-job.entity.ts') };
}

function codes(ds: Diagnostic[] | undefined): string[] {
  return (ds ?? []).map((d) => `${d.span.start.line}:${d.ruleId}`);
}

describe('LintSession keeps the project between passes', () => {
  it('re-reads only the file that changed on disk, and its findings follow the change', () => {
    const { root, base, model } = project();
    const session = LintSession.open(root);
    expect(codes(session.lint([model]).get(model)?.diagnostics)).toContain('3:BG-002');
    // The first pass read the project's files for its scans, the base class among them.
    expect(session.snapshot.readsThisPass).toContain(base);
    expect(session.snapshot.readsThisPass.length).toBeGreaterThan(1);

    writeFileSync(base, FULL_BASE);
    expect(codes(session.lint([model]).get(model)?.diagnostics)).not.toContain('3:BG-002');
    expect(session.snapshot.readsThisPass).toEqual([base]);
  });

  it('reads nothing again when nothing changed', () => {
    const { root, model } = project();
    const session = LintSession.open(root);
    const first = session.lint([model]).get(model)?.diagnostics;
    const second = session.lint([model]).get(model)?.diagnostics;
    expect(session.snapshot.readsThisPass).toEqual([]);
    expect(codes(second)).toEqual(codes(first));
  });

  it('re-reads a file whose size stayed the same but whose mtime moved', () => {
    const { root, base, model } = project();
    const session = LintSession.open(root);
    session.lint([model]);
    // Same length as BASE: only the mtime tells the change.
    writeFileSync(base, BASE.replace('status', 'statuz'));
    const later = new Date(Date.now() + 60_000);
    utimesSync(base, later, later);
    session.lint([model]);
    expect(session.snapshot.readsThisPass).toEqual([base]);
  });

  it('resolves imports afresh once a file is created, as a new session would', () => {
    const { root, base, model } = project({});
    const session = LintSession.open(root);
    session.lint([model]);
    writeFileSync(base, BASE);
    session.refreshFiles();
    const kept = session.lint([model]).get(model)?.diagnostics;
    expect(codes(kept)).toContain('3:BG-002');
    expect(codes(kept)).toEqual(codes(LintSession.open(root).lint([model]).get(model)?.diagnostics));
  });
});

describe('ProjectSnapshot', () => {
  it('hands back the same parsed file for the same text, and parses a changed text again', () => {
    const { root, base } = project();
    const snapshot = new ProjectSnapshot({ root, persistent: true });
    const first = snapshot.parse(base, 'src/models/job-base.ts', BASE);
    expect(snapshot.parse(base, 'src/models/job-base.ts', BASE)).toBe(first);
    const changed = snapshot.parse(base, 'src/models/job-base.ts', FULL_BASE);
    expect(changed).not.toBe(first);
    expect(changed.text).toBe(FULL_BASE);
  });

  it('keeps no parsed files in a one-run snapshot (the CLI keeps memory flat)', () => {
    const { root, base } = project();
    const snapshot = new ProjectSnapshot({ root });
    expect(snapshot.parse(base, 'src/models/job-base.ts', BASE)).not.toBe(snapshot.parse(base, 'src/models/job-base.ts', BASE));
  });
});
