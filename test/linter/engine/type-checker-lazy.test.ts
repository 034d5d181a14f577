import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/linter/lint.js';
import { tempProject } from '../../helpers/temp-project.js';

const PROJECT = {
  'src/models/base.ts': 'export abstract class JobBase { status!: string; created_at!: Date; }\n',
  'src/models/import-job.ts': "import { JobBase } from './base';\nexport class ImportJob extends JobBase {}\n",
  'src/models/export-job.ts': "import { JobBase } from './base';\nexport class ExportJob extends JobBase {}\n",
  'static/js/page.js': 'setInterval(() => pollStatus(), 1000);\n',
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

  it('is built once for a run with several models that inherit fields', async () => {
    const result = await lint({ cwd: tempProject(PROJECT), paths: ['.'] });
    expect(result.report.files.flatMap((f) => f.diagnostics).some((d) => d.ruleId === 'BG-002')).toBe(true);
    expect(result.typeCheckersCreated).toBe(1);
  });
});
