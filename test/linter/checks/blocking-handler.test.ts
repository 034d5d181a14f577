import blockingHandler from '../../../src/linter/checks/blocking-handler.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(blockingHandler, {
  blockingCall: [{ call: 'sh() (child_process.execSync)', route: 'POST /api/builds' }, 'sh() (child_process.execSync) blocks the event loop in the handler of POST /api/builds'],
  longRunning: [
    [{ how: 'await', callee: 'importCsv', route: 'POST /api/builds' }, 'awaiting importCsv() runs long-running work instead of dispatching it in the handler of POST /api/builds'],
    [{ how: 'return', callee: 'execute_import', route: 'POST /api/run' }, 'returning execute_import() runs long-running work instead of dispatching it in the handler of POST /api/run'],
  ],
  sleep: [
    [{ awaited: 'sleep(2000)', route: 'POST /api/x' }, 'await sleep(2000) holds the request open in the handler of POST /api/x'],
    [{ awaited: 'delay(1000)', route: 'POST /api/imports', via: 'waitForIt' }, 'await delay(1000) holds the request open in "waitForIt", called by the handler of POST /api/imports'],
  ],
  waitCall: [{ call: 'job.waitUntilFinished()', route: 'POST /api/imports' }, 'job.waitUntilFinished() waits for a queued job\'s result in the handler of POST /api/imports'],
});

// blockingCalls / longRunningPrefixes through a rule object (BG-021 is the bundled rule's spec).
testRule(blockingHandler, {
  valid: [
    { name: 'a call not in a custom blockingCalls list', options: { blockingCalls: ['crunch'] }, files: { 'src/routes.ts': "app.get('/api/status', (req, res) => {\n  execSync('ls');\n  res.json({});\n});\n" } },
  ],
  invalid: [
    {
      name: 'a custom blocking call, in a same-file function the handler calls',
      options: { blockingCalls: ['crunch'] },
      files: { 'src/routes.ts': "function work() {\n  crunch();\n}\napp.get('/api/status', (req, res) => {\n  work();\n  res.json({});\n});\n" },
      errors: [{ line: 2, column: 3, messageId: 'blockingCall', data: { call: 'crunch()', route: 'GET /api/status', via: 'work' } }],
    },
  ],
});
