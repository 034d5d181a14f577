import { defineCheck } from '../../../../src/linter/checks/check.js';
import type { Check } from '../../../../src/linter/checks/check.js';
import { textCheck } from '../../../../src/linter/checks/text-patterns.js';

/**
 * A small registry for config tests, independent of the real checks' evolving schemas: the
 * text check plus a fake check whose options exercise nesting, limits and `x-regex`.
 */
export interface FakeOptions {
  names: string[];
  limit: number;
  regex?: string;
  nested: { deep?: string; keep?: boolean };
}

export const fakeCheck = defineCheck<FakeOptions>({
  meta: {
    name: 'required-call',
    description: 'test double',
    messages: {},
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        names: { type: 'array', items: { type: 'string' }, default: ['a', 'b'] },
        limit: { type: 'integer', minimum: 1, default: 3 },
        regex: { type: 'string', 'x-regex': true },
        nested: {
          type: 'object',
          additionalProperties: false,
          properties: { deep: { type: 'string', 'x-regex': true }, keep: { type: 'boolean' } },
          default: { keep: true },
        },
      },
    },
    needsTypes: false,
  },
  check() {},
});

export const testChecks: ReadonlyMap<string, Check<any>> = new Map<string, Check<any>>([
  ['text', textCheck],
  ['required-call', fakeCheck],
]);
