import taskCompletion from '../../../src/linter/checks/task-completion.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(taskCompletion, {
  missingFinalWrites: [
    [{ task: 'runExport', finalValues: ['completed', 'completed_with_warnings', 'failed'], completedField: 'completed_at', statusPaths: [], completedPaths: ['failure'] }, 'task "runExport" does not write completed_at on the failure path'],
    [{ task: 'runExport', finalValues: ['completed', 'completed_with_warnings', 'failed'], completedField: 'completed_at', statusPaths: ['failure'], completedPaths: ['failure'] }, 'task "runExport" does not write a final status ("completed", "completed_with_warnings" or "failed") or completed_at on the failure path'],
    [{ task: 'runExport', finalValues: ['completed', 'completed_with_warnings', 'failed'], completedField: 'completed_at', statusPaths: ['success', 'failure'], completedPaths: ['success'] }, 'task "runExport" does not write a final status ("completed", "completed_with_warnings" or "failed") on the success and failure paths, nor completed_at on the success path'],
  ],
});

// finalValues through a rule object (BG-031 is the bundled rule's spec).
const task = (done: string, failed: string) =>
  `export async function runImport(job) {\n  job.status = "running";\n  try {\n    await work(job);\n${done}  } catch (err) {\n${failed}  }\n  await job.save();\n}\n`;

testRule(taskCompletion, {
  valid: [
    {
      name: 'a configured completed field, which subjects.jobModel.recordFields lacks',
      options: { completedField: 'finished_at' },
      files: { 'src/tasks/a.ts': task('    job.status = "completed";\n    job.finished_at = new Date();\n', '    job.status = "failed";\n    job.finished_at = new Date();\n') },
    },
    {
      name: 'configured names on both paths',
      options: { finalValues: ['done', 'failed'] },
      files: { 'src/tasks/a.ts': task('    job.status = "done";\n    job.completed_at = new Date();\n', '    job.status = "failed";\n    job.completed_at = new Date();\n') },
    },
  ],
  invalid: [
    {
      name: 'a default final value is not final once others are configured',
      options: { finalValues: ['done', 'failed'] },
      files: { 'src/tasks/a.ts': task('    job.status = "completed";\n    job.completed_at = new Date();\n', '    job.status = "failed";\n    job.completed_at = new Date();\n') },
      errors: [{ line: 1, column: 23, messageId: 'missingFinalWrites', data: { task: 'runImport', finalValues: ['done', 'failed'], completedField: 'completed_at', statusPaths: ['success'], completedPaths: [] } }],
    },
  ],
});
