/** The HTTP layer without a database: error mapping (never a 500) and the safe-delete helper. */
import { describe, expect, it } from 'vitest';
import { TaskRegistry, checkResourceName, defineTask, safeDelete, RESOURCE_NAME_HEADER } from '../../src/runtime/index.js';
import { createFetchHandler } from '../../src/runtime/http.js';
import type { JobsApi } from '../../src/runtime/jobs.js';

const failingJobs: JobsApi = {
  get: () => Promise.reject(new Error('connection terminated')),
  list: () => Promise.reject(new Error('connection terminated')),
  active: () => Promise.reject(new Error('connection terminated')),
  cancel: () => Promise.reject(new Error('connection terminated')),
  delete: () => Promise.reject(new Error('connection terminated')),
};

describe('HTTP errors', () => {
  const seen: unknown[] = [];
  const handler = createFetchHandler(
    { registry: new TaskRegistry(), jobs: failingJobs, enqueue: () => Promise.reject(new Error('x')) },
    { basePath: '/api', onError: (e) => seen.push(e) },
  );

  it('answers an unexpected failure with a JSON 503, never a 500', async () => {
    const res = await handler(new Request('http://h/api/jobs'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'service_unavailable' });
    expect(seen).toHaveLength(1);
  });

  it('404s outside its mount point', async () => {
    expect((await handler(new Request('http://h/jobs'))).status).toBe(404);
    expect((await handler(new Request('http://h/api/other'))).status).toBe(404);
  });
});

describe('safeDelete helper', () => {
  const resources = new Map([['r1', { id: 'r1', name: 'prod-db', busy: false }], ['r2', { id: 'r2', name: 'cache', busy: true }]]);
  const del = (id: string, header?: string) =>
    safeDelete(new Request(`http://h/resources/${id}`, { method: 'DELETE', headers: header ? { [RESOURCE_NAME_HEADER]: header } : {} }), {
      find: async () => resources.get(id) ?? null,
      name: (r) => r.name,
      busy: (r) => (r.busy ? 'Resource is in use' : null),
      remove: async (r) => void resources.delete(r.id),
    });

  it.each([
    ['missing header', 'r1', undefined, 400],
    ['different name', 'r1', 'staging-db', 409],
    ['busy resource', 'r2', 'cache', 409],
    ['unknown resource', 'r9', 'x', 404],
    ['matching name', 'r1', 'prod-db', 200],
  ])('%s → %i', async (_case, id, header, status) => {
    const res = await del(id, header);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});

describe('checkResourceName', () => {
  const headers = (name: string) => new Headers({ [RESOURCE_NAME_HEADER]: name });

  it('a 409 for another name carries no expected name', () => {
    let caught: unknown;
    try {
      checkResourceName(headers('staging-db'), 'prod-db');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ httpStatus: 409, details: { header: RESOURCE_NAME_HEADER } });
    expect(JSON.stringify(caught) + String((caught as Error).message)).not.toContain('prod-db');
  });

  it('compares through normalize when given', () => {
    expect(() => checkResourceName(headers('PROD-DB'), 'prod-db')).toThrow();
    expect(() => checkResourceName(headers('PROD-DB'), 'prod-db', (n) => n.toLowerCase())).not.toThrow();
  });
});

function registryWith(name: string): TaskRegistry {
  const registry = new TaskRegistry();
  registry.register(defineTask({ name, kind: 'simple' }, async () => null) as Parameters<TaskRegistry['register']>[0]);
  return registry;
}

describe('reading a body that is gone', () => {
  it('a body already read (e.g. by a middleware) → 400, not a 503', async () => {
    const handler = createFetchHandler(
      { registry: registryWith('demo.echo'), jobs: failingJobs, enqueue: () => Promise.reject(new Error('not reached')) },
      {},
    );
    const request = new Request('http://h/jobs/demo.echo', { method: 'POST', body: '{}' });
    await request.text();
    const res = await handler(request);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request', message: 'Could not read the request body' });
  });
});
