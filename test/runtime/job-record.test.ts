/**
 * The job record's columns are written once (shared/job-record.ts); the migration's SQL stays SQL.
 * These tests hold the two together and pin the row/JSON mapping to literal values.
 */
import { describe, expect, it } from 'vitest';
import { JOB_RECORD_COLUMNS } from '../../src/shared/job-record.js';
import { recordToJson, rowToRecord } from '../../src/runtime/job-record.js';
import { migrate } from '../../src/runtime/migrations/index.js';
import { openStore } from '../../src/runtime/store.js';

describe('job record columns', () => {
  it('the migration creates exactly the interface\'s columns, in table order', async () => {
    const store = await openStore('pglite:memory', () => undefined);
    try {
      await migrate(store, 'bg_jobs');
      const { rows } = await store.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'bg_jobs' ORDER BY ordinal_position`,
      );
      expect(rows.map((r) => r.column_name)).toEqual([...JOB_RECORD_COLUMNS]);
    } finally {
      await store.close();
    }
  });

  it('maps a row (as either driver returns it) to a record, and a record to its JSON form', () => {
    const row = {
      id: 'a0000000-0000-4000-8000-000000000001', task: 'reports.build', queue: 'default', status: 'failed',
      args: '[1,"x"]', result: null, progress: { done: 3 }, warnings: null, error_message: 'Error: boom',
      triggered_by: 'api:test', dedup_key: undefined, attempts: '2', max_attempts: 4,
      run_after: '2026-12-01T10:00:00.000Z', lease_owner: null, lease_expires_at: null,
      created_at: new Date('2026-12-01T09:00:00.000Z'), started_at: '2026-12-01T09:30:00.000Z', completed_at: null,
      updated_at: '2026-12-01T09:31:00.000Z', bg_sent: 1,
    };
    const record = rowToRecord(row);
    expect(record).toEqual({
      id: 'a0000000-0000-4000-8000-000000000001', task: 'reports.build', queue: 'default', status: 'failed',
      args: [1, 'x'], result: null, progress: { done: 3 }, warnings: [], error_message: 'Error: boom',
      triggered_by: 'api:test', dedup_key: null, attempts: 2, max_attempts: 4,
      run_after: new Date('2026-12-01T10:00:00.000Z'), lease_owner: null, lease_expires_at: null,
      created_at: new Date('2026-12-01T09:00:00.000Z'), started_at: new Date('2026-12-01T09:30:00.000Z'), completed_at: null,
      updated_at: new Date('2026-12-01T09:31:00.000Z'),
    });
    expect(recordToJson(record)).toEqual({
      ...record,
      run_after: '2026-12-01T10:00:00.000Z', created_at: '2026-12-01T09:00:00.000Z',
      started_at: '2026-12-01T09:30:00.000Z', updated_at: '2026-12-01T09:31:00.000Z',
    });
  });
});
