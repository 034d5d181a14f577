import { basename, relative, resolve } from 'node:path';
import { builtinChecks } from '../checks/registry.js';
import { CONFIG_NAMES, findConfigFile } from '../config/config-file.js';
import { ConfigError, type ConfigProblem } from '../config/problems.js';
import { resolveConfiguration } from '../config/resolve.js';
import { compileRuleFiles } from '../config/validate-rules.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `bg-lint validate [paths...]`: rule files and folders (schema, options, regexes, ids; a
 * `subjects.yaml` as a subjects file) and config files (`.bg-lint.yaml`: with the rules it loads
 * and its overrides), without scanning sources. With no path: the config found from the working
 * directory. Every problem of every path is printed in one run; nothing to validate is exit 2.
 */
export function validateCommand(paths: string[], io: CliIO): ExitCode {
  const targets = paths.length > 0 ? paths.map((p) => resolve(io.cwd, p)) : [findConfigFile(io.cwd)].filter((f) => f !== undefined);
  if (targets.length === 0) {
    io.stderr(`bg-lint: nothing to validate: name a rule file or folder, or a .bg-lint.yaml (none found from ${io.cwd} upward)\n`);
    return EXIT.untrusted;
  }
  const problems: ConfigProblem[] = [];
  const lines: string[] = [];
  const rel = (p: string) => relative(io.cwd, p) || '.';
  const collect = (run: () => void) => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  };
  const ruleSources = targets.filter((t) => !(CONFIG_NAMES as readonly string[]).includes(basename(t)));
  for (const config of targets.filter((t) => !ruleSources.includes(t))) {
    collect(() => {
      const resolved = resolveConfiguration({ cwd: io.cwd, configPath: config, ruleDirs: [], bundled: true, ruleOverrides: [], checks: builtinChecks });
      lines.push(`${rel(config)}: valid (${plural(resolved.rules.length, 'rule')} loaded)`);
    });
  }
  if (ruleSources.length > 0) {
    collect(() => {
      const { rules, files, subjectsFiles } = compileRuleFiles(ruleSources, builtinChecks);
      if (files.length + subjectsFiles.length === 0) {
        problems.push(...ruleSources.map((p) => ({ file: p, line: 1, column: 1, message: `no rule file (.yaml or .yml) in ${rel(p)}` })));
        return;
      }
      const subjects = subjectsFiles.length > 0 ? ` and ${plural(subjectsFiles.length, 'subjects file')}` : '';
      lines.push(`${plural(rules.length, 'rule')} in ${plural(files.length, 'file')}${subjects}: valid`);
    });
  }
  if (problems.length > 0) {
    io.stderr(`${new ConfigError(problems).message}\n`);
    return EXIT.untrusted;
  }
  io.stdout(lines.map((l) => `${l}\n`).join(''));
  return EXIT.ok;
}
