/**
 * The dashboard's routes without a browser: off by default, loopback-only with `true`, 401/403
 * from `authorize`, its assets served by the runtime itself, and the retry action it uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, silentLogger, type Runtime } from '../../src/runtime/index.js';
import { isLoopbackRequest } from '../../src/runtime/dashboard/access.js';

describe('dashboard routes', () => {
  let rt: Runtime;
  let failedId: string;
  let completedId: string;

  beforeAll(async () => {
    rt = await createRuntime({ store: 'pglite:memory', logger: silentLogger });
    const flaky = rt.simpleTask({ name: 'demo.flaky', retryPolicy: 'no_retry' }, async (ctx, n: number) => {
      if (n < 0) throw new Error('negative');
      return ctx.successResult({ n });
    });
    failedId = (await rt.runNow(flaky, [-1], { triggeredBy: 'manual:alice', dedupKey: 'flaky-1' })).id;
    completedId = (await rt.runNow(flaky, [1], { triggeredBy: 'manual:alice' })).id;
  });
  afterAll(() => rt?.close());

  const get = (handler: (r: Request) => Promise<Response>, url: string, headers: Record<string, string> = {}) =>
    handler(new Request(url, { headers }));

  it('is off by default: 404, as any unknown route', async () => {
    const res = await get(rt.httpHandler({ basePath: '/api' }), 'http://127.0.0.1/api/dashboard');
    expect(res.status).toBe(404);
  });

  it('with dashboard: true serves the page and its own assets to loopback requests', async () => {
    const handler = rt.httpHandler({ basePath: '/api', dashboard: true });
    const page = await get(handler, 'http://127.0.0.1:8080/api/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<body data-base="/api">');
    expect(html).toContain('src="/api/dashboard/dashboard.js"');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    const js = await get(handler, 'http://localhost/api/dashboard/dashboard.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('X-RESOURCE-NAME');
    expect((await get(handler, 'http://[::1]/api/dashboard/dashboard.css')).status).toBe(200);
    expect((await get(handler, 'http://localhost/api/dashboard/../package.json')).status).toBe(404);
    expect((await get(handler, 'http://localhost/api/dashboard/secrets.txt')).status).toBe(404);
  });

  it.each([
    ['a public host name', 'http://jobs.example.com/api/dashboard', {}],
    ['a LAN address', 'http://192.168.1.20/api/dashboard', {}],
    ['a request through a proxy', 'http://127.0.0.1/api/dashboard', { 'x-forwarded-for': '203.0.113.9' }],
    ['a Forwarded header', 'http://localhost/api/dashboard', { forwarded: 'for=203.0.113.9' }],
  ])('with dashboard: true refuses %s with 403', async (_case, url, headers) => {
    const res = await get(rt.httpHandler({ basePath: '/api', dashboard: true }), url, headers);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'forbidden', message: expect.stringContaining('authorize') });
  });

  it('tells loopback hosts from others', () => {
    const at = (url: string) => isLoopbackRequest(new Request(url));
    expect([at('http://localhost:3000/'), at('http://127.0.0.1/'), at('http://127.8.9.1/'), at('http://[::1]:9/'), at('http://app.localhost/')]).toEqual([
      true, true, true, true, true,
    ]);
    expect([at('http://127.0.0.1.example.com/'), at('http://10.0.0.1/'), at('http://localhost.example.com/')]).toEqual([false, false, false]);
  });

  it('with authorize: 401 without credentials, 403 with wrong ones, 200 with right ones, on any host', async () => {
    const handler = rt.httpHandler({
      basePath: '/api',
      dashboard: { authorize: async (request) => request.headers.get('authorization') === 'Bearer ops' },
    });
    expect((await get(handler, 'https://jobs.example.com/api/dashboard')).status).toBe(401);
    expect((await get(handler, 'https://jobs.example.com/api/dashboard', { authorization: 'Bearer guest' })).status).toBe(403);
    expect((await get(handler, 'https://jobs.example.com/api/dashboard/dashboard.js', { authorization: 'Bearer guest' })).status).toBe(403);
    expect((await get(handler, 'https://jobs.example.com/api/dashboard', { authorization: 'Bearer ops' })).status).toBe(200);
  });

  it('POST /jobs/:id/retry queues a new job with the failed one\'s task, args and dedup key', async () => {
    const handler = rt.httpHandler({ basePath: '/api', triggeredBy: () => 'manual:ops' });
    const res = await handler(new Request(`http://h/api/jobs/${failedId}/retry`, { method: 'POST' }));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { job_id: string; status: string; retry_of: string };
    expect(body).toMatchObject({ status: 'pending', retry_of: failedId });
    expect(res.headers.get('location')).toBe(`/api/jobs/${body.job_id}`);
    const again = await rt.jobs.get(body.job_id);
    expect(again).toMatchObject({ task: 'demo.flaky', args: [-1], dedup_key: 'flaky-1', triggered_by: 'manual:ops', status: 'pending' });
    expect((await rt.jobs.get(failedId))?.status).toBe('failed'); // the history stays
  });

  it('refuses to retry a job that did not fail (409), an unknown one (404) and a GET (405)', async () => {
    const handler = rt.httpHandler();
    const post = (id: string) => handler(new Request(`http://h/jobs/${id}/retry`, { method: 'POST' }));
    const conflict = await post(completedId);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ message: 'Only a failed job can be retried' });
    expect((await post('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await handler(new Request(`http://h/jobs/${failedId}/retry`))).status).toBe(405);
  });
});
