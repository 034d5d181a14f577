import type { JsonSchema } from '../checks/check.js';
import { subjectsSchema } from './subjects-schema.js';

/** The schema of `.bg-lint.yaml`. Descriptions are for editors (yaml-language-server). */

export const LEVELS = ['off', 'info', 'warning', 'error'] as const;
/** The bundled rule pack's name in `extends`. */
export const RECOMMENDED = 'bg-lint:recommended';

export const configSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    extends: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: `Rule packs to load, in order: \`${RECOMMENDED}\` (the bundled pack; the default when \`extends\` is absent) or paths to rule files or folders, relative to this file.`,
    },
    rules: {
      type: 'object',
      description: 'Per-rule overrides by id: a level (`off`, `info`, `warning`, `error`) or `{severity, options}`.',
      additionalProperties: {
        type: ['string', 'object'],
        if: { type: 'string' },
        then: { enum: [...LEVELS] },
        additionalProperties: false,
        properties: {
          severity: { enum: [...LEVELS], description: 'The level to run the rule at; `off` disables it.' },
          options: { type: 'object', description: "Merged over the rule's options (lists replace)." },
        },
      },
    },
    subjects: {
      ...subjectsSchema,
      description: 'The vocabulary the rules talk about (job models, tasks, routes, pages); each list given here replaces the default list.',
    },
    ignore: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Globs of files never linted, added to the defaults (node_modules, dist, build, out, coverage, .next).',
    },
    tsconfig: {
      type: 'string',
      minLength: 1,
      description: 'tsconfig.json used for type-aware rules, relative to this file (default: tsconfig.json next to it, if any).',
    },
  },
};
