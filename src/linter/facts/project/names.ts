/** `started_at`, `startedAt` and `StartedAt` are one field: compare names without case or underscores. */
export function normalizeFieldName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** Writes a snake_case field name the way a model that uses camelCase would: `started_at` → `startedAt`. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A configured (snake_case) field name as a model or task that spells its fields in camelCase would write it. */
export function spelled(name: string, camelCase: boolean): string {
  return camelCase ? toCamelCase(name) : name;
}

