import { testRule } from '../../helpers/rule-tester.js';

const MODELS = {
  'src/models/import-job.entity.ts': "@Entity()\nexport class ImportJob { @Column() status!: 'pending' | 'running'; }\n",
  'src/models/index.ts': "export { ImportJob } from './import-job.entity';\n",
};

testRule('BG-022', {
  valid: [
    {
      name: 'TASK_MODELS in another file, imported through a re-export',
      files: { ...MODELS, 'src/tasks/registry.ts': "import { ImportJob } from '../models';\nexport const TASK_MODELS = { import: ImportJob };\n" },
    },
    {
      name: 'registerTaskModel(...) with a namespace import, and a type argument for an interface model',
      files: {
        ...MODELS,
        'src/models/export-run.model.ts': "export interface ExportRun { status: 'pending' | 'running'; }\n",
        'src/app.ts':
          "import * as models from './models/import-job.entity';\n" +
          "import type { ExportRun } from './models/export-run.model';\n" +
          'registerTaskModel(models.ImportJob);\n' +
          "registerTaskModel<ExportRun>('export');\n",
      },
    },
    {
      name: 'assigned to TASK_MODELS later, and a Drizzle table in an array',
      files: {
        'src/db/schema.ts': "export const importJobs = pgTable('import_jobs', { status: text('status', { enum: ['pending'] }) });\n",
        'src/registry.js': "import { importJobs } from './db/schema.js';\nexport let TASK_MODELS;\nTASK_MODELS = [importJobs];\n",
      },
    },
    {
      name: 'a configured registry name',
      options: { registryNames: ['MONITORED'], registryCalls: ['monitor.add'] },
      files: { ...MODELS, 'src/m.ts': "import { ImportJob } from './models';\nmonitor.add(ImportJob);\n" },
    },
    { name: 'a class named ImportJob outside model folders is not a model', files: { 'src/use-cases/import-job.ts': 'export class ImportJob { status = 1; }\n' } },
  ],
  invalid: [
    {
      name: 'a registry that names the model only in a string and a comment',
      files: {
        ...MODELS,
        'src/tasks/registry.ts': "// TASK_MODELS = { import: ImportJob }\nexport const TASK_MODELS = { import: 'ImportJob' };\n",
      },
      errors: [{ file: 'src/models/import-job.entity.ts', line: 2, column: 14, messageId: 'unregistered', data: { model: 'ImportJob', registryNames: ['TASK_MODELS'], registryCalls: ['registerTaskModel'] } }],
    },
    {
      name: 'a different declaration with the same name does not count',
      files: {
        ...MODELS,
        'src/tasks/registry.ts': 'class ImportJob {}\nexport const TASK_MODELS = { import: ImportJob };\n',
      },
      errors: [{ file: 'src/models/import-job.entity.ts', line: 2, messageId: 'unregistered', data: { model: 'ImportJob', registryNames: ['TASK_MODELS'], registryCalls: ['registerTaskModel'] } }],
    },
    {
      name: 'one registered, one not; registering under another call name does not count',
      files: {
        ...MODELS,
        'src/models/scan-run.model.ts': "export interface ScanRun { status: 'pending'; }\n",
        'src/app.ts': "import { ImportJob } from './models';\nimport { ScanRun } from './models/scan-run.model';\nregisterTaskModel(ImportJob);\nregisterModel<ScanRun>();\n",
      },
      errors: [{ file: 'src/models/scan-run.model.ts', line: 1, column: 18, messageId: 'unregistered', data: { model: 'ScanRun', registryNames: ['TASK_MODELS'], registryCalls: ['registerTaskModel'] } }],
    },
  ],
});
