/**
 * Version 1: the job record table, its status index, and the partial unique index that makes
 * `dedupKey` hold across processes (only while a job is pending or running: a finished job frees
 * its key). Statuses are checked by the database too, so a hand-written UPDATE cannot invent one.
 */
import type { Migration } from './types.js';

export const createJobs: Migration = {
  version: 1,
  name: 'create_jobs',
  up: ({ table, name }) => `
    CREATE TABLE IF NOT EXISTS ${table} (
      id               uuid PRIMARY KEY,
      task             text NOT NULL,
      queue            text NOT NULL,
      status           text NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'running', 'completed', 'failed', 'completed_with_warnings')),
      args             jsonb NOT NULL DEFAULT '[]'::jsonb,
      result           jsonb,
      progress         jsonb,
      warnings         jsonb NOT NULL DEFAULT '[]'::jsonb,
      error_message    text,
      triggered_by     text,
      dedup_key        text,
      attempts         integer NOT NULL DEFAULT 0,
      max_attempts     integer NOT NULL DEFAULT 1,
      run_after        timestamptz NOT NULL DEFAULT now(),
      lease_owner      text,
      lease_expires_at timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now(),
      started_at       timestamptz,
      completed_at     timestamptz,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS ${name('status_idx')} ON ${table} (status);
    CREATE INDEX IF NOT EXISTS ${name('task_created_idx')} ON ${table} (task, created_at DESC);
    CREATE UNIQUE INDEX IF NOT EXISTS ${name('dedup_key_active_idx')} ON ${table} (dedup_key)
      WHERE dedup_key IS NOT NULL AND status IN ('pending', 'running');
    CREATE INDEX IF NOT EXISTS ${name('running_lease_idx')} ON ${table} (lease_expires_at)
      WHERE status = 'running';
  `,
};
