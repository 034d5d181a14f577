import type { RuleLevel } from '../../shared/diagnostic.js';
import { LEVELS } from './config-schema.js';
import { COMMAND_LINE } from './problems.js';
import type { ConfigProblem } from './problems.js';
import { RULE_ID_PATTERN } from './rule-schema.js';

/** `--rule BG-041=off` parsed; problems are reported against `<command line>`. */
export function parseRuleOverride(arg: string, index: number): { id: string; level: RuleLevel } | { problem: ConfigProblem } {
  const at = (message: string): { problem: ConfigProblem } => ({
    // Column = which --rule value (1-based), so several bad values stay distinguishable.
    problem: { file: COMMAND_LINE, line: 1, column: index + 1, message: `--rule ${JSON.stringify(arg)}: ${message}` },
  });
  const eq = arg.indexOf('=');
  if (eq < 0) return at(`expected <rule id>=<level>, e.g. BG-041=off (level: ${LEVELS.join(', ')})`);
  const id = arg.slice(0, eq).trim();
  const level = arg.slice(eq + 1).trim();
  if (!new RegExp(RULE_ID_PATTERN).test(id)) return at(`"${id}" is not a rule id (expected e.g. BG-041)`);
  if (!(LEVELS as readonly string[]).includes(level)) return at(`level must be one of ${LEVELS.join(', ')} (got "${level}")`);
  return { id, level: level as RuleLevel };
}
