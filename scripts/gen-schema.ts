/**
 * Writes schema/*.json (rule files, config, subjects) from the code's schemas and the check
 * registry. Run after changing a check's optionsSchema: `npx tsx scripts/gen-schema.ts`.
 * A test fails while the committed files differ from what this generates.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Check } from '../src/linter/checks/check.js';
import { generateSchemaFiles } from '../src/linter/config/editor-schemas.js';
import { ruleTestsSchema } from '../src/linter/rule-tests/schema.js';

export const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** The schema files for a registry: file name → content. */
export function generateSchemas(checks: ReadonlyMap<string, Check<any>>): Record<string, string> {
  const ruleTests = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:bg-lint:schema:rule-tests',
    title: 'bg-lint rule tests (rule-tests/<ID>.yaml)',
    ...ruleTestsSchema,
  };
  return { ...generateSchemaFiles(checks), 'rule-tests.schema.json': `${JSON.stringify(ruleTests, null, 2)}\n` };
}

export function writeSchemas(checks: ReadonlyMap<string, Check<any>>, dir = SCHEMA_DIR): string[] {
  return Object.entries(generateSchemas(checks)).map(([name, content]) => {
    const path = `${dir}${dir.endsWith('/') ? '' : '/'}${name}`;
    writeFileSync(path, content);
    return path;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { builtinChecks } = await import('../src/linter/checks/registry.js');
  for (const path of writeSchemas(builtinChecks)) console.log(`wrote ${path}`);
}
