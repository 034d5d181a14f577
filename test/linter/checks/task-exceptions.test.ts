import taskExceptions from '../../../src/linter/checks/task-exceptions.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(taskExceptions, {
  noFailureCatch: [{ task: 'runScan', failedValue: 'failed', errorField: 'error_message' }, 'task "runScan" has no catch that writes status "failed", writes error_message from the caught error and logs it'],
  logOnlyCatch: [{ task: 'runScan', failedValue: 'failed', errorField: 'error_message' }, 'catch in task "runScan" only logs the error: the job is never marked "failed" and has no error_message'],
  incompleteCatch: [
    [{ task: 'processExport', missing: ['write errorMessage from "error" (it writes the error to "failureReason" instead)'] }, 'catch in task "processExport" does not write errorMessage from "error" (it writes the error to "failureReason" instead)'],
    [{ task: 'runScan', missing: ['write error_message from "err"', 'log the error'] }, 'catch in task "runScan" does not write error_message from "err" or log the error'],
  ],
  emptyCatch: [{ task: 'runScan', failedValue: 'failed' }, 'empty catch in task "runScan": the error is swallowed and the job is never marked "failed"'],
  noTryCatch: [{ task: 'runScan', errorField: 'error_message' }, 'task "runScan" has no try/catch: an exception leaves the job "running" with no error_message'],
});

// failedValue through a rule object (BG-032 is the bundled rule's spec).
const task = (catchBody: string) =>
  `export async function runScan(scan) {\n  scan.status = "running";\n  try {\n    await scanAll(scan);\n    scan.status = "completed";\n  } catch (err) {\n${catchBody}  }\n}\n`;

testRule(taskExceptions, {
  valid: [
    {
      name: 'a configured error field, which subjects.jobModel.recordFields lacks',
      options: { errorField: 'failure_reason' },
      files: { 'src/tasks/a.ts': task('    console.error(err);\n    scan.status = "failed";\n    scan.failure_reason = String(err);\n') },
    },
    {
      name: 'a configured failure value',
      options: { failedValue: 'error' },
      files: { 'src/tasks/a.ts': task('    console.error(err);\n    scan.status = "error";\n    scan.error_message = String(err);\n') },
    },
  ],
  invalid: [
    {
      name: 'the default failed value does not satisfy a configured one',
      options: { failedValue: 'error' },
      files: { 'src/tasks/a.ts': task('    console.error(err);\n    scan.status = "failed";\n    scan.error_message = String(err);\n') },
      errors: [{ line: 6, messageId: 'incompleteCatch', data: { task: 'runScan', missing: ['write status "error"'] } }],
    },
  ],
});
