import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INIT_TEMPLATE } from '../config/init-template.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import { configSchemaReference } from './schema-reference.js';

/** `bg-lint init`: writes a commented `.bg-lint.yaml`; never overwrites one without --force. */
export function initCommand(options: { force?: boolean }, io: CliIO): ExitCode {
  const target = join(io.cwd, '.bg-lint.yaml');
  if (existsSync(target) && !options.force) {
    io.stderr(`bg-lint: ${target} already exists; use --force to overwrite it\n`);
    return EXIT.untrusted;
  }
  const text = INIT_TEMPLATE.replace(/^(# yaml-language-server: \$schema=)\S+/, (_, head: string) => head + configSchemaReference(io.cwd));
  writeFileSync(target, text, { flag: options.force ? 'w' : 'wx' });
  io.stdout(`wrote ${target}\n`);
  return EXIT.ok;
}
