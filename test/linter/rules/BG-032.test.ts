import { testRule } from '../../helpers/rule-tester.js';
import { PRISMA_EXPORT_TASK } from './idioms.js';

const TRY = (catchBody: string, param = '(err)') =>
  'export async function runScan(scan) {\n  scan.status = "running";\n  try {\n    await scanAll(scan);\n    scan.status = "completed";\n' +
  `  } catch ${param} {\n${catchBody}  }\n}\n`;

testRule('BG-032', {
  valid: [
    {
      name: 'catch writes failed, error_message from the error, and logs',
      files: { 'src/workers/scan.worker.ts': TRY('    logger.error("scan failed", err);\n    scan.status = "failed";\n    scan.error_message = err.message;\n') },
    },
    {
      name: 'the error message through a derived variable, logged by this.logger and a helper that writes',
      files: {
        'src/workers/scan.worker.ts':
          'async function markFailed(scan, message) {\n  scan.status = "failed";\n  scan.error_message = message;\n}\n' +
          TRY('    const message = err instanceof Error ? err.message : String(err);\n    this.logger.error(message);\n    await markFailed(scan, message);\n'),
      },
    },
    {
      name: 'an inner per-item catch that swallows is fine when the outer catch handles',
      files: {
        'src/workers/scan.worker.ts':
          'export async function runScan(scan) {\n  try {\n    for (const f of files) {\n      try { await check(f); } catch (e) { console.warn(e); }\n    }\n' +
          '  } catch (err) {\n    console.error(err);\n    scan.status = "failed";\n    scan.error_message = String(err);\n  }\n}\n',
      },
    },
    {
      name: 'a project logger named in the errorLoggers option',
      options: { errorLoggers: ['reportError'] },
      files: { 'src/workers/scan.worker.ts': TRY('    reportError(err);\n    scan.status = "failed";\n    scan.error_message = String(err);\n') },
    },
    { name: 'an exported utility touching no job', files: { 'src/workers/util.ts': 'export function parse(s: string) {\n  return JSON.parse(s);\n}\n' } },
    {
      name: 'a dbTask body has no try: the runtime handles it',
      files: { 'src/tasks/scan.ts': 'export const scan = rt.dbTask({ name: "scan" }, async (ctx, s) => {\n  s.status = "completed";\n});\n' },
    },
  ],
  invalid: [
    {
      name: 'a catch that keeps the error in failureReason: the message names it (and errorMessage in the project\'s case)',
      files: { 'src/jobs/export.job.ts': PRISMA_EXPORT_TASK },
      errors: [{ line: 9, column: 5, messageId: 'incompleteCatch', data: { task: 'processExport', missing: ['write errorMessage from "error" (it writes the error to "failureReason" instead)'] } }],
    },
    {
      name: 'a catch that logs and swallows',
      files: { 'src/workers/scan.worker.ts': TRY('    console.error("scan failed", err);\n') },
      errors: [{ line: 6, column: 5, messageId: 'logOnlyCatch', data: { task: 'runScan', failedValue: 'failed', errorField: 'error_message' } }],
    },
    {
      name: 'console.error is not a logger when the option says otherwise',
      options: { errorLoggers: ['reportError'] },
      files: { 'src/workers/scan.worker.ts': TRY('    console.error(err);\n    scan.status = "failed";\n    scan.error_message = String(err);\n') },
      errors: [{ line: 6, messageId: 'incompleteCatch', data: { task: 'runScan', missing: ['log the error'] } }],
    },
    {
      name: 'an empty catch',
      files: { 'src/workers/scan.worker.ts': TRY('', '') },
      errors: [{ line: 6, column: 5, messageId: 'emptyCatch', data: { task: 'runScan', failedValue: 'failed' } }],
    },
    {
      name: 'no try at all',
      files: { 'src/workers/scan.worker.ts': 'export async function runScan(scan) {\n  scan.status = "running";\n  await scanAll(scan);\n  scan.status = "completed";\n}\n' },
      errors: [{ line: 1, column: 23, messageId: 'noTryCatch', data: { task: 'runScan', errorField: 'error_message' } }],
    },
    {
      name: 'a catch that rethrows after marking failed with a fixed message, without logging',
      files: { 'src/workers/scan.worker.ts': TRY('    scan.status = "failed";\n    scan.error_message = "scan failed";\n    throw err;\n') },
      errors: [{ line: 6, messageId: 'incompleteCatch', data: { task: 'runScan', missing: ['write error_message from "err"', 'log the error'] } }],
    },
    {
      name: 'a .catch callback that only logs',
      files: {
        'src/workers/scan.worker.ts':
          'export async function runScan(scan) {\n  scan.status = "running";\n  await scanAll(scan).catch((e) => logger.error(e));\n  scan.status = "completed";\n}\n',
      },
      errors: [{ line: 3, column: 29, messageId: 'logOnlyCatch', data: { task: 'runScan', failedValue: 'failed', errorField: 'error_message' } }],
    },
  ],
});
