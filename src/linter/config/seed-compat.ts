import type { ConfigProblem } from './problems.js';
import { isPlainObject } from './deep-merge.js';
import type { YamlPath } from './yaml-source.js';

/**
 * The seed rule file (003) wrote rules as text patterns. `patterns` / `anti_patterns` on a rule
 * are the `text` check's options; a few seed keys asked for things text matching cannot do
 * reliably (what an endpoint returns, whether a model is registered). Those are refused with a
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

/**
 * Problems for unsupported seed keys in `patterns` entries, and the entries without them (so
 * the options schema does not report the same keys again as merely "unknown").
 */
export function stripUnsupportedSeedKeys(
  patterns: unknown,
  problemAt: (path: YamlPath, message: string, target: 'key') => ConfigProblem,
  display: (path: YamlPath) => string,
  knownChecks: ReadonlySet<string>,
): { patterns: unknown; problems: ConfigProblem[] } {
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
      const use = knownChecks.has(r.check) ? `a rule with \`check: ${r.check}\` (as the bundled ${r.rule} does)` : `the bundled rule ${r.rule} (\`bg-lint explain ${r.rule}\`)`;
      problems.push(
        problemAt(
          ['patterns', i, key],
          `${display(['patterns', i])}: "${key}" is not supported by the text check: ${r.what} is checked on the syntax tree, not as text; use ${use} instead`,
          'key',
        ),
      );
    }
    return kept;
  });
  return { patterns: cleaned, problems };
}
