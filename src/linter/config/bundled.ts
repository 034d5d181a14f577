import { fileURLToPath } from 'node:url';

/**
 * The bundled rule pack, `rules/` at the package root. This module sits three levels below the
 * root both as source (`src/linter/config/*.ts`, run by vitest/tsx) and compiled
 * (`dist/linter/config/*.js`), so the same relative URL works for both.
 */
export function bundledRulesDir(): string {
  return fileURLToPath(new URL('../../../rules/', import.meta.url)).replace(/[\\/]$/, '');
}

/** In the bundled folder, the subjects vocabulary, not a rule file. */
export const SUBJECTS_FILE = 'subjects.yaml';
