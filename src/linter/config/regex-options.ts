import type { JsonSchema } from '../checks/check.js';
import { isPlainObject } from './deep-merge.js';
import { REGEX_KEYWORD } from './schema-validation.js';
import type { YamlPath } from './yaml-source.js';

/**
 * Finds the user regexes in a check's options: every string whose schema says `"x-regex": true`
 * (also the string items of a list whose `items` say it). Walks `properties`, `patternProperties`,
 * `additionalProperties`, `items` and `prefixItems` alongside the value; `$ref` is not followed
 * (check option schemas are self-contained).
 */
export function findRegexes(schema: JsonSchema, value: unknown, path: YamlPath = []): { path: YamlPath; pattern: string }[] {
  const out: { path: YamlPath; pattern: string }[] = [];
  walk(schema, value, path, out);
  return out;
}

function walk(schema: unknown, value: unknown, path: YamlPath, out: { path: YamlPath; pattern: string }[]): void {
  if (!isPlainObject(schema)) return;
  if (schema[REGEX_KEYWORD] === true && typeof value === 'string') out.push({ path, pattern: value });
  if (Array.isArray(value)) {
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    value.forEach((item, i) => walk(i < prefix.length ? prefix[i] : schema.items, item, [...path, i], out));
    return;
  }
  if (!isPlainObject(value)) return;
  const props = isPlainObject(schema.properties) ? schema.properties : {};
  const patternProps = isPlainObject(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (Object.hasOwn(props, key)) {
      walk(props[key], child, childPath, out);
      continue;
    }
    const matching = patternProps.filter(([re]) => safeTest(re, key));
    if (matching.length > 0) matching.forEach(([, s]) => walk(s, child, childPath, out));
    else walk(schema.additionalProperties, child, childPath, out);
  }
}

function safeTest(re: string, key: string): boolean {
  try {
    return new RegExp(re, 'u').test(key);
  } catch {
    return false;
  }
}
