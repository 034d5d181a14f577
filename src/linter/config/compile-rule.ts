import type { RuleLevel } from '../../shared/diagnostic.js';
import { matchesAnyGlob } from '../facts/project/wildcard.js';
import type { CompiledRule } from './rule.js';
import { deepMerge } from './deep-merge.js';
import type { ConfigProblem } from './problems.js';
import { vetRegex } from './regex-safety.js';
import { findRegexes } from './regex-options.js';
import type { RawRule } from './rule-file.js';
import { validateValue } from './schema-validation.js';
import type { ValidationTarget } from './schema-validation.js';

/** A config file's `rules.<id>` entry, with where its options are written. */
export interface RuleOverride {
  level?: RuleLevel;
  options?: Record<string, unknown>;
  /** Places paths inside the override's `options` in the config file. */
  optionsTarget?: ValidationTarget;
  /** Tells whether the override wrote a given options path (else it came from the rule file). */
  hasOption?: (path: readonly (string | number)[]) => boolean;
}

/**
 * Compiles a raw rule once: options = check defaults < rule options < config override (lists
 * replace), validated against the check's schema with errors placed in whichever file wrote the
 * offending value; user regexes vetted; globs compiled.
 */
export function compileRule(raw: RawRule, override: RuleOverride = {}): { rule?: CompiledRule; problems: ConfigProblem[] } {
  const { check } = raw;
  const options = deepMerge(deepMerge(check.meta.defaults, raw.options), override.options);
  const target = composite(raw.optionsTarget, override);
  const problems = validateValue(check.meta.optionsSchema, options, target);
  // Regexes are vetted even when other options are wrong: every problem in one run.
  for (const { path, pattern } of findRegexes(check.meta.optionsSchema, options)) {
    const verdict = vetRegex(pattern);
    if (!verdict.ok) problems.push(target.problemAt(path, `${target.display(path)}: ${verdict.message}`));
  }
  if (problems.length > 0) return { problems };
  const rule: CompiledRule = {
    id: raw.id,
    name: raw.name,
    description: raw.description,
    defaultSeverity: raw.severity,
    level: override.level ?? raw.severity,
    files: raw.files,
    ignore: raw.ignore,
    appliesTo: globFilter(raw.files, raw.ignore),
    check,
    options,
    ...(raw.suggestion !== undefined ? { suggestion: raw.suggestion } : {}),
    ...(raw.prefilter === false ? { prefilter: false } : {}),
    examples: raw.examples,
    ...(raw.docs !== undefined ? { docs: raw.docs } : {}),
    source: raw.source,
  };
  return { rule, problems: [] };
}

/** `files` empty → every file; `ignore` wins. Path globs of wildcard.ts: relative to the project root, dotfiles included. */
export function globFilter(files: readonly string[], ignore: readonly string[]): (relativePath: string) => boolean {
  return (relativePath) => (files.length === 0 || matchesAnyGlob(relativePath, files)) && !matchesAnyGlob(relativePath, ignore);
}

/** Errors go to the config file when the override wrote that value, else to the rule file. */
function composite(ruleTarget: ValidationTarget, override: RuleOverride): ValidationTarget {
  const { optionsTarget, hasOption } = override;
  if (!optionsTarget || !hasOption) return ruleTarget;
  const pick = (p: readonly (string | number)[]) => (hasOption(p) ? optionsTarget : ruleTarget);
  return {
    problemAt: (p, message, t) => pick(p).problemAt(p, message, t),
    display: (p) => pick(p).display(p),
    container: (p) => pick(p).container(p),
  };
}
