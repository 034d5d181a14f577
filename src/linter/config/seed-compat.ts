import type { ConfigProblem } from './problems.js';
import { isPlainObject } from './deep-merge.js';
import { SEED_KEYS } from './rule-schema.js';
import type { YamlPath } from './yaml-source.js';

/**
 * Seed-style rule files wrote rules as text patterns (test/linter/config/data/seed-003.yaml).
 * `patterns` / `anti_patterns` on a rule are the `text` check's options; a few seed keys asked for
 * things text matching cannot do reliably (what an endpoint returns, whether a model is registered). Those are refused with a
 * pointer to the bundled rule that checks the same intent on the syntax tree.
 */
export const SEED_CHECK = 'text';

interface Replacement {
  rule: string;
  /** The built-in check's likely name, mentioned when the registry has it. */
  check: string;
  what: string;
}

const UNSUPPORTED: Record<string, Replacement> = {
  endpoint_pattern: { rule: 'BG-020', check: 'trigger-response', what: 'what a task-trigger endpoint returns' },
  must_return: { rule: 'BG-020', check: 'trigger-response', what: 'what a task-trigger endpoint returns' },
  must_reference: { rule: 'BG-022', check: 'task-registry', what: 'whether job models are registered for monitoring' },
};

/** Where the rule being rewritten is written, by paths as the file writes them (relative to the rule). */
export interface SourcePlaces {
  /** `rule BG-021`. */
  label: string;
  problemAt(path: YamlPath, message: string, target?: 'value' | 'key'): ConfigProblem;
  /** `background_task_rules[5].patterns[0]`. */
  display(path: YamlPath): string;
}

/** A rule in the native form, with the way back to where its parts are written. */
export type NativeRule =
  | {
      rule: Record<string, any>;
      /** Where a path of the native rule is written in the file: the seed keys sat on the rule. */
      sourcePath(path: YamlPath): YamlPath;
      problems: ConfigProblem[];
    }
  | { refused: ConfigProblem[] };

const asWritten = (path: YamlPath): YamlPath => path;

/**
 * The rewrite step before a rule is read (as ast-grep's rule_config.rs reads one form): a rule
 * with seed keys (`patterns`, `anti_patterns`, `match_strings`) and no `check` becomes `check:
 * text` with those keys under `options:` (over any `options:` it has), and unsupported seed keys are
 * refused at their place. Any other rule is returned as it is. Positions are kept: `sourcePath`
 * maps `options.patterns[0]` back to the `patterns[0]` the file wrote.
 */
export function toNativeRule(rule: Record<string, any>, at: SourcePlaces, checks: ReadonlyMap<string, unknown>): NativeRule {
  const seedKeys: string[] = SEED_KEYS.filter((k) => rule[k] !== undefined);
  if (seedKeys.length === 0) return { rule, sourcePath: asWritten, problems: [] };
  const first = seedKeys[0]!;
  if (typeof rule.check === 'string') {
    return { refused: [at.problemAt([first], `"${first}" in ${at.label} is the text check's shorthand; with "check: ${rule.check}" put parameters under "options"`, 'key')] };
  }
  if (!checks.has(SEED_CHECK)) {
    return { refused: [at.problemAt([first], `${at.label} uses seed-style "${first}", which needs the "${SEED_CHECK}" check, not in this build`, 'key')] };
  }
  const options: Record<string, unknown> = isPlainObject(rule.options) ? { ...rule.options } : {};
  const native: Record<string, any> = { ...rule, check: SEED_CHECK, options };
  for (const k of seedKeys) {
    options[k] = rule[k];
    delete native[k];
  }
  const problems: ConfigProblem[] = [];
  if (seedKeys.includes('patterns')) {
    const stripped = stripUnsupportedSeedKeys(options.patterns, at, checks);
    options.patterns = stripped.patterns;
    problems.push(...stripped.problems);
  }
  const sourcePath = (p: YamlPath): YamlPath => (p[0] === 'options' && typeof p[1] === 'string' && seedKeys.includes(p[1]) ? p.slice(1) : p);
  return { rule: native, sourcePath, problems };
}

/**
 * Problems for unsupported seed keys in `patterns` entries, and the entries without them (so
 * the options schema does not report the same keys again as merely "unknown").
 */
function stripUnsupportedSeedKeys(patterns: unknown, at: SourcePlaces, checks: ReadonlyMap<string, unknown>): { patterns: unknown; problems: ConfigProblem[] } {
  if (!Array.isArray(patterns)) return { patterns, problems: [] };
  const problems: ConfigProblem[] = [];
  const cleaned = patterns.map((entry: unknown, i) => {
    if (!isPlainObject(entry)) return entry;
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry)) {
      const r = Object.hasOwn(UNSUPPORTED, key) ? UNSUPPORTED[key] : undefined;
      if (!r) {
        Object.defineProperty(kept, key, { value, enumerable: true, writable: true, configurable: true });
        continue;
      }
      const use = checks.has(r.check) ? `a rule with \`check: ${r.check}\` (as the bundled ${r.rule} does)` : `the bundled rule ${r.rule} (\`bg-lint explain ${r.rule}\`)`;
      problems.push(
        at.problemAt(
          ['patterns', i, key],
          `${at.display(['patterns', i])}: "${key}" is not supported by the text check: ${r.what} is checked on the syntax tree, not as text; use ${use} instead`,
          'key',
        ),
      );
    }
    return kept;
  });
  return { patterns: cleaned, problems };
}
