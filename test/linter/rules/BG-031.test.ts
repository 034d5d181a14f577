import { testRule } from '../../helpers/rule-tester.js';

const START = '  job.status = "running";\n  job.started_at = new Date();\n';

testRule('BG-031', {
  valid: [
    {
      name: 'final status and completed_at on both paths',
      files: {
        'src/tasks/export.ts':
          `export async function runExport(job) {\n${START}  try {\n    await build(job);\n    job.status = "completed";\n    job.completed_at = new Date();\n` +
          '  } catch (err) {\n    job.status = "failed";\n    job.completed_at = new Date();\n    job.error_message = String(err);\n  }\n}\n',
      },
    },
    {
      name: 'finally writes completed_at',
      files: {
        'src/tasks/export.ts':
          `export async function runExport(job) {\n${START}  try {\n    job.status = "completed_with_warnings";\n  } catch (err) {\n    job.status = "failed";\n` +
          '  } finally {\n    job.completed_at = new Date();\n  }\n}\n',
      },
    },
    {
      name: 'the failure write in a same-file helper called from the catch',
      files: {
        'src/tasks/export.ts':
          'async function markFailed(job, err) {\n  job.status = "failed";\n  job.error_message = String(err);\n  job.completed_at = new Date();\n}\n' +
          `export async function runExport(job) {\n${START}  try {\n    job.status = "completed";\n    job.completed_at = new Date();\n  } catch (err) {\n    await markFailed(job, err);\n  }\n}\n`,
      },
    },
    {
      name: 'a .catch(cb) on the work is the failure path',
      files: {
        'src/tasks/export.ts':
          `export async function runExport(job) {\n${START}  await build(job).then(() => {\n    job.status = "completed";\n    job.completed_at = new Date();\n  }).catch((err) => {\n` +
          '    job.status = "failed";\n    job.completed_at = new Date();\n  });\n}\n',
      },
    },
    {
      name: 'an exported utility that touches no job',
      files: { 'src/tasks/util.ts': 'export async function download(url: string) {\n  return fetch(url);\n}\n' },
    },
    {
      name: 'runtime simpleTask',
      files: { 'src/tasks/mail.ts': 'export const mail = rt.simpleTask({ name: "mail" }, async (ctx, job) => {\n  job.status = "running";\n});\n' },
    },
  ],
  invalid: [
    {
      name: 'completed_at missing on the failure path',
      files: {
        'src/tasks/export.ts':
          `export async function runExport(job) {\n${START}  try {\n    job.status = "completed";\n    job.completed_at = new Date();\n` +
          '  } catch (error) {\n    job.status = "failed";\n    job.error_message = error.message;\n  }\n}\n',
      },
      errors: [{ line: 1, column: 23, messageId: 'missingFinalWrites', data: { task: 'runExport', finalValues: ['completed', 'completed_with_warnings', 'failed'], completedField: 'completed_at', statusPaths: [], completedPaths: ['failure'] } }],
    },
    {
      name: 'no catch at all: nothing on the failure path',
      files: { 'src/tasks/export.ts': `export async function runExport(job) {\n${START}  job.status = "completed";\n  job.completed_at = new Date();\n}\n` },
      errors: [{ line: 1, messageId: 'missingFinalWrites', data: { task: 'runExport', finalValues: ['completed', 'completed_with_warnings', 'failed'], completedField: 'completed_at', statusPaths: ['failure'], completedPaths: ['failure'] } }],
    },
    {
      name: 'nothing final anywhere; a status in catch that is not final',
      files: {
        'src/tasks/export.ts':
          `export async function runExport(job) {\n${START}  try {\n    await build(job);\n  } catch (err) {\n    job.status = "pending";\n    job.completed_at = new Date();\n  }\n}\n`,
      },
      errors: [{
        line: 1,
        messageId: 'missingFinalWrites', data: { task: 'runExport', finalValues: ['completed', 'completed_with_warnings', 'failed'], completedField: 'completed_at', statusPaths: ['success', 'failure'], completedPaths: ['success'] },
      }],
    },
  ],
});
