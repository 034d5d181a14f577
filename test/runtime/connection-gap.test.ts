/**
 * Issue 11, the connection-loss race: a pooled connection handed from one caller to the next
 * (a `store.query` finishes, a waiting `store.begin` gets its client) is, for a moment, no one's:
 * pg-pool has removed its idle error listener and the session has not attached its own yet. A FATAL
 * (57P01, a terminated backend) parsed in that moment was emitted as 'error' on a pg Client with no
 * listener, and killed the process. The proxy makes the moment certain: the query's last reply and
 * the FATAL arrive in one chunk.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/runtime/store.js';
import { startHoldingProxy, type HoldingProxy } from './helpers/holding-proxy.js';
import { PG_URL, waitFor } from './helpers/stores.js';

describe.skipIf(!PG_URL)('a backend terminated while its connection changes hands', () => {
  let proxy: HoldingProxy | undefined;
  let store: Store | undefined;
  const admin = new pg.Client({ connectionString: PG_URL });

  afterAll(async () => {
    await store?.close().catch(() => undefined);
    await proxy?.close();
    await admin.end().catch(() => undefined);
  });

  it('fails the waiting session cleanly instead of crashing, and the next session works', async () => {
    await admin.connect();
    proxy = await startHoldingProxy(PG_URL!);
    const appName = `bg_gap_${process.pid}_${Date.now() % 100000}`;
    const errors: Error[] = [];
    // One connection, so the session must take the very client the query releases.
    store = await openStore(proxy.url(appName), (e) => errors.push(e), { poolSize: 1 });
    await store.query('SELECT 1');
    const backend = async () =>
      (await admin.query<{ pid: number; state: string }>('SELECT pid, state FROM pg_stat_activity WHERE application_name = $1', [appName])).rows[0];
    const pid = (await backend())!.pid;

    proxy.hold();
    const query = store.query<{ one: number }>('SELECT 1 AS one');
    const session = store.begin();
    const sessionOutcome = session.then(
      (handle) => ({ handle }),
      (error: unknown) => ({ error }),
    );
    // The server sent its whole answer, ReadyForQuery included (the proxy keeps it), and waits idle:
    // terminate it now, so its FATAL follows the answer in the same held chunk. (pg_stat_activity says
    // idle a moment before ReadyForQuery is sent: the proxy's bytes are the signal to wait for.)
    await waitFor(() => proxy!.holdsReadyForQuery(), 'the backend to answer the query');
    await waitFor(async () => (await backend())?.state === 'idle', 'the backend to wait for the next query');
    expect((await admin.query('SELECT pg_terminate_backend($1) AS ok', [pid])).rows[0].ok).toBe(true);
    // Its FATAL is kept too once the server closed the connection (the last thing it sends).
    await waitFor(() => proxy!.holdsClosedConnection(), 'the backend to send its FATAL and close');
    proxy.release();

    expect((await query).rows).toEqual([{ one: 1 }]);
    const outcome = await sessionOutcome;
    // The session got a dead connection: it fails (its task's try fails and is retried by policy)…
    if ('handle' in outcome) {
      await expect(outcome.handle.session.query('SELECT 1')).rejects.toThrow();
      await outcome.handle.close();
    } else {
      expect(outcome.error).toBeInstanceOf(Error);
    }
    expect(errors.some((e) => (e as { code?: string }).code === '57P01')).toBe(true);
    // …and the store goes on, on a new connection.
    const next = await store.begin();
    expect((await next.session.query<{ two: number }>('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await next.commit();
    await next.close();
  });
});
