/**
 * Issue 11, item 6: the safe-delete confirmation. A wrong X-RESOURCE-NAME is a 409 that says the
 * name did not match and never tells the right one (else it confirms itself in two requests); an
 * upper-case id, which GET accepts, is accepted by DELETE (URL and header) too.
 */
import { describe, expect, it } from 'vitest';
import { useHttpRuntime } from './helpers/http.js';
import { STORES } from './helpers/stores.js';

describe.each(STORES)('HTTP DELETE on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const http = useHttpRuntime(store, `hdel_${store.name}`);
  const pending = async () => (await http.rt.enqueue('demo.echo', [1], { delaySeconds: 3600 })).job_id;

  it('a wrong name → 409 that never echoes the expected name; nothing is deleted', async () => {
    const id = await pending();
    const res = await http.call('DELETE', `/jobs/${id}`, { headers: { 'X-RESOURCE-NAME': 'another-job' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'conflict', message: expect.stringContaining('does not match') });
    expect(res.text.toLowerCase()).not.toContain(id);
    expect(await http.rt.jobs.get(id)).toMatchObject({ id, status: 'pending' });
  });

  it.each([
    ['upper-case URL and header', (id: string) => [id.toUpperCase(), id.toUpperCase()]],
    ['upper-case URL, lower-case header', (id: string) => [id.toUpperCase(), id]],
    ['lower-case URL, upper-case header', (id: string) => [id, id.toUpperCase()]],
  ])('%s → 200, the job is gone', async (_case, shape) => {
    const id = await pending();
    const [inUrl, inHeader] = shape(id);
    expect((await http.call('GET', `/jobs/${inUrl}`)).status).toBe(200);
    const res = await http.call('DELETE', `/jobs/${inUrl}`, { headers: { 'X-RESOURCE-NAME': inHeader! } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deleted: true, name: id });
    expect(await http.rt.jobs.get(id)).toBeNull();
  });

  it('POST /jobs/:ID/cancel takes an upper-case id too', async () => {
    const id = await pending();
    const res = await http.call('POST', `/jobs/${id.toUpperCase()}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'failed' });
  });
});
