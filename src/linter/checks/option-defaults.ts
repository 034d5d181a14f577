import type { JsonSchema } from './check.js';

/**
 * A check's defaults live in one place: the JSON Schema `default` of each top-level option
 * (editors show them, `bg-lint explain` prints them merged). A rule gets them for the keys it does
 * not set; a required option has none. Read once, when the check is defined (defineCheck).
 */
export function defaultsOf<O>(properties: Readonly<Record<string, JsonSchema>>): O {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    if (!Object.hasOwn(schema, 'default')) continue;
    Object.defineProperty(out, key, { value: structuredClone(schema.default), enumerable: true, writable: true, configurable: true });
  }
  return out as O;
}

/** The defaults of an options schema (`{ type: 'object', properties: { … } }`). */
export function schemaDefaults<O>(optionsSchema: JsonSchema): O {
  return defaultsOf<O>((optionsSchema.properties as Record<string, JsonSchema> | undefined) ?? {});
}
