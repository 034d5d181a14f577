import { compileRule } from '../../../../src/linter/config/compile-rule.js';
import type { CompiledRule } from '../../../../src/linter/config/rule.js';
import { formatProblem, sortProblems } from '../../../../src/linter/config/problems.js';
import type { ConfigProblem } from '../../../../src/linter/config/problems.js';
import { loadRuleFileText } from '../../../../src/linter/config/rule-file.js';
import { testChecks } from './registry.js';

/** Loads and compiles rule file text; returns the rules and the problems as `file:line:col: message`. */
export function load(text: string, file = 'rules.yaml'): { rules: CompiledRule[]; errors: string[] } {
  const loaded = loadRuleFileText(text, file, testChecks);
  const problems: ConfigProblem[] = [...loaded.problems];
  const rules: CompiledRule[] = [];
  for (const raw of loaded.rules) {
    const c = compileRule(raw);
    problems.push(...c.problems);
    if (c.rule) rules.push(c.rule);
  }
  // Sorted as ConfigError sorts them: file order.
  return { rules, errors: sortProblems(problems).map(formatProblem) };
}

/** YAML text from lines, so tests can count lines and columns by eye. */
export const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;
