import taskSession from '../../../src/linter/checks/task-session.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(taskSession, {
  capturedSession: [{ session: 'req.db' }, 'deferred work captures the request\'s session "req.db": it is closed or reused when the response is sent'],
  sessionParameter: [
    [{ task: 'processImport', name: 'em' }, 'task "processImport" takes the session "em" as a parameter: a task opens its own, the caller\'s is closed or rolled back without it'],
    [{ task: 'processExport', name: 'db', type: 'EntityManager' }, 'task "processExport" takes the session "db" (EntityManager) as a parameter: a task opens its own, the caller\'s is closed or rolled back without it'],
  ],
  requestParameter: [{ task: 'processExport', name: 'req' }, 'task "processExport" takes the request "req" as a parameter: its session ends with the response'],
  notReleased: [{ task: 'processImport', name: 'qr', call: 'dataSource.createQueryRunner()' }, 'task "processImport" does not release "qr" (from dataSource.createQueryRunner()) in finally: it leaks a connection when the task fails'],
  notOwnSession: [
    [{ task: 'run', session: 'this.em', why: 'classMember' }, 'task "run" works through "this.em", a session held by the class, not opened by the task: open its own session inside the task'],
    [{ task: 'processExport', session: 'session', why: 'sharedDeclaration' }, 'task "processExport" works through "session", a shared session declared outside the task: open its own session inside the task'],
  ],
});

// sessionNames through a rule object (BG-033 is the bundled rule's spec).
testRule(taskSession, {
  valid: [{ name: 'a parameter named outside the vocabulary', options: { sessionNames: ['conn'], sessionTypes: [] }, files: { 'src/tasks/a.ts': 'export async function processImport(em) {\n  await work();\n}\n' } }],
  invalid: [
    {
      name: 'a parameter named by a configured session name',
      options: { sessionNames: ['conn'], sessionTypes: [] },
      files: { 'src/tasks/a.ts': 'export async function processImport(conn) {\n  await work();\n}\n' },
      errors: [{ line: 1, column: 37, messageId: 'sessionParameter', data: { task: 'processImport', name: 'conn' } }],
    },
  ],
});
