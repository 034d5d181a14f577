import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { TOOL_VERSION } from '../version.js';

/**
 * Where `init` points the editor's `$schema` in a file it writes in `fileDir`: the installed
 * package's schema, found from that folder upward (a monorepo package usually has bg-lint hoisted to
 * the workspace root's node_modules), as a path relative to the file; where bg-lint is not installed
 * (npx), the published file of this version on unpkg, which an editor can fetch.
 */
export function schemaReference(fileDir: string, schema = 'config.schema.json'): string {
  const inPackage = `node_modules/bg-lint/schema/${schema}`;
  for (let dir = fileDir; ; dir = dirname(dir)) {
    const candidate = join(dir, inPackage);
    if (existsSync(candidate)) {
      const rel = relative(fileDir, candidate).split(sep).join('/');
      return rel.startsWith('.') ? rel : `./${rel}`;
    }
    if (dirname(dir) === dir) break;
  }
  return `https://unpkg.com/bg-lint@${TOOL_VERSION}/schema/${schema}`;
}
