import requiredCall from '../../../src/linter/checks/required-call.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

// No bundled rule uses required-call: these are its behaviour tests, through a rule object (the
// rule file a user would write: `check: required-call` with `callees` and `message`).
const message = 'a task file must open its own session';
const options = { callees: ['openSession', 'db.transaction'], message };

expectMessages(requiredCall, {
  missingCall: [{ message }, message],
});

testRule(requiredCall, {
  valid: [
    { name: 'calls the first callee', options, files: { 'src/tasks/a.ts': 'export async function run() {\n  const s = await openSession();\n}\n' } },
    { name: 'any one of the callees suffices (a member chain)', options, files: { 'src/tasks/a.ts': 'await db.transaction(async (trx) => {});\n' } },
    {
      name: 'resolved through an import alias',
      options,
      files: { 'src/tasks/a.ts': 'import { openSession as open } from "@app/db";\nawait open();\n' },
    },
  ],
  invalid: [
    {
      name: 'no listed call: one finding at the top of the file',
      options,
      files: { 'src/tasks/a.ts': 'export async function run() {\n  await work();\n}\n' },
      errors: [{ line: 1, column: 1, messageId: 'missingCall', data: { message } }],
    },
    {
      name: 'a callee named only in a comment or a string is not a call',
      options,
      files: { 'src/tasks/a.ts': '// openSession()\nconst name = "openSession()";\n' },
      errors: [{ line: 1, column: 1, messageId: 'missingCall', data: { message } }],
    },
    {
      name: 'every file the rule applies to is judged on its own',
      options,
      files: { 'src/tasks/a.ts': 'await openSession();\n', 'src/tasks/b.ts': 'await work();\n' },
      errors: [{ file: 'src/tasks/b.ts', line: 1, messageId: 'missingCall', message: 'a task file must open its own session' }],
    },
  ],
});
