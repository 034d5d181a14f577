import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { tempProject } from '../../helpers/temp-project.js';

const PROJECT = {
  'src/models/base.ts': 'export abstract class JobBase { status!: string; created_at!: Date; }\n',
  'src/models/import-job.ts': "import { JobBase } from './base';\nexport class ImportJob extends JobBase {}\n",
  'src/models/export-job.ts': "import { JobBase } from './base';\nexport class ExportJob extends JobBase {}\n",
  'static/js/page.js': 'setInterval(() => pollStatus(), 1000);\n',
};

const MIXIN_PROJECT = {
  'src/models/base.ts':
    'export abstract class JobBase { status!: string; created_at!: Date; }\n' +
    'export const Tracked = <T extends abstract new (...a: any[]) => object>(B: T) => { abstract class S extends B { tries!: number } return S; };\n',
  'src/models/import-job.ts': "import { JobBase, Tracked } from './base';\nexport class ImportJob extends Tracked(JobBase) {}\n",
  'src/models/export-job.ts': "import { JobBase, Tracked } from './base';\nexport class ExportJob extends Tracked(JobBase) {}\n",
};

describe('the type checker is built lazily, at most once', () => {
  it('is not built when no loaded rule needs types', async () => {
    const result = await lint({ cwd: tempProject(PROJECT), paths: ['.'], onlyRules: ['BG-041'] });
    expect(result.counts.info).toBe(1);
    expect(result.typeCheckersCreated).toBe(0);
  });

  it('is not built when type-aware rules find nothing that needs it', async () => {
    const result = await lint({ cwd: tempProject({ 'src/models/a.ts': 'export interface ImportJob { status: string }\n' }), paths: ['.'] });
    expect(result.typeCheckersCreated).toBe(0);
  });

  it('is not built for models whose base classes syntax reads', async () => {
    const result = await lint({ cwd: tempProject(PROJECT), paths: ['.'] });
    expect(result.report.files.flatMap((f) => f.diagnostics).some((d) => d.ruleId === 'BG-002')).toBe(true);
    expect(result.typeCheckersCreated).toBe(0);
  });

  it('is built once for a run with several models whose fields only the checker knows (a mixin)', async () => {
    const result = await lint({ cwd: tempProject(MIXIN_PROJECT), paths: ['.'] });
    expect(result.report.files.flatMap((f) => f.diagnostics).some((d) => d.ruleId === 'BG-002')).toBe(true);
    expect(result.typeCheckersCreated).toBe(1);
  });
});

describe('one program answers the run', () => {
  it('is built once for questions from files outside each other\'s imports (not grown file by file)', async () => {
    const files: Record<string, string> = {
      'src/models/import-job.entity.ts':
        "export enum ImportJobStatus { Pending = 'pending', Running = 'running' }\n@Entity()\nexport class ImportJob {\n  @Column({ default: 'pending' }) status!: ImportJobStatus;\n}\n",
    };
    // Each service types its record only through an inferred return type: the checker's question.
    // None imports another, so a program grown per asking file rebuilt its checker seven times.
    const services = Array.from({ length: 8 }, (_, i) => `src/services/s${i}.ts`);
    for (const [i, path] of services.entries()) {
      files[path] = `import { ImportJob } from '../models/import-job.entity';\nfunction make() { return new ImportJob(); }\nexport function f${i}() {\n  const job = make();\n  job.status = 'queued';\n}\n`;
    }
    const root = tempProject(files);
    const result = await lint({ cwd: root, paths: ['.'], onlyRules: ['BG-010'] });
    expect(result.typeCheckersCreated).toBe(1);
    const findings = result.report.files.flatMap((f) => f.diagnostics).filter((d) => d.file.includes('/services/'));
    expect(findings.map((d) => [d.ruleId, d.file.slice(root.length + 1), d.span.start.line, d.message])).toEqual(
      services.map((path) => ['BG-010', path, 5, 'status "queued" is not a standard status: use one of pending, running, completed, failed, completed_with_warnings']),
    );
  });
});

describe('questions answered without the type checker', () => {
  it('a handler whose declared return type is a keyword', async () => {
    const result = await lint({
      cwd: tempProject({
        'src/imports/imports.controller.ts': [
          "import { Body, Controller, Post } from '@nestjs/common';",
          "@Controller('api/imports')",
          'export class ImportsController {',
          '  constructor(private readonly legacy: any) {}',
          '  @Post()',
          '  start(@Body() body: { fileId: string }): string {',
          '    return this.legacy.enqueue(body.fileId);',
          '  }',
          '}',
          '',
        ].join('\n'),
      }),
      paths: ['.'],
      onlyRules: ['BG-020'],
    });
    expect(result.report.files.flatMap((f) => f.diagnostics).map((d) => d.message)).toEqual([
      expect.stringContaining('returns this.legacy.enqueue(body.fileId) (string) without'),
    ]);
    expect(result.typeCheckersCreated).toBe(0);
  });

  it('a standard-library object made in a task file (`Object.assign(new Error(…), …)`)', async () => {
    const task = (params: string) => ({
      'src/jobs/import.task.ts': [
        `export async function runImport(${params}) {`,
        "  throw Object.assign(new Error('boom'), { status: 'failed' });",
        '}',
        '',
      ].join('\n'),
    });
    const plain = await lint({ cwd: tempProject(task('id: string')), paths: ['.'] });
    expect(plain.typeCheckersCreated).toBe(0);
    // A file that binds the name itself is the checker's to judge.
    const shadowed = await lint({ cwd: tempProject(task('id: string, Error: ErrorConstructor')), paths: ['.'] });
    expect(shadowed.typeCheckersCreated).toBe(1);
    expect(shadowed.report.files.flatMap((f) => f.diagnostics).map((d) => d.ruleId)).toEqual(plain.report.files.flatMap((f) => f.diagnostics).map((d) => d.ruleId));
  });
});
