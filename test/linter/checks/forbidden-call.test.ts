import forbiddenCall from '../../../src/linter/checks/forbidden-call.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(forbiddenCall, {
  forbidden: [
    [{ template: 'call to {callee} is not allowed here', callee: 'execSync', written: 'cp.execSync' }, 'call to execSync is not allowed here'],
    [{ template: '{written} ({callee}) blocks', callee: 'child_process.execSync', written: 'run' }, 'run (child_process.execSync) blocks'],
  ],
});

// No bundled rule uses forbidden-call: its behaviour tests, through a rule object.
testRule(forbiddenCall, {
  valid: [
    { name: 'a call of another name', options: { callees: ['execSync'] }, files: { 'src/a.ts': 'exec("ls");\n' } },
    { name: 'named only in a comment or a string', options: { callees: ['execSync'] }, files: { 'src/a.ts': '// execSync("ls")\nconst s = "execSync()";\n' } },
  ],
  invalid: [
    {
      name: 'resolved through an import alias; {callee} and {written} filled in',
      options: { callees: ['child_process.execSync'], message: '{written} is {callee}' },
      files: { 'src/a.ts': 'import { execSync as run } from "child_process";\n\nrun("ls");\n' },
      errors: [{ line: 3, column: 1, messageId: 'forbidden', data: { template: '{written} is {callee}', callee: 'child_process.execSync', written: 'run' } }],
    },
    {
      name: 'constructor calls count too; the default message',
      options: { callees: ['Worker'] },
      files: { 'src/a.ts': 'const w = new Worker("./w.js");\n' },
      errors: [{ line: 1, column: 11, messageId: 'forbidden', message: 'call to Worker is not allowed here' }],
    },
  ],
});
