import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMAT_NAMES } from '../formatters/by-name.js';
import { parseShard, type Shard } from '../engine/shard.js';
import { TOOL_VERSION } from '../version.js';
import { messageForUser } from './errors.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import type { LintCommandOptions } from './lint-command.js';
import type { MergeCommandOptions } from './merge-command.js';
import { registerLspCommand } from './lsp-command.js';
import { registerTestCommand } from './test-command.js';
import { separateOptionalValues } from './optional-values.js';

// Commands are imported when they run: `--version`, `init` and `--help` must not load the
// TypeScript compiler (ts-morph), which is most of a run's start-up time.

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function concurrency(value: string): number | undefined {
  if (value === 'auto') return undefined;
  if (value === 'off') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected auto, off or a whole number >= 1');
  return n;
}

function shard(value: string): Shard {
  const parsed = parseShard(value);
  if ('problem' in parsed) throw new InvalidArgumentError(parsed.problem);
  return parsed;
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

/** Options that choose which rules load: shared by linting, `rules` and `explain`. */
function withRuleSelection(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'config file for every linted file (default: per file, the nearest .bg-lint.yaml upward from it)')
    .option('--rules <dir>', 'extra rule folder or file, on top of the bundled pack (repeatable)', collect, [])
    .option('--no-bundled', 'do not load the bundled rule pack')
    .option('--rule <id=severity>', 'override a rule: BG-041=off|info|warning|error (repeatable)', collect, []);
}

/**
 * The CLI: parses argv, runs a command, returns the exit code. It prints only through `io`, never
 * calls process.exit, and turns every failure into exit 2 with a message that names its cause.
 */
export async function main(argv: string[], io: CliIO): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command('bg-lint')
    .description('Lint background-job architecture: job records, task lifecycles, sessions, trigger endpoints, polling.')
    .version(TOOL_VERSION, '-v, --version')
    .exitOverride()
    // Options after a subcommand belong to it: `bg-lint rules --no-bundled` is the rules command's,
    // and `bg-lint merge -f sarif -o x` is merge's, not the lint run's.
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  withRuleSelection(program)
    .argument('[paths...]', 'files, folders or globs to lint', [])
    .addOption(new Option('-f, --format <name>', 'output format').choices([...FORMAT_NAMES]).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when warnings exceed n', nonNegativeInteger)
    .option('--quiet', 'report errors only')
    .option('--fix', 'apply safe fixes in place (atomically; a fix that breaks the syntax is refused), then report what is left')
    .option('--fix-dry-run', 'print the safe fixes as a unified diff on stdout, write nothing (the report goes to -o only)')
    .option('--cache', 'reuse results of files whose content, config, tool version and read files are unchanged')
    .option('--cache-location <path>', 'cache file or folder (default: node_modules/.cache/bg-lint/)')
    .option('--baseline <file>', 'report only findings that are not in this baseline file')
    .option('--update-baseline [file]', 'write every current finding to a baseline file (default .bg-lint-baseline.json)')
    .option('--staged', 'lint only the files staged in git')
    .option('--changed [ref]', 'lint only the files changed since ref (default HEAD), untracked included')
    .option('--concurrency <n>', 'worker threads: auto (by input size), off, or a number', concurrency)
    .option('--no-prefilter', 'parse and check every file, also those whose text holds no word a loaded rule looks for (results are the same; for comparison)')
    .option('--shard <i/n>', 'lint only part i of n of the files (CI matrices; merge the reports with `bg-lint merge`)', shard)
    .action(async (paths: string[], options: LintCommandOptions) => {
      const { lintCommand } = await import('./lint-command.js');
      code = await lintCommand(paths, options, io, argv);
    });

  withRuleSelection(program.command('rules').description('list the loaded rules: id, severity, name'))
    .action(async (options: LintCommandOptions) => {
      const { rulesCommand } = await import('./rules-command.js');
      code = await rulesCommand(options, io);
    });

  withRuleSelection(program.command('explain').description("print a rule's description, rationale and examples"))
    .argument('<id>', 'rule id, e.g. BG-031')
    .action(async (id: string, options: LintCommandOptions) => {
      const { explainCommand } = await import('./explain-command.js');
      code = await explainCommand(id, options, io);
    });

  withRuleSelection(program.command('merge').description("merge --shard runs' JSON or SARIF reports into one report"))
    .argument('<reports...>', 'report files written with -f json or -f sarif')
    .addOption(new Option('-f, --format <name>', 'output format').choices([...FORMAT_NAMES]).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when warnings exceed n', nonNegativeInteger)
    .action(async (reports: string[], options: MergeCommandOptions) => {
      const { mergeCommand } = await import('./merge-command.js');
      code = await mergeCommand(reports, options, io);
    });

  program
    .command('init')
    .description('write a commented .bg-lint.yaml for this project')
    .option('--force', 'overwrite an existing .bg-lint.yaml')
    .action(async (options: { force?: boolean }) => {
      const { initCommand } = await import('./init-command.js');
      code = initCommand(options, io);
    });

  program
    .command('validate')
    .description('check rule files and .bg-lint.yaml against their schemas, without scanning sources')
    .argument('[paths...]', 'rule files or folders, or a .bg-lint.yaml (default: the config found from here upward)')
    .action(async (paths: string[]) => {
      const { validateCommand } = await import('./validate-command.js');
      code = validateCommand(paths, io);
    });

  registerLspCommand(program, (c) => (code = c));
  registerTestCommand(program, io, (c) => (code = c));

  try {
    await program.parseAsync(separateOptionalValues(argv, io.cwd), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return error.exitCode === 0 ? EXIT.ok : EXIT.untrusted;
    }
    io.stderr(`${await messageForUser(error)}\n`);
    return EXIT.untrusted;
  }
}
