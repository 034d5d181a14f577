import taskLogging from '../../../src/linter/checks/task-logging.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(taskLogging, {
  missingLogs: [
    [{ task: 'runCleanup', missing: ['start', 'completion', 'failure'] }, 'task "runCleanup" does not log its start, its completion and its failure'],
    [{ task: 'runCleanup', missing: ['completion', 'failure'] }, 'task "runCleanup" does not log its completion and its failure'],
  ],
});

// startWords / completionWords through a rule object (BG-036 is the bundled rule's spec).
const task = (logs: string) =>
  `export async function runImport(job) {\n  console.log("import ${'${'}job.id} kicked off");\n  job.status = "running";\n  try {\n    await work(job);\n    job.status = "completed";\n${logs}  } catch (err) {\n    console.error("import failed", err);\n    job.status = "failed";\n  }\n}\n`;

testRule(taskLogging, {
  valid: [{ name: 'a log after the first write counts as the completion', files: { 'src/tasks/a.ts': task('    console.log("import wrapped up");\n') } }],
  invalid: [
    {
      name: 'a configured start word marks a log as the start, not the completion',
      options: { startWords: ['wrapped'] },
      files: { 'src/tasks/a.ts': task('    console.log("import wrapped up");\n') },
      errors: [{ line: 1, column: 23, messageId: 'missingLogs', data: { task: 'runImport', missing: ['completion'] } }],
    },
  ],
});
