/** The configuration layer: rule files, `.bg-lint.yaml`, overrides, positioned errors. */
export { resolveConfiguration, DEFAULT_IGNORE } from './resolve.js';
export type { ResolveOptions, ResolvedConfiguration } from './resolve.js';
export { ConfigError, COMMAND_LINE, formatProblem } from './problems.js';
export type { ConfigProblem } from './problems.js';
export { loadRuleFileText } from './rule-file.js';
export { loadRuleFiles } from './rule-set.js';
export { compileRule, globFilter } from './compile-rule.js';
export { expandRuleSources } from './rule-sources.js';
export { findConfigFile, loadConfigFile, parseConfigText, CONFIG_NAMES } from './config-file.js';
export { parseRuleOverride } from './rule-overrides.js';
export { bundledRulesDir } from './bundled.js';
export { vetRegex, USER_REGEX_FLAGS } from './regex-safety.js';
export { REGEX_KEYWORD } from './schema-validation.js';
export { INIT_TEMPLATE } from './init-template.js';
export { generateSchemaFiles, buildRulesSchema } from './editor-schemas.js';
export { compileRuleFiles } from './validate-rules.js';
