/**
 * Issue 11, item 5: a client cannot forge `triggered_by`. The server's `triggeredBy(request)` (or
 * `api:anonymous`) is recorded whatever the body says, unless the app opts in with
 * `trustClientTriggeredBy: true`; then the body's value is used and checked like any other.
 */
import { describe, expect, it } from 'vitest';
import { useHttpRuntime } from './helpers/http.js';
import { STORES } from './helpers/stores.js';

describe.each(STORES)('HTTP triggered_by on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const http = useHttpRuntime(store, `htrig_${store.name}`);
  const recorded = async (res: { status: number; body: Record<string, any> | null }) => {
    expect(res.status).toBe(202);
    return (await http.rt.jobs.get(res.body!.job_id))!.triggered_by;
  };
  const fromAuth = (request: Request) => `api:${request.headers.get('x-client-id') ?? 'web'}`;

  it("the server's triggeredBy(request) wins over the body's triggered_by", async () => {
    const handler = http.rt.httpHandler({ triggeredBy: fromAuth });
    const res = await http.call('POST', '/jobs/demo.echo', {
      handler,
      body: JSON.stringify({ triggered_by: 'manual:admin' }),
      headers: { 'x-client-id': 'billing' },
    });
    expect(await recorded(res)).toBe('api:billing');
  });

  it('without triggeredBy, rt.fetch records api:anonymous, not the body’s claim', async () => {
    expect(await recorded(await http.post('demo.echo', { triggered_by: 'manual:admin' }))).toBe('api:anonymous');
  });

  it('an untrusted claim is ignored, whatever its type', async () => {
    expect(await recorded(await http.post('demo.echo', { triggered_by: 7 }))).toBe('api:anonymous');
  });

  describe('with trustClientTriggeredBy: true', () => {
    const trusting = () => http.rt.httpHandler({ triggeredBy: fromAuth, trustClientTriggeredBy: true });

    it("the body's triggered_by is recorded; without one, the server's", async () => {
      expect(await recorded(await http.post('demo.echo', { triggered_by: 'manual:alice' }, trusting()))).toBe('manual:alice');
      expect(await recorded(await http.post('demo.echo', {}, trusting()))).toBe('api:web');
    });

    it.each([
      ['not a string', { triggered_by: 7 }, 400, 'bad_request'],
      ['in the wrong format (ModelValidationError)', { triggered_by: 'bob' }, 422, 'model_validation_error'],
    ])('a claim %s → %i', async (_case, body, status, error) => {
      const res = await http.post('demo.echo', body, trusting());
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ error, details: { field: 'triggered_by' } });
    });
  });
});
