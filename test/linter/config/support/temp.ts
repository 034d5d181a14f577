import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real temp folder with the given files (path → content); removed after the test. */
export function tempProject(files: Record<string, string>): string {
  // realpath: macOS /var → /private/var, so expected paths compare equal.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'bg-lint-config-')));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
