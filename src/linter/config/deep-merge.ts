/**
 * Deep merge for layered settings (check defaults < rule options < config overrides; bundled
 * subjects < config subjects). Mappings merge key by key; lists and scalars replace, so a user
 * who writes a list states the whole list. Inputs are never mutated.
 */
export function deepMerge<T>(base: T, override: unknown): T {
  if (override === undefined) return clone(base);
  if (!isPlainObject(base) || !isPlainObject(override)) return clone(override) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) set(out, k, clone(v));
  for (const [k, v] of Object.entries(override)) set(out, k, k in out ? deepMerge(out[k], v) : clone(v));
  return out as T;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) set(out, k, clone(x));
    return out as T;
  }
  return v;
}

/** defineProperty, so a YAML key named `__proto__` is data, never the object's prototype. */
function set(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
