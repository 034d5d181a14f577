import { describe, expect, it } from 'vitest';
import { taskFlowOf } from '../../../../src/linter/facts/tasks/task-flow.js';
import { taskFunctionsOf } from '../../../../src/linter/facts/tasks/task-functions.js';
import { flowDefaults } from '../../../../src/linter/checks/task-vocabulary.js';
import { projectOf } from '../../../helpers/project-facts.js';

function flowOf(files: Record<string, string>, path: string, task = 0, vocab = flowDefaults) {
  const { project, file } = projectOf(files);
  const f = file(path);
  const flow = taskFlowOf(project, taskFunctionsOf(project, f)[task]!, vocab);
  const text = (n: { getText(sf?: never): string } | undefined) => (n ? (n as unknown as import('ts-morph').ts.Node).getText(f.sourceFile) : undefined);
  return { flow, text, project };
}

describe('taskFlowOf', () => {
  it('places each write outside catch, in catch or in finally, in source order', () => {
    const { flow } = flowOf(
      {
        'src/tasks/a.ts': `
          export async function run(job) {
            job.status = 'running';
            try {
              job.status = 'completed';
            } catch (e) {
              job.status = 'failed';
              job.error_message = e.message;
            } finally {
              job.completed_at = new Date();
            }
          }`,
      },
      'src/tasks/a.ts',
    );
    expect(flow.writes.map((w) => [w.field, w.value, w.region, w.fromCaughtError])).toEqual([
      ['status', 'running', 'body', false],
      ['status', 'completed', 'body', false],
      ['status', 'failed', 'catch', false],
      ['errormessage', undefined, 'catch', true],
      ['completedat', undefined, 'finally', false],
    ]);
    expect(flow.touchesJobRecord).toBe(true);
    expect(flow.handlers).toHaveLength(1);
    expect(flow.handlers[0]!.writes).toHaveLength(2);
  });

  it('counts a helper\'s writes where the task calls it, folding values and sessions through its parameters', () => {
    const { flow, text } = flowOf(
      {
        'src/tasks/a.ts': `
          async function setStatus(t, id, status) {
            await t('jobs').where({ id }).update({ status });
          }
          async function markFailed(t, id, err) {
            await setStatus(t, id, 'failed');
            await t('jobs').where({ id }).update({ error_message: String(err) });
          }
          export async function run(id) {
            const trx = await knex.transaction();
            await setStatus(trx, id, 'running');
            try {
              await work();
            } catch (err) {
              await markFailed(trx, id, err);
            }
          }`,
      },
      'src/tasks/a.ts',
    );
    expect(flow.writes.map((w) => [w.field, w.value, w.region, w.via, text(w.session as never), text(w.anchor as never), w.fromCaughtError])).toEqual([
      ['status', 'running', 'body', 'setStatus', 'trx', "setStatus(trx, id, 'running')", false],
      ['status', 'failed', 'catch', 'setStatus', 'trx', 'markFailed(trx, id, err)', true],
      ['errormessage', undefined, 'catch', 'markFailed', 'trx', 'markFailed(trx, id, err)', true],
    ]);
  });

  it('helperDepth 0 keeps the task\'s own body only', () => {
    const { flow } = flowOf(
      { 'src/tasks/a.ts': 'function mark(job) { job.status = "running"; }\nexport function run(job) { mark(job); }\n' },
      'src/tasks/a.ts',
      0,
      { ...flowDefaults, helperDepth: 0 },
    );
    expect(flow.writes).toEqual([]);
    expect(flow.touchesJobRecord).toBe(false);
  });

  it('describes catches: empty, log-only, rethrowing, logging at error level; .catch callbacks too', () => {
    const { flow } = flowOf(
      {
        'src/tasks/a.ts': `
          export async function run(job) {
            job.status = 'running';
            try { a(); } catch {}
            try { b(); } catch (e) { console.warn(e); return; }
            try { c(); } catch (e) { this.logger.error(e); throw e; }
            await d().catch((err) => log.error(err));
          }`,
      },
      'src/tasks/a.ts',
    );
    expect(flow.handlers.map((h) => [h.empty, h.logOnly, h.rethrows, h.logsError, h.caughtNames])).toEqual([
      [true, false, false, false, []],
      [false, true, false, false, ['e']],
      [false, false, true, true, ['e']],
      [false, true, false, true, ['err']],
    ]);
  });

  it('an in-memory change goes through the next persisting call; an active record saves itself', () => {
    const { flow, text } = flowOf(
      {
        'src/tasks/a.ts': `
          export async function run(job, other) {
            job.status = 'running';
            await em.flush();
            job.status = 'completed';
            await job.save();
          }`,
      },
      'src/tasks/a.ts',
    );
    expect(flow.writes.map((w) => text(w.session as never))).toEqual(['em', undefined]);
  });

  it('a task that names a job model touches a job record; one that does not, does not', () => {
    const files = {
      'src/models/import-job.entity.ts': 'export class ImportJob { status!: string; }\n',
      'src/tasks/a.ts': `
        import { ImportJob } from '../models/import-job.entity';
        export async function load(id: string) { return repo.findOne(ImportJob, id); }
        export function format(row: string[]) { return row.join(','); }`,
    };
    expect(flowOf(files, 'src/tasks/a.ts', 0).flow.touchesJobRecord).toBe(true);
    expect(flowOf(files, 'src/tasks/a.ts', 1).flow.touchesJobRecord).toBe(false);
  });

  it('classifies logs by level and region', () => {
    const { flow } = flowOf(
      {
        'src/tasks/a.ts': `
          export async function run(job) {
            logger.info('start');
            try { job.status = 'completed'; } catch (e) { logger.error('failed', e); }
            console.log(\`done \${job.id}\`);
          }`,
      },
      'src/tasks/a.ts',
    );
    expect(flow.logs.map((l) => [l.level, l.region, l.text])).toEqual([
      ['info', 'body', 'start'],
      ['error', 'catch', 'failed'],
      ['info', 'body', 'done '],
    ]);
  });
});
