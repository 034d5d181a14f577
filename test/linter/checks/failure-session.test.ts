import failureSession from '../../../src/linter/checks/failure-session.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(failureSession, {
  failedSession: [{ session: 'trx', word: 'transaction' }, 'failure update goes through "trx", the transaction the failed try used: it is rolled back with it'],
});

// Through a rule object (BG-034 is the bundled rule's spec).
const task = (s: string) =>
  `export async function runSync(id) {\n  const ${s} = await knex.transaction();\n  try {\n    await ${s}("sync_runs").where({ id }).update({ status: "running" });\n    await ${s}.commit();\n` +
  `  } catch (err) {\n    await ${s}("sync_runs").where({ id }).update({ status: "failed", error_message: String(err) });\n  }\n}\n`;

testRule(failureSession, {
  valid: [
    {
      name: 'a global client commits each statement on its own',
      files: { 'src/tasks/sync.ts': task('trx').replace('  const trx = await knex.transaction();\n', '').replaceAll('trx', 'db') },
    },
  ],
  invalid: [
    {
      name: 'the failure update through the transaction of the try body',
      files: { 'src/tasks/sync.ts': task('trx') },
      errors: [{ line: 7, column: 11, messageId: 'failedSession', data: { session: 'trx', word: 'transaction' } }],
    },
  ],
});
