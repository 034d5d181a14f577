import jobModelStatus from '../../../src/linter/checks/job-model-status.js';
import { expectMessages, testRule } from '../../helpers/rule-tester.js';

expectMessages(jobModelStatus, {
  missingStatus: [
    [{ model: 'ImportJob', field: 'status' }, 'job model "ImportJob" has no "status" field'],
    [{ model: 'ExportRun', field: 'status', synonym: 'state' }, 'job model "ExportRun" has no "status" field; it has "state": rename it to "status", or set subjects.jobModel.statusField in .bg-lint.yaml'],
  ],
  unindexedStatus: [{ model: 'SyncRun', field: 'status' }, '"status" of job model "SyncRun" is not indexed: status is what jobs are queried by'],
  optionalStatus: [{ model: 'ImportJobEntity', field: 'status' }, '"status" of job model "ImportJobEntity" is optional or nullable: every job has a status'],
});

// The check's options through a rule object (BG-001 is the bundled rule's spec).
const entity = (status: string) => `import { Entity, Column } from 'typeorm';\n@Entity()\nexport class ImportJob {\n  ${status}\n}\n`;

testRule(jobModelStatus, {
  valid: [
    { name: 'requireIndex: false accepts an unindexed ORM status', options: { requireIndex: false }, files: { 'src/models/a.ts': entity("@Column() status!: 'pending';") } },
    { name: 'requireNonNull: false accepts an optional status', options: { requireNonNull: false, requireIndex: false }, files: { 'src/models/a.ts': entity("@Column() status?: 'pending';") } },
  ],
  invalid: [
    {
      name: 'defaults: an unindexed ORM status, at the field',
      files: { 'src/models/a.ts': entity("@Column() status!: 'pending';") },
      errors: [{ line: 4, column: 3, messageId: 'unindexedStatus', data: { model: 'ImportJob', field: 'status' } }],
    },
    {
      name: 'synonyms: a legacy name is named in the finding',
      options: { synonyms: ['phase'] },
      files: { 'src/models/a.ts': 'export interface ImportJob {\n  id: string;\n  phase: string;\n  started_at: Date;\n}\n' },
      errors: [{ line: 1, messageId: 'missingStatus', data: { model: 'ImportJob', field: 'status', synonym: 'phase' } }],
    },
  ],
});
