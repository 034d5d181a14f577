import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../../src/linter/checks/registry.js';
import { REPO_ROOT } from '../../helpers/run-cli.js';

const checksDir = join(REPO_ROOT, 'src/linter/checks');
/** Files of src/linter/checks that define a check (the others are helpers the checks share). */
const checkFiles = readdirSync(checksDir).filter((f) => f.endsWith('.ts') && /\bdefineCheck</.test(readFileSync(join(checksDir, f), 'utf8')) && f !== 'check.ts');

describe('src/linter/checks', () => {
  it('registers a check for every file that defines one', () => {
    expect(checkFiles.length).toBe(builtinChecks.size);
  });

  it.each(checkFiles)('%s has its own test file under test/linter/checks (test/ mirrors src/)', (file) => {
    expect(existsSync(join(REPO_ROOT, 'test/linter/checks', file.replace(/\.ts$/, '.test.ts')))).toBe(true);
  });
});
