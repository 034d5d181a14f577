/**
 * Sessions: how a `dbTask` gets its own database session for each run (BG-033, docs/runtime.md "Session factories": a fresh
 * session per run, never the request's; committed on success, rolled back on error, always closed).
 * A factory is one method, so any database library fits; docs/runtime.md shows Kysely, Prisma,
 * TypeORM and Drizzle. The default factory opens a transaction on the runtime's own database.
 */

/** The default session: a transaction on the runtime's database, with `pg`'s query shape. */
export interface SqlSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** One opened session and what to do with it; the runtime calls commit or rollback, then close. */
export interface SessionHandle<S> {
  session: S;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /**
   * Optional: stops the statement running in this session now (the run timed out or was aborted),
   * so the rollback that follows does not wait for it. The default session cancels it on the server.
   */
  cancel?(): Promise<void>;
  /** Releases the connection. Called exactly once, after commit or rollback (or alone on a failed open). */
  close(): Promise<void>;
}

export interface SessionFactory<S> {
  open(): Promise<SessionHandle<S>>;
}

/**
 * Runs `fn` in a fresh session: commit when it resolves, rollback when it throws, close always.
 * The error of `fn` wins over a rollback or close error, which would only hide the cause.
 */
export async function withSession<S, T>(factory: SessionFactory<S>, fn: (session: S) => Promise<T>): Promise<T> {
  const handle = await factory.open();
  try {
    const value = await fn(handle.session);
    await handle.commit();
    return value;
  } catch (error) {
    await handle.rollback().catch(() => undefined);
    throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Builds a factory from a function that opens a handle, e.g. `sessionFactory(async () => ({...}))`. */
export function sessionFactory<S>(open: () => Promise<SessionHandle<S>>): SessionFactory<S> {
  return { open };
}
