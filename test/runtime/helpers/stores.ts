/**
 * The stores the runtime suite runs on: embedded PGlite always, PostgreSQL when
 * BG_LINT_TEST_DATABASE_URL is set. In CI (CI=true) a missing URL fails the suite rather than
 * silently skipping half of it.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.BG_LINT_TEST_DATABASE_URL || undefined;

if (!PG_URL) {
  if (process.env.CI === 'true') {
    throw new Error('BG_LINT_TEST_DATABASE_URL must be set in CI: the runtime suite runs on PostgreSQL too');
  }
  console.warn('[runtime tests] BG_LINT_TEST_DATABASE_URL is not set: the PostgreSQL runs are SKIPPED (PGlite only)');
}

export interface TestStore {
  name: 'pglite' | 'postgres';
  url: string | undefined;
}

export const STORES: TestStore[] = [
  { name: 'pglite', url: 'pglite:memory' },
  { name: 'postgres', url: PG_URL },
];

/** A fresh table and pg-boss schema per test file, so files never collide on one server. */
export function uniqueNames(prefix: string): { table: string; bossSchema: string } {
  const id = randomUUID().replace(/-/g, '').slice(0, 10);
  return { table: `${prefix}_${id}_jobs`, bossSchema: `${prefix}_${id}_boss` };
}

/** Drops what `uniqueNames` created on PostgreSQL (PGlite in memory goes away by itself). */
export async function dropNames(url: string | undefined, names: { table: string; bossSchema: string }, extra: string[] = []) {
  if (!url?.startsWith('postgres')) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${names.bossSchema}" CASCADE`);
    for (const t of [names.table, `${names.table}_migrations`, ...extra]) await client.query(`DROP TABLE IF EXISTS "${t}"`);
  } finally {
    await client.end();
  }
}

/** Polls `check` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A promise with its resolve function, to hold a task until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
