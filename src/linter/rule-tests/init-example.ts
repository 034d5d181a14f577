/**
 * What `bg-lint init` writes besides `.bg-lint.yaml`: one team rule, in YAML alone, and its test,
 * so a team starts from a rule that runs and a test that holds (`bg-lint test`).
 */
export const EXAMPLE_RULE_FILE = 'lint/background-rules.yaml';
export const EXAMPLE_TEST_FILE = 'lint/rule-tests/ACME-001.yaml';

export const EXAMPLE_RULE = `# yaml-language-server: $schema=../node_modules/bg-lint/schema/rules.schema.json
# Your team's own rules, loaded by .bg-lint.yaml's "extends". Tested by lint/rule-tests/ (bg-lint test).
rules:
  - id: ACME-001
    name: no synchronous shell in route handlers
    description: |
      A request handler that runs a shell command synchronously blocks every other request
      until the command ends. Long work belongs in a background job.
    severity: error
    files: ["src/routes/**", "src/api/**"]
    check: forbidden-call
    options:
      callees: [execSync, child_process.execSync]
      message: "{callee} blocks the event loop"
    suggestion: Enqueue a job and return its id; run the command in the job's task.
    examples:
      fail:
        - filename: src/routes/export.ts
          code: |
            import { execSync } from 'child_process';
            export const start = () => execSync('tar czf out.tgz data');
          lines: [2]
      pass:
        - filename: src/routes/export.ts
          code: |
            import { enqueue } from '../jobs/queue';
            export const start = () => enqueue('export');
`;

export const EXAMPLE_RULE_TEST = `# yaml-language-server: $schema=../../node_modules/bg-lint/schema/rule-tests.schema.json
# Test cases for ACME-001: bg-lint test runs every rule-tests/*.yaml (exit 1 with a diff when a case fails).
id: ACME-001
# The path each snippet is linted as (the rule looks at src/routes/** only).
filename: src/routes/export.ts
valid:
  - code: |
      import { enqueue } from '../jobs/queue';
      export const start = () => enqueue('export');
invalid:
  - code: |
      import { execSync as sh } from 'child_process';
      export const start = () => sh('tar czf out.tgz data');
    errors:
      - line: 2
        message: execSync blocks the event loop
`;
