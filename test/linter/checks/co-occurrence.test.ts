import coOccurrence from '../../../src/linter/checks/co-occurrence.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

// No bundled rule uses co-occurrence: these are its behaviour tests, through a rule object (the
// rule file a user would write: `check: co-occurrence` with `when`, `require`, `message`).
const message = 'a file that enqueues jobs must poll their status';
const options = { when: { calls: ['queue.add'] }, require: { calls: ['pollStatus'] }, message };

expectMessages(coOccurrence, {
  missingCounterpart: [{ message }, message],
});

testRule(coOccurrence, {
  valid: [
    { name: 'has both', options, files: { 'src/a.ts': 'queue.add("import");\npollStatus("import");\n' } },
    { name: 'has neither: the rule does not apply', options, files: { 'src/a.ts': 'export const x = 1;\n' } },
    { name: 'has only the counterpart', options, files: { 'src/a.ts': 'pollStatus("import");\n' } },
    {
      name: 'a regex condition: the code (not a comment) matches the requirement',
      options: { when: { matches: 'setInterval\\(' }, require: { matches: 'clearInterval\\(' }, message: 'an interval must be cleared' },
      files: { 'src/poll.ts': 'const t = setInterval(tick, 3000);\nclearInterval(t);\n' },
    },
  ],
  invalid: [
    {
      name: 'the trigger without the counterpart: reported at the first matching call',
      options,
      files: { 'src/a.ts': 'import { queue } from "./queue";\n\nexport async function start() {\n  await queue.add("import");\n  await queue.add("export");\n}\n' },
      errors: [{ line: 4, column: 9, messageId: 'missingCounterpart', data: { message } }],
    },
    {
      name: 'a counterpart named only in a comment does not count (regex over code only)',
      options: { when: { matches: 'setInterval\\(' }, require: { matches: 'clearInterval\\(' }, message: 'an interval must be cleared' },
      files: { 'src/poll.ts': '// clearInterval(t) later\nconst t = setInterval(tick, 3000);\n' },
      errors: [{ line: 2, column: 11, messageId: 'missingCounterpart', message: 'an interval must be cleared' }],
    },
    {
      name: 'without a message option: the check\'s default text',
      options: { when: { calls: ['queue.add'] }, require: { calls: ['pollStatus'] } },
      files: { 'src/a.ts': 'queue.add("x");\n' },
      errors: [{ line: 1, messageId: 'missingCounterpart', message: 'this file needs a matching counterpart' }],
    },
  ],
});
