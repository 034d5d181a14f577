import { resolve } from 'node:path';
import { builtinChecks } from '../checks/registry.js';
import { compileRuleFiles } from '../config/validate-rules.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';

/** `bg-lint validate <dir>`: compile rule files (schema, options, regexes, ids) without scanning sources. */
export function validateCommand(dir: string, io: CliIO): ExitCode {
  const { rules, files } = compileRuleFiles([resolve(io.cwd, dir)], builtinChecks);
  io.stdout(`${rules.length} rule${rules.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: valid\n`);
  return EXIT.ok;
}
