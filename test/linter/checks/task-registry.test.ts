import taskRegistry from '../../../src/linter/checks/task-registry.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(taskRegistry, {
  unregistered: [{ model: 'ImportJob', registryNames: ['TASK_MODELS'], registryCalls: ['registerTaskModel'] }, 'job model "ImportJob" is not referenced from a task registry (TASK_MODELS or registerTaskModel(...)): its jobs are not monitored'],
});

// registryNames / registryCalls through a rule object (BG-022 is the bundled rule's spec).
const model = "@Entity()\nexport class ImportJob { @Column() status!: 'pending' | 'running'; }\n";

testRule(taskRegistry, {
  valid: [
    {
      name: 'registered through a configured call',
      options: { registryNames: ['MONITORED'], registryCalls: ['monitor.add'] },
      files: { 'src/models/import-job.entity.ts': model, 'src/monitor.ts': "import { ImportJob } from './models/import-job.entity';\nmonitor.add(ImportJob);\n" },
    },
  ],
  invalid: [
    {
      name: 'the finding names the configured ways to register',
      options: { registryNames: ['MONITORED'], registryCalls: ['monitor.add'] },
      files: { 'src/models/import-job.entity.ts': model },
      errors: [{ line: 2, column: 14, messageId: 'unregistered', data: { model: 'ImportJob', registryNames: ['MONITORED'], registryCalls: ['monitor.add'] } }],
    },
  ],
});
