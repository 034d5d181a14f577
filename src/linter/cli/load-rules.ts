import { resolve } from 'node:path';
import { builtinChecks } from '../checks/registry.js';
import type { CompiledRule } from '../config/rule.js';
import { resolveConfiguration } from '../config/resolve.js';
import type { CliIO } from './io.js';
import type { LintCommandOptions } from './lint-command.js';

/** The rules a lint run with these options would load (for `rules` and `explain`). */
export function loadRulesFor(options: Pick<LintCommandOptions, 'config' | 'rules' | 'bundled' | 'rule'>, io: CliIO): CompiledRule<unknown>[] {
  return resolveConfiguration({
    cwd: io.cwd,
    ...(options.config !== undefined ? { configPath: resolve(io.cwd, options.config) } : {}),
    ruleDirs: options.rules.map((r) => resolve(io.cwd, r)),
    bundled: options.bundled,
    ruleOverrides: options.rule,
    checks: builtinChecks,
  }).rules;
}
