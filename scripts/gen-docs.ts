/**
 * Writes docs/rules/<ID>.md for every bundled rule, generated from its YAML (the single source), and
 * docs/rules/README.md as the index. `npx tsx scripts/gen-docs.ts`; a test keeps them in sync.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinChecks } from '../src/linter/checks/registry.js';
import { resolveConfiguration } from '../src/linter/config/resolve.js';
import type { CompiledRule } from '../src/linter/config/rule.js';
import { ruleDocMarkdown } from '../src/linter/docs/rule-doc.js';

export function bundledRules(): CompiledRule<unknown>[] {
  // An empty folder as cwd: no project config may change the bundled rules' documented options.
  const cwd = fileURLToPath(new URL('../rules', import.meta.url));
  return resolveConfiguration({ cwd, bundled: true, checks: builtinChecks })
    .rules.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export function generateDocs(): Map<string, string> {
  const rules = bundledRules();
  const docs = new Map<string, string>();
  for (const rule of rules) docs.set(`${rule.id}.md`, ruleDocMarkdown(rule));
  const index = [
    '# Bundled rules',
    '',
    'Generated from `rules/*.yaml` by `npx tsx scripts/gen-docs.ts`; `bg-lint explain <id>` prints the same pages.',
    '',
    '| id | name | severity |',
    '|---|---|---|',
    ...rules.map((r) => `| [${r.id}](${r.id}.md) | ${r.name} | ${r.defaultSeverity} |`),
    '',
  ].join('\n');
  docs.set('README.md', index);
  return docs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../docs/rules/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const stale of readdirSync(dir)) rmSync(new URL(stale, new URL('../docs/rules/', import.meta.url)));
  for (const [name, text] of generateDocs()) writeFileSync(new URL(name, new URL('../docs/rules/', import.meta.url)), text);
  console.log(`wrote ${generateDocs().size} files to docs/rules/`);
}
