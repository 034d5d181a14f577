import { testRule } from '../../helpers/rule-tester.js';

const body = (logs: { start?: string; done?: string; fail?: string }) =>
  'export async function runCleanup(run) {\n' +
  (logs.start ?? '') +
  '  run.status = "running";\n  run.started_at = new Date();\n  try {\n    await removeExpired();\n    run.status = "completed";\n' +
  (logs.done ?? '') +
  '  } catch (err) {\n' +
  (logs.fail ?? '') +
  '    run.status = "failed";\n    run.error_message = String(err);\n  } finally {\n    run.completed_at = new Date();\n  }\n}\n';

testRule('BG-036', {
  valid: [
    {
      name: 'start, completion and failure logged (by words)',
      files: { 'src/tasks/cleanup.js': body({ start: '  console.log("cleanup started");\n', done: '    console.log("cleanup completed");\n', fail: '    console.error("cleanup failed", err);\n' }) },
    },
    {
      name: 'logs placed by position, through this.logger (NestJS Logger.log)',
      files: { 'src/tasks/cleanup.ts': body({ start: '  this.logger.log(`run ${run.id}`);\n', done: '    this.logger.log(`run ${run.id}: ${n} rows`);\n', fail: '    this.logger.error(err);\n' }) },
    },
    { name: 'an exported utility touching no job', files: { 'src/tasks/util.ts': 'export function sum(a: number, b: number) {\n  return a + b;\n}\n' } },
    { name: 'a runtime task', files: { 'src/tasks/c.ts': 'export const c = rt.dbTask({ name: "c" }, async (ctx, run) => {\n  run.status = "running";\n});\n' } },
  ],
  invalid: [
    {
      name: 'nothing logged',
      files: { 'src/tasks/cleanup.js': body({}) },
      errors: [{ line: 1, column: 23, messageId: 'missingLogs', data: { task: 'runCleanup', missing: ['start', 'completion', 'failure'] } }],
    },
    {
      name: 'only the start and a warning in the catch',
      files: { 'src/tasks/cleanup.ts': body({ start: '  logger.info("cleanup started", { id: run.id });\n', fail: '    logger.warn("cleanup problem");\n' }) },
      errors: [{ line: 1, messageId: 'missingLogs', data: { task: 'runCleanup', missing: ['completion', 'failure'] } }],
    },
  ],
});
