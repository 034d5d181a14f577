import { describe, expect, it } from 'vitest';
import { taskFunctionsOf } from '../../../../src/linter/facts/tasks/task-functions.js';
import { projectOf } from '../../../helpers/project-facts.js';

function tasks(files: Record<string, string>, path: string) {
  const { project, file } = projectOf(files);
  return taskFunctionsOf(project, file(path)).map((t) => ({ name: t.name, kind: t.kind, at: t.nameNode.getText(file(path).sourceFile) }));
}

describe('taskFunctionsOf', () => {
  it('finds the exported functions and public methods of a task file, not helpers', () => {
    const found = tasks(
      {
        'src/tasks/import.ts': `
          export async function runImport(id: string) {}
          export const runExport = async (id: string) => {};
          export const LIMIT = 10;
          function helper() {}
          export function _internal() {}
          const later = function namedLater() {};
          export { later as runLater };
          export class Importer {
            async run() {}
            private async step() {}
            protected async other() {}
            get size() { return 1; }
          }
          export default function () {}
        `,
      },
      'src/tasks/import.ts',
    );
    expect(found).toEqual([
      { name: 'runImport', kind: 'exported-function', at: 'runImport' },
      { name: 'runExport', kind: 'exported-function', at: 'runExport' },
      { name: 'runLater', kind: 'exported-function', at: 'later' },
      { name: 'run', kind: 'exported-method', at: 'run' },
      { name: 'default', kind: 'exported-function', at: 'default' },
    ]);
  });

  it('reads CommonJS exports in JS task files', () => {
    const found = tasks(
      {
        'src/jobs/cleanup.js': `
          async function runCleanup() {}
          function helper() {}
          exports.runPurge = async function () {};
          module.exports.runSweep = async () => {};
          module.exports = { runCleanup };
        `,
      },
      'src/jobs/cleanup.js',
    );
    expect(found.map((t) => t.name)).toEqual(['runCleanup', 'runPurge', 'runSweep']);
  });

  it('exported functions outside task files are not tasks', () => {
    expect(tasks({ 'src/services/import.ts': 'export async function runImport() {}\n' }, 'src/services/import.ts')).toEqual([]);
  });

  it('finds BullMQ processors (also aliased, also by reference) anywhere', () => {
    const found = tasks(
      {
        'src/queue.ts': `
          import { Worker as BullWorker } from 'bullmq';
          import { Worker as ThreadWorker } from 'node:worker_threads';
          async function handleExport(job) {}
          new BullWorker('imports', async (job) => {});
          new BullWorker('exports', handleExport);
          new ThreadWorker('./thread.js');
          new Other('x', async () => {});
        `,
      },
      'src/queue.ts',
    );
    expect(found).toEqual([
      { name: 'handleExport', kind: 'worker-processor', at: 'handleExport' },
      { name: 'processor', kind: 'worker-processor', at: 'BullWorker' },
    ]);
  });

  it('finds the process method of a NestJS @Processor class, not its event hooks', () => {
    const found = tasks(
      {
        'src/imports/import.processor.ts': `
          import { Processor as P } from '@nestjs/bullmq';
          @P('imports')
          export class ImportProcessor extends WorkerHost {
            async process(job) {}
            @OnWorkerEvent('failed') onFailed(job) {}
          }
        `,
      },
      'src/imports/import.processor.ts',
    );
    expect(found).toEqual([{ name: 'process', kind: 'nest-processor', at: 'process' }]);
  });

  it('finds callbacks handed to backgroundTasks.add / addTask', () => {
    const found = tasks(
      {
        'src/routes/imports.ts': `
          async function processImport(id) {}
          router.post('/x', (req, res) => {
            backgroundTasks.add(() => processImport(1));
            this.backgroundTasks.add(processImport, 2);
            queue.add('x', () => {});
          });
        `,
      },
      'src/routes/imports.ts',
    );
    expect(found).toEqual([
      { name: 'processImport', kind: 'background-callback', at: 'processImport' },
      { name: 'background callback', kind: 'background-callback', at: 'backgroundTasks.add' },
    ]);
  });

  it('leaves out bodies defined through the runtime (inline, by reference, typed with TaskContext)', () => {
    const found = tasks(
      {
        'src/tasks/import.ts': `
          import type { TaskContext } from 'bg-lint/runtime';
          export async function importBody(ctx, id) {}
          export async function exportBody(ctx: TaskContext, id) {}
          export const importTask = rt.dbTask({ name: 'import' }, importBody);
          export const mailTask = defineTask({ name: 'mail' }, async (ctx) => {});
          export async function realTask(id) {}
        `,
      },
      'src/tasks/import.ts',
    );
    expect(found.map((t) => t.name)).toEqual(['realTask']);
  });
});

describe('taskFunctionsOf in CommonJS', () => {
  it('finds a BullMQ processor whose Worker is destructured from require under another name', () => {
    const found = tasks(
      { 'src/queue.js': "const { Worker: W } = require('bullmq');\nnew W('imports', async (job) => {});\n" },
      'src/queue.js',
    );
    expect(found).toEqual([{ name: 'processor', kind: 'worker-processor', at: 'W' }]);
  });
});
