// Run after `tsc` (npm run build, the test setup): writes every built-in check's `meta` to
// dist/linter/checks/check-metas.json, so `bg-lint rules` and `explain` can compile the rules
// without importing the checks, which import ts-morph (most of a run's start-up).
import { writeFileSync } from 'node:fs';

const { builtinChecks } = await import(new URL('../dist/linter/checks/registry.js', import.meta.url).href);
const { checkMetasJson } = await import(new URL('../dist/linter/cli/check-metas.js', import.meta.url).href);
writeFileSync(new URL('../dist/linter/checks/check-metas.json', import.meta.url), checkMetasJson(builtinChecks));
