/**
 * Issue 11: random HTTP requests at `rt.fetch` — methods, paths (percent-encoded NULs, broken
 * UTF-8), query filters, headers, and JSON bodies with NULs, lone surrogates, huge numbers and deep
 * nesting, or no JSON at all — never get a 5xx, every error is a JSON `{ error, message }`, and no
 * request changes a job it does not address. Sentinel jobs (pending with a dedup key, completed,
 * cancelled) are read and wrongly deleted by the requests, never legitimately changed, and must
 * read back exactly as before after each request.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordToJson } from '../../src/runtime/job-record.js';
import { useHttpRuntime } from './helpers/http.js';
import { STORES } from './helpers/stores.js';

const SENTINEL_KEY = 'sentinel-key';

/** A JSON value as text: strings through JSON.stringify (so NULs and lone surrogates arrive escaped), numbers raw. */
type Json = string | { num: string } | boolean | null | Json[] | { obj: [string, Json][] };

const unit = fc.constantFrom('a', 'Z', ' ', '"', '\\', '/', '€', '😀', '\u0000', '\ud800', '\udc00', '\ufffd', '\n', 'api:', 'manual:');
const text = fc.array(unit, { maxLength: 12 }).map((parts) => parts.join(''));
const number = fc.oneof(
  fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890', '-0', '0.5', '1.7976931348623157e308'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
const { json } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number.map((num) => ({ num })),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.array(fc.tuple(text, tie('json')), { maxLength: 4 }).map((obj) => ({ obj })),
  ),
}));

function jsonText(value: Json): string {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if ('num' in value) return value.num;
  return `{${value.obj.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

const triggerBody = fc
  .record(
    {
      args: fc.oneof(fc.array(json, { maxLength: 5 }), json),
      triggered_by: fc.oneof(text, fc.constantFrom('manual:admin', 'api:web', 'scheduled'), json),
      dedup_key: fc.oneof(text, fc.constant(SENTINEL_KEY), json),
      extra: json,
    },
    { requiredKeys: [] },
  )
  .map((fields) => `{${Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v as Json)}`).join(',')}}`);

const body = fc.oneof(
  triggerBody,
  json.map(jsonText),
  fc.string(),
  fc.uint8Array({ maxLength: 64 }),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `{"args":[${'['.repeat(n)}${']'.repeat(n)}]}`),
  fc.constant(undefined),
);

const segment = fc
  .array(fc.constantFrom('a', 'demo.echo', '%00', '%ED%A0%80', '%FF', '%', '%2F', '..', '.', '%E2%82%AC', 'cancel', 'jobs'), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.join(''));
const queryValue = fc.oneof(
  fc.constantFrom('0000-01-01', '%2B275760-09-13', '-000001-01-01', '2024-01-01', 'yesterday', 'pending,running', 'a%00b', '%ED%A0%80', '0', '1001', '5', ''),
  segment,
);
const query = fc
  .array(fc.tuple(fc.constantFrom('status', 'task', 'since', 'limit', 'other'), queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
const headerValue = fc.array(fc.constantFrom('a', 'B', '-', ' ', 'é', '0', 'json', '/'), { maxLength: 10 }).map((p) => p.join(''));

describe.each(STORES)('random HTTP requests on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const http = useHttpRuntime(store, `hprop_${store.name}`);

  it('never answer 5xx, always answer errors as JSON, never change a job they do not address', async () => {
    const { rt } = http;
    const pending = (await rt.enqueue('demo.echo', [1], { delaySeconds: 3600, dedupKey: SENTINEL_KEY })).job_id;
    const completed = (await rt.runNow('demo.echo', [2])).id;
    const cancelled = (await rt.jobs.cancel((await rt.enqueue('demo.echo', [3], { delaySeconds: 3600 })).job_id)).id;
    const sentinels = [pending, completed, cancelled];
    const snapshot = async () => Promise.all(sentinels.map(async (id) => recordToJson((await rt.jobs.get(id))!)));
    const before = await snapshot();

    const id = fc.oneof(fc.uuid(), fc.constantFrom(...sentinels), fc.constantFrom(...sentinels).map((s) => s.toUpperCase()));
    // Weighted towards the routes that write (POST /jobs/demo.echo) and read (GET /jobs?…).
    const path = fc.oneof(
      { arbitrary: fc.constant('/jobs/demo.echo'), weight: 6 },
      fc.constantFrom('/jobs', '/tasks', '/', '/jobs/nope.task', '/jobs/', '//jobs'),
      { arbitrary: fc.tuple(fc.constant('/jobs'), query).map(([p, q]) => p + q), weight: 2 },
      id.map((i) => `/jobs/${i}`),
      fc.uuid().map((i) => `/jobs/${i}/cancel`),
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
    );
    const request = fc.record({
      method: fc.oneof(
        { arbitrary: fc.constant('POST'), weight: 4 },
        fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'get', 'post', 'PROPFIND'),
      ),
      path,
      body,
      contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1'), { nil: undefined }),
      // Never a sentinel's id: a matching name would delete it, legitimately.
      resourceName: fc.option(headerValue, { nil: undefined }),
    });

    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.resourceName !== undefined) headers['x-resource-name'] = r.resourceName;
        const hasBody = !['GET', 'HEAD'].includes(r.method.toUpperCase());
        const res = await http.call(r.method, r.path, { headers, ...(hasBody && r.body !== undefined && { body: r.body }) });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400 && r.method.toUpperCase() !== 'HEAD') {
          expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
        }
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 300 },
    );
    // The generator reached both the enqueue path and the refusals, or the property proved little.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([202, 400, 404, 405, 422]));
  });
});
