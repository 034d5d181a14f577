/**
 * Runs the job table's migrations on start. Versions are recorded in `<table>_migrations`
 * (`bg_jobs_migrations` by default). An advisory lock serialises runtimes starting at the same
 * time on one PostgreSQL, so two of them never race on CREATE TABLE.
 */
import type { Store } from '../store.js';
import { createJobs } from './001_create_jobs.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

export const MIGRATIONS: readonly Migration[] = [createJobs];

/** Table names are identifiers we interpolate into SQL: only plain ones are accepted. */
export function assertTableName(table: string): void {
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(table)) {
    throw new Error(`Invalid table name "${table}": use lowercase letters, digits and underscores`);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function migrate(store: Store, table: string): Promise<number[]> {
  assertTableName(table);
  const versions = quoteIdent(`${table}_migrations`);
  return store.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`bg-lint:migrate:${table}`]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${versions} (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>(`SELECT version FROM ${versions}`);
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.query(m.up({ table: quoteIdent(table), name: (suffix) => quoteIdent(`${table}_${suffix}`) }));
      await tx.query(`INSERT INTO ${versions} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
