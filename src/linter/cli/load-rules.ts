import { resolve } from 'node:path';
import type { CompiledRule } from '../config/rule.js';
import { checksForMetadata } from './check-metas.js';
import { resolveConfiguration } from '../config/resolve.js';
import type { CliIO } from './io.js';
import type { LintCommandOptions } from './lint-command.js';

/** The rules a lint run with these options would load (for `rules`, `explain` and `merge`), compiled from the checks' metadata only. */
export async function loadRulesFor(options: Pick<LintCommandOptions, 'config' | 'rules' | 'bundled' | 'rule'>, io: CliIO): Promise<CompiledRule<unknown>[]> {
  const checks = await checksForMetadata();
  return resolveConfiguration({
    cwd: io.cwd,
    ...(options.config !== undefined ? { configPath: resolve(io.cwd, options.config) } : {}),
    ruleDirs: options.rules.map((r) => resolve(io.cwd, r)),
    bundled: options.bundled,
    ruleOverrides: options.rule,
    checks,
  }).rules;
}
