import { EXIT, type CliIO, type ExitCode } from './io.js';
import type { LintCommandOptions } from './lint-command.js';
import { loadRulesFor } from './load-rules.js';

/** `bg-lint rules`: one line per loaded rule, aligned: id, level, name. */
export async function rulesCommand(options: LintCommandOptions, io: CliIO): Promise<ExitCode> {
  const rules = (await loadRulesFor(options, io)).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const idWidth = Math.max(2, ...rules.map((r) => r.id.length));
  const levelWidth = Math.max(...rules.map((r) => r.level.length), 5);
  const lines = rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.level.padEnd(levelWidth)}  ${r.name}`);
  io.stdout(`${lines.map((l) => `${l}\n`).join('')}${rules.length} rule${rules.length === 1 ? '' : 's'}\n`);
  return EXIT.ok;
}
