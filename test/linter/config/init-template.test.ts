import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/linter/config/config-file.js';
import { CONFIG_KEYS_DOCUMENTED, INIT_TEMPLATE } from '../../../src/linter/config/init-template.js';
import { configSchema } from '../../../src/linter/config/config-schema.js';

describe('bg-lint init template', () => {
  it('validates as written', () => {
    const result = parseConfigText(INIT_TEMPLATE, '.bg-lint.yaml');
    expect('problems' in result ? result.problems : []).toEqual([]);
  });

  it('explains every config key', () => {
    expect(CONFIG_KEYS_DOCUMENTED).toEqual(Object.keys(configSchema.properties as object));
    for (const key of CONFIG_KEYS_DOCUMENTED) expect(INIT_TEMPLATE).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
  });

  it('its commented-out examples validate too once uncommented', () => {
    const uncommented = INIT_TEMPLATE.split('\n')
      .map((l) => l.replace(/^# {2}( *[-\w"])/, '  $1').replace(/^# (tsconfig:)/, '$1'))
      .join('\n')
      .replace(/^(rules|subjects): \{\}$/gm, '$1:')
      .replace(/^ignore: \[\]$/m, 'ignore:');
    expect(uncommented).toContain('  BG-041: off');
    const result = parseConfigText(uncommented, '.bg-lint.yaml');
    expect('problems' in result ? result.problems : []).toEqual([]);
  });
});
