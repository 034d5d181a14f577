import { SOURCE_EXTENSIONS } from '../facts/project/parse-file.js';
import { ENGINE_RULE_IDS, type Diagnostic } from '../../shared/diagnostic.js';
import { bundledRuleCatalog, ruleDocsUrl } from '../service/lint-service.js';
import { TOOL_VERSION } from '../version.js';
import { findingsFor } from './project-runs.js';

/**
 * `bg-lint/eslint`: bg-lint's bundled rules as an ESLint (9 and 10) flat-config plugin. Every rule
 * reads the findings of bg-lint's own engine for the file, so ESLint reports what `bg-lint` does;
 * ESLint decides which rules are on and how severe they are, the project's .bg-lint.yaml still
 * sets the rules' options and subjects. The plugin needs no AST of ESLint's: any parser that reads
 * the file (espree, typescript-eslint) will do.
 */

/** The minimal ESLint types used here, so the plugin does not depend on ESLint's packages at run time. */
interface RuleContext {
  filename: string;
  cwd: string;
  sourceCode: { text: string };
  report(descriptor: {
    loc: { start: { line: number; column: number }; end: { line: number; column: number } };
    message: string;
    fix?: (fixer: { replaceTextRange(range: [number, number], text: string): unknown }) => unknown;
  }): void;
}

interface EslintRule {
  meta: { type: 'problem'; docs: { description: string; url?: string; recommended: boolean }; fixable?: 'code'; schema: [] };
  create(context: RuleContext): Record<string, never>;
}

/** Checks whose findings can carry a safe fix (ESLint refuses a fix from a rule not marked fixable). */
const FIXABLE_CHECKS = new Set(['status-values']);

function report(context: RuleContext, d: Diagnostic): void {
  const fix = d.fix;
  context.report({
    // ESLint's report columns are 0-based, bg-lint's 1-based.
    loc: { start: { line: d.span.start.line, column: d.span.start.column - 1 }, end: { line: d.span.end.line, column: d.span.end.column - 1 } },
    message: d.message,
    ...(fix ? { fix: (fixer) => fix.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)) } : {}),
  });
}

function eslintRule(id: string, description: string, url: string | undefined, fixable: boolean): EslintRule {
  return {
    meta: { type: 'problem', docs: { description, ...(url ? { url } : {}), recommended: true }, ...(fixable ? { fixable: 'code' as const } : {}), schema: [] },
    create(context) {
      for (const d of findingsFor(context.filename, context.sourceCode.text, context.cwd)) {
        if (d.ruleId === id) report(context, d);
      }
      return {};
    },
  };
}

const bundled = bundledRuleCatalog();

const rules: Record<string, EslintRule> = {};
for (const r of bundled) rules[r.id] = eslintRule(r.id, r.name, ruleDocsUrl(r), FIXABLE_CHECKS.has(r.check.meta.name));
rules[ENGINE_RULE_IDS.unusedSuppression] = eslintRule(ENGINE_RULE_IDS.unusedSuppression, 'a bg-lint-disable comment that suppresses nothing', undefined, false);

const ESLINT_LEVEL = { error: 'error', warning: 'warn', info: 'warn' } as const;

const plugin = {
  meta: { name: 'bg-lint', version: TOOL_VERSION },
  rules,
  configs: {} as Record<string, unknown>,
};

plugin.configs.recommended = {
  name: 'bg-lint/recommended',
  files: SOURCE_EXTENSIONS.map((e) => `**/*${e}`),
  plugins: { 'bg-lint': plugin },
  rules: Object.fromEntries([
    ...bundled.filter((r) => r.level !== 'off').map((r) => [`bg-lint/${r.id}`, ESLINT_LEVEL[r.level as keyof typeof ESLINT_LEVEL]] as const),
    [`bg-lint/${ENGINE_RULE_IDS.unusedSuppression}`, 'warn'],
  ]),
};

export default plugin;
