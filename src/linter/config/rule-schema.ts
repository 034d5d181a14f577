import type { JsonSchema } from '../checks/check.js';

/**
 * The schema of one rule in a rule file (first validation pass). A rule's `options` are only
 * checked to be a mapping here; the second pass validates them against the named check's
 * `meta.optionsSchema`. Descriptions are written for editors (yaml-language-server hovers).
 */

export const RULE_ID_PATTERN = '^[A-Za-z][\\w.-]*$';
export const SEVERITIES = ['error', 'warning', 'info'] as const;
/** The seed-style text-check keys (README), accepted directly on a rule in place of `check` + `options`. */
export const SEED_KEYS = ['patterns', 'anti_patterns', 'match_strings'] as const;

const globList = (what: string): JsonSchema => ({
  type: 'array',
  description: what,
  items: { type: 'string', minLength: 1 },
});

const example = (fail: boolean): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['filename', 'code'],
  properties: {
    filename: {
      type: 'string',
      minLength: 1,
      description: 'Path the snippet is linted as (decides file globs and subjects), e.g. `src/models/import-job.entity.ts`.',
    },
    code: { type: 'string', description: 'The snippet.' },
    ...(fail
      ? {
          lines: {
            type: 'array',
            items: { type: 'integer', minimum: 1 },
            description: 'The 1-based lines the rule must report, in order (optional).',
          },
        }
      : {}),
  },
});

export const ruleSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'severity'],
  properties: {
    id: {
      type: 'string',
      pattern: RULE_ID_PATTERN,
      description: 'Unique rule id, e.g. `BG-001` or `acme.no-sleep`: a letter, then letters, digits, `_`, `.` or `-`.',
    },
    name: { type: 'string', minLength: 1, description: 'One line: what the rule requires.' },
    description: { type: 'string', description: 'Why the rule exists; shown by `bg-lint explain`.' },
    severity: {
      enum: [...SEVERITIES],
      description: 'Default severity: `error` fails the build, `warning` counts against --max-warnings, `info` only informs.',
    },
    files: globList('minimatch globs (relative to the project root) of the files the rule checks; empty or absent: every source file.'),
    ignore: globList('minimatch globs of files the rule skips even when `files` matches them.'),
    check: {
      type: 'string',
      minLength: 1,
      description: 'The built-in check that implements the rule (see `bg-lint rules`); `text` for text patterns.',
    },
    options: {
      type: 'object',
      description: "Parameters of the check, merged over the check's defaults (lists replace).",
    },
    patterns: {
      type: 'array',
      description: 'Seed-style text patterns (shorthand for `check: text` with these as `options.patterns`).',
    },
    anti_patterns: {
      type: 'array',
      description: 'Seed-style forbidden regexes (shorthand for `check: text` with these as `options.anti_patterns`).',
    },
    match_strings: {
      type: 'boolean',
      description: 'Seed-style: let the text patterns of this rule match inside string literals too (shorthand for `options.match_strings`).',
    },
    suggestion: { type: 'string', description: 'How to fix a finding; shown with every finding of the rule.' },
    prefilter: {
      type: 'boolean',
      description: 'false: no text prefilter for this rule (every file it applies to is parsed and checked); default true: its check says which words a file must contain to be checked.',
    },
    examples: {
      type: 'object',
      additionalProperties: false,
      description: 'Snippets for `bg-lint explain`, also run by the rule tests.',
      properties: {
        pass: { type: 'array', items: example(false), description: 'Snippets the rule accepts.' },
        fail: { type: 'array', items: example(true), description: 'Snippets the rule reports.' },
      },
    },
    docs: {
      type: 'string',
      minLength: 1,
      description: 'The rule’s documentation: a URL, or a path such as `docs/rules/BG-001.md` (bundled rules: relative to the package root).',
    },
  },
};
