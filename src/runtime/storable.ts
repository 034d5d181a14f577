/**
 * What PostgreSQL can store faithfully, checked before any SQL, for every way a job enters the
 * runtime (`rt.enqueue`, `enqueueMany`, the HTTP API): it cannot store U+0000 in `text` or `jsonb`
 * (SQLSTATE 22021 / 22P05); a lone UTF-16 surrogate is not UTF-8 (jsonb refuses it with 22P02, the
 * driver turns it into U+FFFD in `text`, silently changing the value); a non-finite number (`1e400`
 * parses to Infinity) would be stored as `null`. Each is the caller's mistake: a
 * ModelValidationError (422 over HTTP), never a database error.
 */
import { ModelValidationError } from './errors.js';

/** Deepest nesting accepted in `args`: far beyond real arguments, and inside both V8's stack (JSON.stringify recurses) and PostgreSQL's (jsonb parsing does). */
export const MAX_JSON_DEPTH = 512;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL could not store this string faithfully, or null when it can. */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains U+0000 (a NUL character), which PostgreSQL does not accept in text';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode';
  return null;
}

/** A string field (`triggered_by`, `dedup_key`): ModelValidationError (422) when it cannot be stored. */
export function checkStorableText(text: string, field: string): void {
  const reason = unstorableText(text);
  if (reason) throw new ModelValidationError(`${field} ${reason}`, { field });
}

/**
 * A JSON value (the `args`): every string and key storable, every number finite,
 * nesting at most MAX_JSON_DEPTH. Throws a 422 naming the first offending place, e.g. `args[0].name`.
 */
export function checkStorableJson(value: unknown, field: string): void {
  const fail = (path: string, reason: string): never => {
    throw new ModelValidationError(`${path} ${reason}`, { field, path });
  };
  // Iterative, so a hostile nesting depth cannot overflow this stack either.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: field, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const reason = unstorableText(v);
      if (reason) fail(path, reason);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(path, 'is not a finite number (JSON numbers beyond ±1.8e308 cannot be stored)');
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_JSON_DEPTH) fail(path, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
      if (Array.isArray(v)) {
        v.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      } else {
        for (const [key, item] of Object.entries(v)) {
          const keyReason = unstorableText(key);
          if (keyReason) fail(`${path} key ${JSON.stringify(key)}`, keyReason);
          stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
        }
      }
    }
  }
}

