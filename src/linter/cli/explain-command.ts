import { ruleDocMarkdown } from '../docs/rule-doc.js';
import { closest } from '../config/suggest.js';
import { EXIT, type CliIO, type ExitCode } from './io.js';
import type { LintCommandOptions } from './lint-command.js';
import { loadRulesFor } from './load-rules.js';

/** `bg-lint explain <id>`: the rule's documentation, generated from its YAML. */
export async function explainCommand(id: string, options: LintCommandOptions, io: CliIO): Promise<ExitCode> {
  const rules = await loadRulesFor(options, io);
  const rule = rules.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!rule) {
    const guess = closest(id, rules.map((r) => r.id));
    io.stderr(`bg-lint: no rule "${id}"${guess ? `; did you mean "${guess}"?` : ''} (bg-lint rules lists them)\n`);
    return EXIT.untrusted;
  }
  io.stdout(ruleDocMarkdown(rule));
  return EXIT.ok;
}
