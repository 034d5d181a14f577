import requiredField from '../../../src/linter/checks/required-field.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(requiredField, {
  missingField: [{ model: 'ImportJob', field: 'triggered_by' }, 'job model "ImportJob" has no "triggered_by" field'],
});

// The `fields` option through a rule object (BG-002…004 are the bundled rules' specs).
testRule(requiredField, {
  valid: [
    { name: 'every listed field, in either spelling', options: { fields: ['started_at', 'retry_count'] }, files: { 'src/models/a.ts': 'export interface ImportJob {\n  status: string;\n  startedAt: Date;\n  retryCount: number;\n}\n' } },
  ],
  invalid: [
    {
      name: 'one finding per missing field, spelled as the model spells its fields',
      options: { fields: ['started_at', 'retry_count'] },
      files: { 'src/models/a.ts': 'export interface ImportJob {\n  status: string;\n  createdAt: Date;\n}\n' },
      errors: [
        { line: 1, messageId: 'missingField', data: { model: 'ImportJob', field: 'startedAt' } },
        { line: 1, messageId: 'missingField', data: { model: 'ImportJob', field: 'retryCount' } },
      ],
    },
  ],
});
