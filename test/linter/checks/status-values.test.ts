import statusValues from '../../../src/linter/checks/status-values.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(statusValues, {
  legacy: [{ value: 'processing', replacement: 'running' }, 'status "processing" is a legacy value: use "running"'],
  nonStandard: [{ value: 'done', vocabulary: ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] }, 'status "done" is not a standard status: use one of pending, running, completed, failed, completed_with_warnings'],
  standardInOtherCase: [{ value: 'PENDING', standard: 'pending' }, 'status "PENDING" differs from the standard "pending" only in case: use "pending"'],
  legacyInOtherCase: [{ value: 'PROCESSING', legacy: 'processing', replacement: 'running' }, 'status "PROCESSING" is the legacy value "processing" in another case: use "running"'],
});

// vocabulary / legacy through a rule object (BG-010 is the bundled rule's spec).
testRule(statusValues, {
  valid: [{ name: 'a custom vocabulary', options: { vocabulary: ['queued', 'done'], legacy: {} }, files: { 'src/tasks/a.ts': 'export async function run(job) {\n  job.status = "queued";\n}\n' } }],
  invalid: [
    {
      name: 'a custom legacy map is fixed to its replacement',
      options: { vocabulary: ['queued', 'done'], legacy: { finished: 'done' } },
      files: { 'src/tasks/a.ts': 'export async function run(job) {\n  job.status = "finished";\n  job.status = "running";\n}\n' },
      errors: [
        { line: 2, column: 16, messageId: 'legacy', data: { value: 'finished', replacement: 'done' }, fixText: '"done"' },
        { line: 3, column: 16, messageId: 'nonStandard', data: { value: 'running', vocabulary: ['queued', 'done'] } },
      ],
    },
  ],
});
