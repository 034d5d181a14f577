/**
 * Issue 11, items 3 and 7: bad input over HTTP is the client's mistake, answered 4xx with a JSON
 * error before any SQL runs — never a 503 from the database — and nothing is stored. On PGlite and
 * on PostgreSQL, since both refuse the same values (U+0000, lone surrogates, out-of-range years).
 */
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../src/runtime/index.js';
import { useHttpRuntime } from './helpers/http.js';
import { STORES } from './helpers/stores.js';

describe.each(STORES)('HTTP bad input on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const http = useHttpRuntime(store, `hbad_${store.name}`, (rt) => {
    rt.simpleTask({ name: 'demo.validator_bug', validateArgs: () => { throw new TypeError('validator bug'); } }, async () => 1);
  });
  const stored = async () => (await http.rt.jobs.list({ limit: 1000 })).length;

  // Raw JSON text, so the values reach the server exactly as a client would send them.
  it.each([
    ['U+0000 in an args string', '{"args": ["a\\u0000b"]}', 'args'],
    ['U+0000 in an args object key', '{"args": [{"k\\u0000": 1}]}', 'args'],
    ['U+0000 in dedup_key', '{"dedup_key": "a\\u0000b"}', 'dedup_key'],
    ['a lone surrogate in args', '{"args": ["\\ud800"]}', 'args'],
    ['a lone surrogate in dedup_key (would be stored as U+FFFD)', '{"dedup_key": "x\\udc00"}', 'dedup_key'],
    ['1e400 in args (would be stored as null)', '{"args": [1, 1e400]}', 'args'],
    ['-1e400 nested in args', '{"args": [{"n": [-1e400]}]}', 'args'],
  ])('POST with %s → 422 naming the field, nothing stored', async (_case, body, field) => {
    const before = await stored();
    const res = await http.post('demo.echo', body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'model_validation_error', message: expect.any(String), details: { field } });
    expect(await stored()).toBe(before);
  });

  it('POST with U+0000 in a trusted triggered_by → 422, nothing stored', async () => {
    const trusting = http.rt.httpHandler({ trustClientTriggeredBy: true });
    const before = await stored();
    const res = await http.post('demo.echo', '{"triggered_by": "api:a\\u0000b"}', trusting);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'model_validation_error', details: { field: 'triggered_by' } });
    expect(await stored()).toBe(before);
  });

  it('keeps well-formed Unicode (a surrogate pair, U+FFFD) intact', async () => {
    const res = await http.post('demo.echo', { args: ['😀 \ufffd €'], dedup_key: 'emoji-😀' });
    expect(res.status).toBe(202);
    expect(await http.rt.jobs.get(res.body!.job_id)).toMatchObject({ args: ['😀 \ufffd €'], dedup_key: 'emoji-😀' });
  });

  it.each([
    ['since in year 0', '?since=0000-01-01', 'since'],
    ['since past year 9999', '?since=%2B275760-09-13', 'since'],
    ['since before year 1', '?since=-000001-01-01', 'since'],
    ['U+0000 in task', '?task=a%00b', 'task'],
  ])('GET /jobs with %s → 400 naming the field', async (_case, query, field) => {
    const res = await http.call('GET', `/jobs${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'bad_request', details: { field } });
  });

  it('answers a data error the checks missed (SQLSTATE class 22) with a 422, not a 503', async () => {
    const error = await http.rt.store.query(`SELECT $1::jsonb`, ['"\\u0000"']).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: '22P05' });
    const unexpected: unknown[] = [];
    const res = errorResponse(error, (e) => unexpected.push(e));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'model_validation_error', details: { sqlstate: '22P05' } });
    expect(unexpected).toEqual([]);
  });

  it('rt.httpHandler logs an unexpected error as rt.fetch does (and still calls onError)', async () => {
    const seen: unknown[] = [];
    const handler = http.rt.httpHandler({ basePath: '/api', onError: (e) => seen.push(e) });
    const logged = () => http.logs.filter((l) => l.message === 'HTTP request failed' && l.error === 'validator bug');
    const before = logged().length;
    const res = await http.call('POST', '/api/jobs/demo.validator_bug', { handler });
    expect(res.status).toBe(503);
    expect(logged()).toHaveLength(before + 1);
    expect(seen).toHaveLength(1);
  });

  describe('HEAD (answered as GET without a body)', () => {
    it('HEAD /jobs/:id → 200, the GET headers, no body', async () => {
      const { job_id } = await http.rt.enqueue('demo.echo', [1], { delaySeconds: 3600 });
      const res = await http.call('HEAD', `/jobs/${job_id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.text).toBe('');
    });

    it('HEAD /jobs, /tasks → 200; an unknown id → 404; both without a body', async () => {
      for (const [path, status] of [['/jobs', 200], ['/tasks', 200], ['/jobs/3f2b8c1e-5d4a-4b7c-9e8f-0a1b2c3d4e5f', 404]] as const) {
        const res = await http.call('HEAD', path);
        expect({ path, status: res.status, text: res.text }).toEqual({ path, status, text: '' });
      }
    });

    it('HEAD where there is no GET → 405 with Allow; 405s list HEAD beside GET', async () => {
      const id = '3f2b8c1e-5d4a-4b7c-9e8f-0a1b2c3d4e5f';
      const cancel = await http.call('HEAD', `/jobs/${id}/cancel`);
      expect(cancel.status).toBe(405);
      expect(cancel.headers.get('allow')).toBe('POST');
      const put = await http.call('PUT', `/jobs/${id}`);
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, HEAD, POST, DELETE');
    });
  });
});
