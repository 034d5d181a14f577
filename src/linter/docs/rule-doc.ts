import type { CompiledRule, RuleExample } from '../config/rule.js';

function fence(example: RuleExample): string {
  const lang = /\.(jsx?|mjs|cjs)$/.test(example.filename) ? 'js' : 'ts';
  return `\`${example.filename}\`\n\n\`\`\`${lang}\n${example.code.trimEnd()}\n\`\`\``;
}

/**
 * A rule's documentation, generated from its YAML (the single source): what it checks and why, the
 * fix, failing and passing examples, options, and how to turn it off. `bg-lint explain` prints it and
 * `docs/rules/<id>.md` holds the same text.
 */
export function ruleDocMarkdown(rule: CompiledRule<unknown>): string {
  const parts: string[] = [];
  parts.push(`# ${rule.id}: ${rule.name}`);
  parts.push(`Severity: **${rule.defaultSeverity}** · check: \`${rule.check.meta.name}\`${rule.check.meta.needsTypes ? ' (may use the type checker)' : ''}`);
  parts.push(rule.description.trim());
  if (rule.suggestion) parts.push(`## How to fix\n\n${rule.suggestion.trim()}`);
  if (rule.examples.fail.length > 0) parts.push(`## Failing examples\n\n${rule.examples.fail.map(fence).join('\n\n')}`);
  if (rule.examples.pass.length > 0) parts.push(`## Passing examples\n\n${rule.examples.pass.map(fence).join('\n\n')}`);
  const options = JSON.stringify(rule.options, null, 2);
  if (options !== '{}') {
    parts.push(`## Options\n\nSet under \`rules: { ${rule.id}: { options: … } }\` in .bg-lint.yaml. In effect:\n\n\`\`\`json\n${options}\n\`\`\``);
  }
  parts.push(
    `## When not to use it\n\nTurn it off for a project with \`rules: { ${rule.id}: off }\` in .bg-lint.yaml, ` +
      `for one line with \`// bg-lint-disable-next-line ${rule.id} -- reason\`.`,
  );
  return parts.join('\n\n') + '\n';
}
