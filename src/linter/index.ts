/** The programmatic API of bg-lint: `lint(options) → results`, plus the types tools need. */
export { lint, exitCodeFor, type LintOptions, type LintResult } from './lint.js';
export { formatters, type FormatName } from './formatters/index.js';
export type { Diagnostic, Severity, Span, Fix, TextEdit } from '../shared/diagnostic.js';
export type { LintReport, FileReport, RuleInfo, Formatter } from './report.js';
export { ConfigError } from './config/problems.js';
export { InternalError } from './engine/lint-files.js';
export { builtinChecks } from './checks/registry.js';
export { defineCheck, type Check, type CheckContext, type CheckMeta } from './checks/check.js';
