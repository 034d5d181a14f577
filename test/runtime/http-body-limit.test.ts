/**
 * Issue 11, item 4: the body limit is counted in bytes and enforced while reading. A streamed body
 * past the limit is answered 413 after reading about the limit, not after buffering all of it.
 * The memory bound is generous (50 MB for a 20 MB body): it tells "stopped at the limit" from
 * "buffered the body, then its string, then the JSON", not one allocator from another.
 */
import { describe, expect, it } from 'vitest';
import { useHttpRuntime } from './helpers/http.js';
import { STORES } from './helpers/stores.js';

const MiB = 1024 * 1024;

/** A body of `total` bytes, made chunk by chunk as the server pulls; counts what was pulled. */
function streamedBody(total: number, chunkBytes = 64 * 1024) {
  const state = { pulled: 0, cancelled: false, peakRss: process.memoryUsage().rss };
  const chunk = new Uint8Array(chunkBytes).fill(0x20); // spaces: valid JSON whitespace, if it were parsed
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.peakRss = Math.max(state.peakRss, process.memoryUsage().rss);
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk.slice());
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe.each(STORES)('HTTP body limit on $name', (store) => {
  if (!store.url) {
    it.skip('PostgreSQL: set BG_LINT_TEST_DATABASE_URL to run this store', () => undefined);
    return;
  }
  const http = useHttpRuntime(store, `hbody_${store.name}`);
  const stored = async () => (await http.rt.jobs.list({ limit: 1000 })).length;

  it('a streamed 20 MB body → 413 after reading about 1 MiB; RSS grows < 50 MB', async () => {
    const before = await stored();
    const { stream, state } = streamedBody(20 * MiB);
    const rssBefore = process.memoryUsage().rss;
    const res = await http.call('POST', '/jobs/demo.echo', {
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half', // Node's Request needs it for a stream body; the DOM types do not know it
    } as never);
    const growth = Math.max(state.peakRss, process.memoryUsage().rss) - rssBefore;
    if (process.env.BG_LINT_PRINT_RSS) console.log(`[rss] pulled ${state.pulled} bytes, RSS growth ${growth} bytes`);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large', details: { max_bytes: MiB } });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(2 * MiB);
    expect(growth).toBeLessThan(50 * 1000 * 1000);
    expect(await stored()).toBe(before);
  });

  it('counts bytes, not characters: 400 "€" (1,200 bytes) over a 1,000-byte limit → 413', async () => {
    const handler = http.rt.httpHandler({ maxBodyBytes: 1000 });
    const body = JSON.stringify({ args: ['€'.repeat(400)] });
    expect(body.length).toBeLessThan(1000);
    const res = await http.post('demo.echo', body, handler);
    expect(res.status).toBe(413);
    // The same characters in ASCII fit.
    expect((await http.post('demo.echo', JSON.stringify({ args: ['e'.repeat(400)] }), handler)).status).toBe(202);
  });

  it('a declared content-length over the limit → 413 without reading the body', async () => {
    const handler = http.rt.httpHandler({ maxBodyBytes: 1000 });
    const { stream, state } = streamedBody(5000, 1000);
    const res = await http.call('POST', '/jobs/demo.echo', {
      handler,
      body: stream,
      headers: { 'content-length': '5000' },
      duplex: 'half',
    } as never);
    expect(res.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(1000);
  });

  it('bytes that are not UTF-8 → 400, not a silently replaced value', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"args": ["a'), 0xff, 0xfe, ...new TextEncoder().encode('"]}')]);
    const res = await http.call('POST', '/jobs/demo.echo', { body: bytes });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'bad_request', message: 'Body is not valid UTF-8' });
  });
});
