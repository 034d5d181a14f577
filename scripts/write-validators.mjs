// Run after `tsc` (npm run build, the test setup): compiles every known schema (config/known-schemas.ts)
// with ajv ahead of time into dist/linter/config/validators.cjs, so a run loads validators instead of
// generating them (config/schema-validation.ts `compileSchema`; keyed by each schema's JSON text).
import { writeFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';

const dist = (path) => new URL(`../dist/linter/${path}`, import.meta.url).href;
const { builtinChecks } = await import(dist('checks/registry.js'));
const { knownSchemas } = await import(dist('config/known-schemas.js'));
const { newAjv } = await import(dist('config/schema-validation.js'));

const ajv = newAjv({ code: { source: true } });
const refs = {};
const schemaKeys = {};
for (const schema of knownSchemas(builtinChecks)) {
  const json = JSON.stringify(schema);
  if (json in schemaKeys) continue;
  const name = `v${Object.keys(refs).length}`;
  ajv.addSchema(schema, name);
  refs[name] = name;
  schemaKeys[json] = name;
}
const code = `${standaloneCode(ajv, refs)}\nexports.schemaKeys = ${JSON.stringify(schemaKeys)};\n`;
writeFileSync(new URL('../dist/linter/config/validators.cjs', import.meta.url), code);
