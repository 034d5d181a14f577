import pageStatusOnReturn from '../../../src/linter/checks/page-status-on-return.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(pageStatusOnReturn, {
  noStatusOnLoad: [{ trigger: 'POST /api/imports' }, 'this page starts a job (POST /api/imports) but never checks for an active job when it loads'],
});

// loadMethods through a rule object (BG-040 is the bundled rule's spec).
const page = (load: string) =>
  `Alpine.data('imports', () => ({\n  ${load}() { this.checkActiveTask(); },\n  async checkActiveTask() {},\n  async start() { await fetch('/api/imports', { method: 'POST' }); },\n}));\n`;

testRule(pageStatusOnReturn, {
  valid: [{ name: 'a configured load method checks for the active job', options: { loadMethods: ['setup'] }, files: { 'static/js/imports.js': page('setup') } }],
  invalid: [
    {
      name: 'a method not in loadMethods does not run on load',
      options: { loadMethods: ['setup'] },
      files: { 'static/js/imports.js': page('init') },
      errors: [{ line: 4, messageId: 'noStatusOnLoad', data: { trigger: 'POST /api/imports' } }],
    },
  ],
});
