import type { JsonSchema } from '../checks/check.js';

const filename = {
  type: 'string',
  minLength: 1,
  description: 'Project-relative path the snippet is linted as: it decides which rules and file-scoped subjects apply (e.g. src/tasks/import.task.ts).',
};
const code = { type: 'string', description: 'The source text of the snippet.' };

/**
 * A rule-test file, `rule-tests/<ID>.yaml`: snippets a rule must pass and snippets it must report,
 * with the lines (and optionally the messages) expected. Also shipped as schema/rule-tests.schema.json.
 */
export const ruleTestsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, description: 'The rule under test. Default: the file name without its extension.' },
    filename: { ...filename, description: `${filename.description} Default for every case of the file.` },
    valid: {
      type: 'array',
      description: 'Snippets the rule must not report.',
      items: { type: 'object', additionalProperties: false, required: ['code'], properties: { code, filename } },
    },
    invalid: {
      type: 'array',
      description: 'Snippets the rule must report, exactly at the lines given.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code'],
        properties: {
          code,
          filename,
          errors: {
            type: 'array',
            description: 'The findings expected, in line order. Absent: at least one finding (bg-lint test --update-snapshots writes them).',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['line'],
              properties: {
                line: { type: 'integer', minimum: 1, description: '1-based line of the finding.' },
                message: { type: 'string', description: 'The exact message. Absent: any message.' },
              },
            },
          },
        },
      },
    },
  },
};
