import pollingInterval from '../../../src/linter/checks/polling-interval.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(pollingInterval, {
  tooFrequent: [{ what: 'polling', value: 1000, minMs: 3000, maxMs: 5000 }, 'polling every 1000 ms is too frequent: use 3000–5000 ms'],
  tooSlow: [{ what: 'polling', value: 10000, minMs: 3000, maxMs: 5000 }, 'polling every 10000 ms may feel unresponsive: use 3000–5000 ms'],
});

// minMs / maxMs through a rule object (BG-041 is the bundled rule's spec, 3000–5000 ms).
testRule(pollingInterval, {
  valid: [
    { name: 'inside a custom range', options: { minMs: 500, maxMs: 1000 }, files: { 'static/js/page.js': 'setInterval(() => pollStatus(), 800);\n' } },
  ],
  invalid: [
    {
      name: 'below and above a custom range',
      options: { minMs: 500, maxMs: 1000 },
      files: { 'static/js/page.js': 'setInterval(() => pollStatus(), 400);\nsetInterval(() => pollStatus(), 4000);\n' },
      errors: [
        { line: 1, messageId: 'tooFrequent', data: { what: 'polling', value: 400, minMs: 500, maxMs: 1000 } },
        { line: 2, messageId: 'tooSlow', data: { what: 'polling', value: 4000, minMs: 500, maxMs: 1000 } },
      ],
    },
  ],
});
