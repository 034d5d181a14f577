import observedPromises from '../../../src/linter/checks/observed-promises.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(observedPromises, {
  promiseUnobserved: [
    [{ what: 'sendEmails()', how: 'void' }, 'the promise of sendEmails() is discarded with void and has no error path: a rejection is unhandled'],
    [{ what: 'sendEmails()', how: 'unawaited' }, 'the promise of sendEmails() is not awaited and has no error path: a rejection is unhandled'],
  ],
  deferredUnobserved: [{ via: 'res.on' }, 'async work deferred with res.on has no error path: a rejection in it is unhandled'],
});

// observedCalls through a rule object (BG-035 is the bundled rule's spec).
const route = (call: string) => `export async function sendEmails(order) {\n  await mailer.send(order);\n}\napp.post('/orders', async (req, res) => {\n  ${call};\n  res.json({});\n});\n`;

testRule(observedPromises, {
  valid: [{ name: 'a configured observed call', options: { observedCalls: ['track'] }, files: { 'src/routes/orders.ts': route('track(sendEmails(req.body))') } }],
  invalid: [
    {
      name: 'an un-awaited async call',
      files: { 'src/routes/orders.ts': route('sendEmails(req.body)') },
      errors: [{ line: 5, column: 3, messageId: 'promiseUnobserved', data: { what: 'sendEmails()', how: 'unawaited' } }],
    },
  ],
});
