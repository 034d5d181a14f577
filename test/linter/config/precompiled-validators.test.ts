import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../../src/linter/checks/registry.js';
import { knownSchemas } from '../../../src/linter/config/known-schemas.js';
import { loadPrecompiled, newAjv } from '../../../src/linter/config/schema-validation.js';

// `npm run build` (and the test setup) compiles every known schema ahead of time into
// dist/linter/config/validators.cjs; a run takes a validator from there when the schema's JSON is
// exactly the one compiled. Its errors must be ajv's own, since the messages are built from them.
const DIST = new URL('../../../dist/linter/config/validators.cjs', import.meta.url);

const SAMPLES: unknown[] = [
  {},
  [],
  'text',
  3,
  null,
  { bogus: true },
  { id: 'BG-999', name: 'x', severity: 'fatal', check: 'no-such-check', options: { files: 3 } },
  { rules: [{ id: 'BG-001', severity: 'warning', extra: 1 }], ignore: 'dist/**' },
  { files: ['src/**'], names: [''], interval: -1, words: [1, 2], nested: { deep: [null] } },
];

describe('validators compiled at build time', () => {
  const schemas = knownSchemas(builtinChecks);
  const precompiled = loadPrecompiled(DIST);

  it('has one for every schema a run can validate against', () => {
    expect(precompiled).not.toBeNull();
    const missing = schemas.filter((s) => !precompiled!.has(JSON.stringify(s)));
    expect(missing).toEqual([]);
    expect(schemas.length).toBeGreaterThan(20);
  });

  it('reports exactly the errors of a validator compiled at run time', () => {
    const ajv = newAjv();
    let invalid = 0;
    for (const schema of schemas) {
      const live = ajv.compile(schema);
      const built = precompiled!.get(JSON.stringify(schema))!;
      for (const sample of SAMPLES) {
        expect(built(sample)).toBe(live(sample));
        expect(JSON.stringify(built.errors ?? null)).toBe(JSON.stringify(live.errors ?? null));
        if (live.errors) invalid += 1;
      }
    }
    expect(invalid).toBeGreaterThan(schemas.length);
  });

  it('serves no schema whose JSON differs from the one compiled (a stale build falls back to compiling)', () => {
    const changed = { ...schemas[0], description: 'edited since the build' };
    expect(precompiled!.has(JSON.stringify(changed))).toBe(false);
    expect(loadPrecompiled(new URL('./no-such-file.cjs', DIST))).toBeNull();
  });
});
