import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once so that end-to-end tests spawn the real, compiled `bg-lint` binary.
 * BG_LINT_SKIP_BUILD=1 skips it for quick unit-only runs during development (never in CI).
 */
export default function setup(): void {
  if (process.env.BG_LINT_SKIP_BUILD === '1' && process.env.CI !== 'true') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // What `npm run build` does after tsc: the checks' metadata for `rules`/`explain` (cli/check-metas.ts).
  execFileSync(process.execPath, ['scripts/write-check-metas.mjs'], { cwd: root, stdio: 'inherit' });
  // And the validators compiled ahead of time (config/schema-validation.ts `compileSchema`).
  execFileSync(process.execPath, ['scripts/write-validators.mjs'], { cwd: root, stdio: 'inherit' });
}
