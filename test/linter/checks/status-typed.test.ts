import statusTyped from '../../../src/linter/checks/status-typed.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(statusTyped, {
  openStatus: [
    [{ model: 'ImportJob', field: 'status', inherited: false, type: 'string' }, '"status" of job model "ImportJob" is typed string: any string can be written to it'],
    [{ model: 'ImportJob', field: 'status', inherited: true, type: 'string' }, '"status" (inherited) of job model "ImportJob" is typed string: any string can be written to it'],
  ],
});

// textColumns through a rule object (BG-005 is the bundled rule's spec).
testRule(statusTyped, {
  valid: [
    { name: 'a union of literals', files: { 'src/models/a.ts': "export interface ImportJob {\n  status: 'pending' | 'running';\n}\n" } },
    {
      name: 'a Drizzle builder left out of textColumns is not judged as free text',
      options: { textColumns: ['varchar'] },
      files: { 'src/db/schema.ts': "export const importJobs = pgTable('import_jobs', {\n  status: text('status').notNull(),\n  started_at: timestamp('started_at'),\n});\n" },
    },
  ],
  invalid: [
    {
      name: 'status typed string, at the field',
      files: { 'src/models/a.ts': 'export interface ImportJob {\n  id: string;\n  status: string;\n}\n' },
      errors: [{ line: 3, column: 3, messageId: 'openStatus', data: { model: 'ImportJob', field: 'status', inherited: false, type: 'string' } }],
    },
  ],
});
