import type { RuleLevel, Severity } from '../../shared/diagnostic.js';
import type { Check } from '../checks/check.js';

/** A snippet in a rule's `examples`: used by `bg-lint explain` and run by the rule tests. */
export interface RuleExample {
  /** Path the snippet is linted as (decides file globs and subjects), e.g. `src/models/import-job.entity.ts`. */
  filename: string;
  code: string;
  /** For failing examples: the 1-based lines the rule must report, in order (optional). */
  lines?: number[];
}

/** Where a rule came from, for errors and `bg-lint rules`. */
export interface RuleSource {
  file: string;
  line: number;
  column: number;
}

/**
 * A rule as the engine runs it: raw YAML compiled once (defaults applied, globs compiled,
 * options validated against the check's schema, regexes vetted).
 */
export interface CompiledRule<O = unknown> {
  id: string;
  name: string;
  description: string;
  /** The severity written in the rule file. */
  defaultSeverity: Severity;
  /** The level after config `rules:` and `--rule` overrides. `off` rules are not run. */
  level: RuleLevel;
  /** minimatch globs (relative to the project root) the rule looks at; empty means every source file. */
  files: string[];
  ignore: string[];
  /** Compiled from `files` and `ignore`: does the rule look at this project-relative path? */
  appliesTo(relativePath: string): boolean;
  check: Check<O>;
  /** The rule's `options` merged over the check's defaults. */
  options: O;
  suggestion?: string;
  /** false: the rule opts out of the text prefilter (engine/prefilter.ts). */
  prefilter?: boolean;
  examples: { pass: RuleExample[]; fail: RuleExample[] };
  docs?: string;
  source: RuleSource;
}
