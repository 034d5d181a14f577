/**
 * The runtime's own database: PGlite (embedded, one connection, persisted in a folder) or a
 * PostgreSQL URL (a pool). Both speak the same SQL; what differs is concurrency, which this file
 * hides behind `begin/transaction/query` and makes explicit with `singleConnection`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { ConstructorOptions, Db } from 'pg-boss';
import { fromPglite } from 'pg-boss';
import { TaskConfigurationError } from './errors.js';
import { withSession, type SessionHandle, type SqlSession } from './sessions.js';

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  /**
   * PGlite has a single connection: while a transaction is open, every other statement waits for
   * it. The runtime then never awaits its own writes from inside a task's open session.
   */
  readonly singleConnection: boolean;
  /** For logs: the store without credentials. */
  readonly description: string;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Opens a transaction; the caller commits or rolls back, then closes. */
  begin(): Promise<SessionHandle<SqlSession>>;
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** How pg-boss reaches this database. */
  bossConnection(): Partial<ConstructorOptions>;
  close(): Promise<void>;
}

/** Connection pool sizes on PostgreSQL (PGlite has one connection whatever they say). */
export interface PoolSizes {
  /** The runtime's own pool (records, task sessions); default 10. */
  poolSize?: number;
  /** pg-boss's pool (fetch, heartbeats, supervision); default 4. */
  bossPoolSize?: number;
}

/** pg-boss's `db` option over one of our sessions, so a pg-boss call joins our transaction. */
export function bossDb(session: SqlSession): Db {
  return { executeSql: (text, values) => session.query(text, values) };
}

/**
 * Marks async work running inside a task's open default session on a single-connection store.
 * A runtime write from there would wait for the session that waits for it: we throw instead.
 */
const openSessionScope = new AsyncLocalStorage<boolean>();

export function runInOpenSession<T>(fn: () => Promise<T>): Promise<T> {
  return openSessionScope.run(true, fn);
}

/** True inside a task's open default session on a single-connection store (see `runInOpenSession`). */
export function inOpenSession(): boolean {
  return openSessionScope.getStore() === true;
}

/** Runs `fn` outside any task session scope (for the runtime's own deferred writes). */
export function outsideSession<T>(fn: () => T): T {
  return openSessionScope.exit(fn);
}

function assertNotInOpenSession(openTransactions: number): void {
  if (openSessionScope.getStore() && openTransactions > 0) {
    throw new TaskConfigurationError(
      'PGlite has a single connection and this task holds it through ctx.session: use ctx.session for ' +
        'database work inside the task (pass { session: ctx.session } to enqueue), or commit first with ctx.commitBatch()',
    );
  }
}

async function begin(run: (fn: (tx: Transaction) => Promise<void>) => Promise<void>): Promise<SessionHandle<SqlSession>> {
  // PGlite only offers callback transactions; a deferred turns one into an open/commit/rollback handle.
  let settle!: (outcome: 'commit' | 'rollback') => void;
  const outcome = new Promise<'commit' | 'rollback'>((r) => (settle = r));
  let opened!: (tx: Transaction) => void;
  let failed!: (error: unknown) => void;
  const ready = new Promise<Transaction>((res, rej) => {
    opened = res;
    failed = rej;
  });
  const done = run(async (tx) => {
    opened(tx);
    if ((await outcome) === 'rollback' && !tx.closed) await tx.rollback();
  });
  done.catch(failed);
  const tx = await ready;
  let finished = false;
  const finish = async (how: 'commit' | 'rollback') => {
    if (finished) return;
    finished = true;
    settle(how);
    await done;
  };
  return {
    session: pgliteSession(tx),
    commit: () => finish('commit'),
    rollback: () => finish('rollback'),
    // Closing an unfinished handle rolls it back: nothing is committed by accident.
    close: () => finish('rollback'),
  };
}

function pgliteSession(target: Pick<Transaction, 'query' | 'exec'>): SqlSession {
  return {
    async query<R>(text: string, params?: unknown[]) {
      // Parameter-less text may hold several statements (pg-boss does that); only exec() runs those.
      if (params && params.length) return (await target.query<R>(text, params)) as { rows: R[] };
      const results = await target.exec(text);
      return { rows: results.flatMap((r) => r.rows as R[]) };
    },
  };
}

class PgliteStore implements Store {
  readonly kind = 'pglite';
  readonly singleConnection = true;
  readonly description: string;
  readonly #db: PGlite;
  /** Transactions holding the connection now: inside a task's scope, any of them may be its own. */
  #open = 0;

  constructor(db: PGlite, description: string) {
    this.#db = db;
    this.description = description;
  }

  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }> {
    assertNotInOpenSession(this.#open);
    return pgliteSession(this.#db).query<R>(text, params);
  }

  begin(): Promise<SessionHandle<SqlSession>> {
    assertNotInOpenSession(this.#open);
    return begin((fn) =>
      this.#db.transaction(async (tx) => {
        this.#open++;
        try {
          await fn(tx);
        } finally {
          this.#open--;
        }
      }),
    );
  }

  async transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    assertNotInOpenSession(this.#open);
    return this.#db.transaction(async (tx) => {
      this.#open++;
      try {
        return await fn(pgliteSession(tx));
      } finally {
        this.#open--;
      }
    });
  }

  bossConnection(): Partial<ConstructorOptions> {
    return { db: fromPglite(this.#db), backend: 'pglite' };
  }

  async close(): Promise<void> {
    if (!this.#db.closed) await this.#db.close();
  }
}

class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly singleConnection = false;
  readonly description: string;
  readonly #pool: pg.Pool;
  readonly #url: string;
  readonly #onError: (error: Error) => void;

  readonly #bossPoolSize: number;

  constructor(url: string, onError: (error: Error) => void, sizes: PoolSizes) {
    this.#url = url;
    this.#onError = onError;
    this.#pool = new pg.Pool({ connectionString: url, max: sizes.poolSize ?? 10 });
    this.#bossPoolSize = sizes.bossPoolSize ?? 4;
    // An idle client's error (server restart) is emitted, not thrown: without a listener it would crash.
    this.#pool.on('error', onError);
    // Every client keeps one listener of its own for life. A client changing hands has none
    // otherwise: pg-pool drops its idle listener when it hands the client out, and a session attaches
    // its own only after `await pool.connect()` resumes. A FATAL parsed in between (a terminated
    // backend whose last reply and FATAL came in one chunk) crashed the process (issue 11). The
    // client is then unusable, so the session's BEGIN fails and the client is destroyed; reported
    // here only when no other listener (idle, session) reports it.
    this.#pool.on('connect', (client) => {
      client.on('error', (error: Error) => {
        if (client.listenerCount('error') === 1) onError(error);
      });
    });
    this.description = url.replace(/\/\/[^@/]*@/, '//***@');
  }

  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }> {
    return this.#pool.query(text, params) as unknown as Promise<{ rows: R[] }>;
  }

  async begin(): Promise<SessionHandle<SqlSession>> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    // The pool listens for errors only on idle clients: a checked-out client whose backend dies
    // (pg_terminate_backend, a server restart, idle_in_transaction_session_timeout) emits 'error',
    // which without this listener crashes the process. The session's next query fails instead.
    const onError = (error: Error) => {
      broken ??= error;
      this.#onError(error);
    };
    client.on('error', onError);
    const release = () => {
      client.removeListener('error', onError);
      // A broken client, or one whose COMMIT/ROLLBACK failed (maybe mid-transaction): destroy it, never pool it.
      client.release(broken);
    };
    try {
      await client.query('BEGIN');
    } catch (error) {
      broken ??= error as Error;
      release();
      throw error;
    }
    let state: 'open' | 'done' | 'closed' = 'open';
    const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (state !== 'open') return;
      state = 'done';
      try {
        await client.query(sql);
      } catch (error) {
        broken ??= error as Error;
        throw error;
      }
    };
    return {
      session: {
        query: (text, params) => {
          // After close the client may serve someone else: a late query from a task that ignored
          // its abort signal must not run on another run's connection.
          if (state === 'closed') return Promise.reject(new TaskConfigurationError('This session is closed'));
          return client.query(text, params) as never;
        },
      },
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
      cancel: () => this.#cancel(client, state === 'open'),
      close: async () => {
        if (state === 'closed') return;
        if (state === 'open') await end('ROLLBACK').catch(() => undefined);
        state = 'closed';
        release();
      },
    };
  }

  /**
   * Cancels the statement running on a checked-out client (its backend keeps running a query after
   * the task gave up, holding the slot and the connection), through another connection.
   */
  async #cancel(client: pg.PoolClient, open: boolean): Promise<void> {
    const pid = (client as unknown as { processID?: number }).processID;
    if (!open || !pid) return;
    await this.#pool.query('SELECT pg_cancel_backend($1)', [pid]);
  }

  async transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    return withSession({ open: () => this.begin() }, fn);
  }

  bossConnection(): Partial<ConstructorOptions> {
    return { connectionString: this.#url, max: this.#bossPoolSize };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/**
 * Opens `pglite:<folder>` (`pglite:memory` or `pglite:` for a throwaway in-memory database) or a
 * `postgres://` / `postgresql://` URL.
 */
export async function openStore(spec: string, onError: (error: Error) => void, sizes: PoolSizes = {}): Promise<Store> {
  for (const [name, value] of Object.entries(sizes)) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 1000)) {
      throw new TaskConfigurationError(`${name} must be an integer from 1 to 1000`, { [name]: value });
    }
  }
  if (/^postgres(ql)?:\/\//.test(spec)) return new PostgresStore(spec, onError, sizes);
  const match = /^pglite:(.*)$/.exec(spec);
  if (!match) {
    throw new TaskConfigurationError(`Unknown store "${spec}": use "pglite:<folder>" or a postgres:// URL`);
  }
  const where = match[1] ?? '';
  const memory = where === '' || where === 'memory' || where === 'memory://';
  const db = memory ? new PGlite() : new PGlite(resolve(where));
  await db.waitReady;
  return new PgliteStore(db, memory ? 'pglite:memory' : `pglite:${resolve(where)}`);
}
