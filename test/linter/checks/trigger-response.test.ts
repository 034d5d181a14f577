import triggerResponse from '../../../src/linter/checks/trigger-response.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(triggerResponse, {
  missingJobId: [
    [{ route: 'POST /api/imports', returns: '{ id, status }', keys: ['job_id'] }, 'POST /api/imports returns { id, status } without "job_id"'],
    [{ route: 'POST /api/imports/:id/run', returns: '{ id }', keys: ['job_id', 'run_id'] }, 'POST /api/imports/:id/run returns { id } without "job_id" or "run_id"'],
  ],
});

// reportEmptyNestResponse through a rule object (BG-020 is the bundled rule's spec).
const controller = "import { Controller, Post } from '@nestjs/common';\n@Controller('imports')\nexport class ImportsController {\n  @Post('run')\n  async run() {\n    await this.queue.add('import');\n  }\n}\n";

testRule(triggerResponse, {
  valid: [{ name: 'reportEmptyNestResponse: false accepts a method that returns nothing', options: { reportEmptyNestResponse: false }, files: { 'src/imports.controller.ts': controller } }],
  invalid: [
    {
      name: 'by default a NestJS trigger that returns nothing is reported',
      files: { 'src/imports.controller.ts': controller },
      errors: [{ line: 4, messageId: 'missingJobId', data: { route: 'POST /imports/run', returns: 'no body', keys: ['job_id', 'run_id'] } }],
    },
  ],
});
