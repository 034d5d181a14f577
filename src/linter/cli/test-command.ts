import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../config/problems.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';

interface TestOptions {
  config?: string;
  rules: string[];
  updateSnapshots?: boolean;
}

/** `bg-lint test [dir]`: runs the rule tests (`rule-tests/*.yaml`) under dir; the runner loads only when the command runs. */
export function registerTestCommand(program: Command, io: CliIO, setCode: (code: ExitCode) => void): void {
  program
    .command('test')
    .description('run the rule tests (rule-tests/*.yaml: valid and invalid snippets) under dir')
    .argument('[dir]', 'folder holding rule-tests/ folders, or one rule-test file', '.')
    .option('-c, --config <file>', 'config file (default: .bg-lint.yaml found upward from dir)')
    .option('--rules <dir>', 'extra rule folder or file, on top of the configured ones (repeatable)', (v: string, p: string[]) => [...p, v], [])
    .option('--update-snapshots', "write each invalid case's current findings (lines and messages) into its file, for review")
    .action(async (dir: string, options: TestOptions) => {
      const target = resolve(io.cwd, dir);
      if (!existsSync(target)) {
        io.stderr(`bg-lint: no such file or folder: ${dir}\n`);
        return setCode(EXIT.untrusted);
      }
      const { runRuleTests } = await import('../rule-tests/run-all.js');
      // The configuration is looked up from here upward, as a lint run there would.
      const root = statSync(target).isFile() ? dirname(target) : target;
      const run = runRuleTests({
        root,
        target,
        cwd: io.cwd,
        ...(options.config !== undefined ? { config: resolve(io.cwd, options.config) } : {}),
        rules: options.rules.map((r) => resolve(io.cwd, r)),
        updateSnapshots: Boolean(options.updateSnapshots),
      });
      if (run.problems.length > 0) throw new ConfigError(run.problems);
      (run.code === EXIT.untrusted ? io.stderr : io.stdout)(run.output);
      setCode(run.code);
    });
}
