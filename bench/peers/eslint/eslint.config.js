// ESLint peer for `npm run bench`: typescript-eslint's parser (no type information) and
// `no-restricted-syntax` selectors for the syntactic subset of bg-lint's rules. Run with
//   eslint --no-config-lookup -c bench/peers/eslint/eslint.config.js <dir>
// (bench/run.ts does, from inside the generated project).
import tsParser from '@typescript-eslint/parser';

const shortOrLongInterval = [
  "CallExpression[callee.name='setInterval'][arguments.1.type='Literal'][arguments.1.value<3000]",
  "CallExpression[callee.name='setInterval'][arguments.1.type='Literal'][arguments.1.value>5000]",
];

export default [
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    ignores: ['**/*.d.ts'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-syntax': [
        'error',
        ...shortOrLongInterval.map((selector) => ({ selector, message: 'setInterval interval outside 3000–5000 ms (BG-041)' })),
        { selector: "CallExpression[callee.name='execSync']", message: 'blocking execSync call (BG-021)' },
        { selector: "CallExpression[callee.property.name='execSync']", message: 'blocking execSync call (BG-021)' },
        {
          selector: "AssignmentExpression[left.property.name='status'][right.value=/^(processing|fetching|passed|error)$/]",
          message: 'legacy status value (BG-010)',
        },
      ],
    },
  },
];
