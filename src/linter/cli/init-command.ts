import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INIT_TEMPLATE } from '../config/init-template.js';
import { EXAMPLE_RULE, EXAMPLE_RULE_FILE, EXAMPLE_RULE_TEST, EXAMPLE_TEST_FILE } from '../rule-tests/init-example.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';

/** The template's commented-out `extends` entry, which names the example rule file. */
const EXAMPLE_EXTENDS = `  # - ./${EXAMPLE_RULE_FILE}`;

/**
 * `bg-lint init`: writes a commented `.bg-lint.yaml` that extends the bundled pack and an example
 * team rule, the rule, and its test (`bg-lint test` runs it). Never overwrites a file without --force.
 */
export function initCommand(options: { force?: boolean }, io: CliIO): ExitCode {
  if (!INIT_TEMPLATE.includes(EXAMPLE_EXTENDS)) throw new Error(`the init template no longer has the line "${EXAMPLE_EXTENDS}"`);
  const files: [string, string][] = [
    ['.bg-lint.yaml', INIT_TEMPLATE.replace(EXAMPLE_EXTENDS, `  - ./${EXAMPLE_RULE_FILE}`)],
    [EXAMPLE_RULE_FILE, EXAMPLE_RULE],
    [EXAMPLE_TEST_FILE, EXAMPLE_RULE_TEST],
  ];
  const existing = files.map(([f]) => join(io.cwd, f)).filter((f) => existsSync(f));
  if (existing.length > 0 && !options.force) {
    io.stderr(existing.map((f) => `bg-lint: ${f} already exists; use --force to overwrite it\n`).join(''));
    return EXIT.untrusted;
  }
  for (const [file, text] of files) {
    const target = join(io.cwd, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, { flag: options.force ? 'w' : 'wx' });
    io.stdout(`wrote ${target}\n`);
  }
  return EXIT.ok;
}
