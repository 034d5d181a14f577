import taskStart from '../../../src/linter/checks/task-start.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(taskStart, {
  startNotRecorded: [
    [{ task: 'runImport', missing: ['status "running"', 'started_at'], late: [] }, 'task "runImport" does not write status "running" or started_at when it starts'],
    [{ task: 'processExport', missing: ['startedAt'], late: [] }, 'task "processExport" does not write startedAt when it starts'],
    [{ task: 'runImport', missing: ['status "running"'], late: ['started_at'] }, 'task "runImport" does not write status "running" when it starts, and writes started_at only after its first completion write'],
  ],
});

// runningValues through a rule object (BG-030 is the bundled rule's spec).
const task = (start: string) =>
  `export async function runImport(job) {\n${start}  try {\n    await work(job);\n    job.status = "completed";\n    job.completed_at = new Date();\n  } catch (err) {\n    job.status = "failed";\n  }\n  await job.save();\n}\n`;

testRule(taskStart, {
  valid: [
    { name: 'a configured running value', options: { runningValues: ['active'] }, files: { 'src/tasks/a.ts': task('  job.status = "active";\n  job.started_at = new Date();\n') } },
    // A field a rule names is tracked even when subjects.jobModel.recordFields lacks it (config/rule-record-fields.ts).
    { name: 'a configured started field', options: { startedField: 'begun_at' }, files: { 'src/tasks/a.ts': task('  job.status = "running";\n  job.begun_at = new Date();\n') } },
  ],
  invalid: [
    {
      name: 'a configured started field that the task does not write',
      options: { startedField: 'begun_at' },
      files: { 'src/tasks/a.ts': task('  job.status = "running";\n  job.started_at = new Date();\n') },
      errors: [{ line: 1, column: 23, messageId: 'startNotRecorded', data: { task: 'runImport', missing: ['begun_at'], late: [] } }],
    },
    {
      name: 'the default running value does not satisfy a configured one',
      options: { runningValues: ['active'] },
      files: { 'src/tasks/a.ts': task('  job.status = "running";\n  job.started_at = new Date();\n') },
      errors: [{ line: 1, column: 23, messageId: 'startNotRecorded', data: { task: 'runImport', missing: ['status "active"'], late: [] } }],
    },
  ],
});
