import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INIT_TEMPLATE } from '../config/init-template.js';
import { EXAMPLE_RULE, EXAMPLE_RULE_FILE, EXAMPLE_RULE_TEST, EXAMPLE_TEST_FILE } from '../rule-tests/init-example.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import { schemaReference } from './schema-reference.js';

/** The template's commented-out `extends` entry, which names the example rule file. */
const EXAMPLE_EXTENDS = `  # - ./${EXAMPLE_RULE_FILE}`;

/**
 * `bg-lint init`: writes a commented `.bg-lint.yaml` that extends the bundled pack and an example
 * team rule, the rule, and its test (`bg-lint test` runs it). Never overwrites a file without --force.
 */
export function initCommand(options: { force?: boolean }, io: CliIO): ExitCode {
  if (!INIT_TEMPLATE.includes(EXAMPLE_EXTENDS)) throw new Error(`the init template no longer has the line "${EXAMPLE_EXTENDS}"`);
  // Each file's `$schema` points at the installed package (walking up, as in a monorepo package) or the published copy.
  const withSchema = (file: string, text: string, schema: string) =>
    text.replace(/^(# yaml-language-server: \$schema=)\S+/, (_, head: string) => head + schemaReference(dirname(join(io.cwd, file)), schema));
  const files: [string, string][] = [
    ['.bg-lint.yaml', withSchema('.bg-lint.yaml', INIT_TEMPLATE.replace(EXAMPLE_EXTENDS, `  - ./${EXAMPLE_RULE_FILE}`), 'config.schema.json')],
    [EXAMPLE_RULE_FILE, withSchema(EXAMPLE_RULE_FILE, EXAMPLE_RULE, 'rules.schema.json')],
    [EXAMPLE_TEST_FILE, withSchema(EXAMPLE_TEST_FILE, EXAMPLE_RULE_TEST, 'rule-tests.schema.json')],
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
