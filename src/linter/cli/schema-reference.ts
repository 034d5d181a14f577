import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { TOOL_VERSION } from '../version.js';

const SCHEMA_IN_PACKAGE = 'node_modules/bg-lint/schema/config.schema.json';

/**
 * Where `init` points the editor's `$schema`: the installed package's schema, found from the
 * config's folder upward (a monorepo package usually has bg-lint hoisted to the workspace root's
 * node_modules), as a path relative to the config; where bg-lint is not installed (npx), the
 * published file of this version on unpkg, which an editor can fetch.
 */
export function configSchemaReference(configDir: string): string {
  for (let dir = configDir; ; dir = dirname(dir)) {
    const candidate = join(dir, SCHEMA_IN_PACKAGE);
    if (existsSync(candidate)) {
      const rel = relative(configDir, candidate).split(sep).join('/');
      return rel.startsWith('.') ? rel : `./${rel}`;
    }
    if (dirname(dir) === dir) break;
  }
  return `https://unpkg.com/bg-lint@${TOOL_VERSION}/schema/config.schema.json`;
}
