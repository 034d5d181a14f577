/**
 * SQL for the job record table. Every status change builds its `WHERE status = <from>` and
 * `SET status = <to>` from `statusChangeSql`, which checks the pair against the transition table
 * first, and every write by a worker names the lease owner,
 * so a worker that lost its job cannot overwrite what the new holder wrote. Times are the
 * database's `now()`, so hosts with different clocks agree.
 */
import type { JobWarning } from '../shared/jobs.js';
import { rowToRecord, toJson, type JobRecord, type JobStatus, type QueueName } from './job-record.js';
import { quoteIdent } from './migrations/index.js';
import type { SqlSession } from './sessions.js';
import { assertTransition, statusChangeSql } from './transitions.js';

export type Executor = Pick<SqlSession, 'query'>;

export interface NewJob {
  id: string;
  task: string;
  queue: QueueName;
  args: unknown[];
  triggeredBy: string | null;
  dedupKey: string | null;
  maxAttempts: number;
  delayMs: number;
}

/** What a successful run writes to its record. */
export interface CompletedRun {
  id: string;
  /** The pg-boss job of this try, if any. */
  bossId?: string;
  result: unknown;
  warnings: JobWarning[];
  progress: Record<string, unknown> | null;
}

/** What `fail` writes: the status it leaves, whose lease it was (null: a pending job, cancelled), why. */
export interface Failure {
  from: 'running' | 'pending';
  owner: string | null;
  errorMessage: string;
  /** Kept on the record when given (the failed run's warnings and last progress). */
  warnings?: JobWarning[];
  progress?: Record<string, unknown> | null;
}

/** What `retry` writes: back to pending for the lease holder `owner`, startable after `delayMs`. */
export interface NextPending {
  owner: string;
  /** Default 0: runnable at once. */
  delayMs?: number;
  /** Replaces the record's `error_message` when given; a release keeps the last one. */
  errorMessage?: string | null;
  /** A shutdown gives the try back (`attempts - 1`): it did not fail. Default false. */
  release?: boolean;
}

export interface ListFilter {
  status?: JobStatus | readonly JobStatus[];
  task?: string;
  since?: Date;
  limit?: number;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

/** The one parameter of `#insertManySql`: the jobs as a JSON list of rows. */
const insertManyParam = (jobs: NewJob[]) =>
  JSON.stringify(
    jobs.map((j) => ({
      id: j.id, task: j.task, queue: j.queue, args: j.args, triggered_by: j.triggeredBy,
      dedup_key: j.dedupKey, max_attempts: j.maxAttempts, delay_ms: j.delayMs,
    })),
  );

/** pg-boss's `complete` UPDATE, captured (engine.ts `captureComplete`), and its parameters. */
export interface CapturedComplete {
  update: string;
  values: unknown[];
}

/** Any warning makes a successful run `completed_with_warnings`. */
const completedStatus = (warnings: JobWarning[]): JobStatus => (warnings.length ? 'completed_with_warnings' : 'completed');

function completeManyParams(owner: string, runs: CompletedRun[]): unknown[] {
  const json = runs.map((r) => {
    const status = completedStatus(r.warnings);
    assertTransition('running', status, r.id);
    return { id: r.id, boss_id: r.bossId ?? null, status, result: r.result ?? null, warnings: r.warnings, progress: r.progress };
  });
  return [owner, JSON.stringify(json)];
}

/** A pg-boss statement captured instead of run (engine.ts `captureSend`): its text and its one parameter. */
export interface CapturedSend {
  text: string;
  values: [unknown];
}

export class JobRepository {
  readonly table: string;

  constructor(tableName: string) {
    this.table = quoteIdent(tableName);
  }

  /** Inserts a pending job; null when an active job already holds its dedup key. */
  async insert(ex: Executor, job: NewJob): Promise<JobRecord | null> {
    const { rows } = await ex.query(`${this.#insertManySql(1)} RETURNING *`, [insertManyParam([job])]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /**
   * Inserts pending jobs and, in the same statement, runs pg-boss's own insert of their first tries
   * (`send`'s SQL, captured: its only parameter `$1` is its job list, here the jobs' lists joined):
   * one round trip and no explicit transaction, atomic because it is one statement. A pg-boss job
   * is inserted only for a record that was (a dedup hit inserts neither). Returns the ids inserted
   * (a new record is `pending`, nothing else to read back); a job missing from them was a dedup hit.
   */
  async insertManyWithSend(ex: Executor, jobs: NewJob[], send: CapturedSend): Promise<string[]> {
    // Without dedup keys every record is inserted (or the statement fails): pg-boss takes the whole
    // list. With keys, only the tries of the records inserted; that filter re-parses the list
    // (about a third of the statement's server time for 1,000 jobs), so it is paid only then.
    const sendSql = jobs.every((j) => j.dedupKey === null)
      ? send.text
      : send.text.replace(
          '$1::json',
          `(SELECT COALESCE(json_agg(j), '[]'::json) FROM json_array_elements($1::json) AS j
             WHERE (j->'data'->>'record_id')::uuid IN (SELECT id FROM rec))`,
        );
    const { rows } = await ex.query(
      `WITH rec AS (${this.#insertManySql(2)} RETURNING id), sent AS (${sendSql})
       SELECT rec.id, (SELECT count(*) FROM sent)::int AS bg_sent FROM rec`,
      [send.values[0], insertManyParam(jobs)],
    );
    if (rows.length && rows[0]!.bg_sent !== rows.length) {
      throw new Error(`pg-boss accepted ${rows[0]!.bg_sent} of the first tries of ${rows.length} jobs`);
    }
    return rows.map((row) => String(row.id));
  }

  /** Inserts pending jobs in one statement; returns the ids inserted (not the dedup hits). */
  async insertMany(ex: Executor, jobs: NewJob[]): Promise<string[]> {
    const { rows } = await ex.query(`${this.#insertManySql(1)} RETURNING id`, [insertManyParam(jobs)]);
    return rows.map((r) => String(r.id));
  }

  /**
   * The jobs of parameter `$param` (JSON, `insertManyParam`), inserted in their order: a key
   * repeated among them goes to the first, as if they were inserted one by one.
   */
  #insertManySql(param: number): string {
    return `INSERT INTO ${this.table}
         (id, task, queue, status, args, triggered_by, dedup_key, attempts, max_attempts, run_after)
       SELECT id, task, queue, 'pending', args, triggered_by, dedup_key, 0, max_attempts,
              now() + delay_ms * interval '1 millisecond'
         FROM ROWS FROM (jsonb_to_recordset($${param}::jsonb)
                AS (id uuid, task text, queue text, args jsonb, triggered_by text, dedup_key text, max_attempts int, delay_ms float8))
              WITH ORDINALITY AS x(id, task, queue, args, triggered_by, dedup_key, max_attempts, delay_ms, n)
        ORDER BY n
       ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL AND status IN ('pending', 'running') DO NOTHING`;
  }

  async findActiveByDedupKeys(ex: Executor, dedupKeys: string[]): Promise<JobRecord[]> {
    const { rows } = await ex.query(
      `SELECT * FROM ${this.table} WHERE dedup_key = ANY($1::text[]) AND status IN ('pending', 'running')`,
      [dedupKeys],
    );
    return rows.map(rowToRecord);
  }

  async findActiveByDedupKey(ex: Executor, dedupKey: string): Promise<JobRecord | null> {
    const { rows } = await ex.query(
      `SELECT * FROM ${this.table} WHERE dedup_key = $1 AND status IN ('pending', 'running') LIMIT 1`,
      [dedupKey],
    );
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async get(ex: Executor, id: string): Promise<JobRecord | null> {
    const { rows } = await ex.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  async list(ex: Executor, filter: ListFilter = {}): Promise<JobRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) {
      params.push(typeof filter.status === 'string' ? [filter.status] : [...filter.status]);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (filter.task !== undefined) {
      params.push(filter.task);
      where.push(`task = $${params.length}`);
    }
    if (filter.since !== undefined) {
      params.push(filter.since.toISOString());
      where.push(`created_at >= $${params.length}::timestamptz`);
    }
    params.push(Math.min(Math.max(filter.limit ?? 100, 1), 1000));
    const { rows } = await ex.query(
      `SELECT * FROM ${this.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id LIMIT $${params.length}`,
      params,
    );
    return rows.map(rowToRecord);
  }

  /** pending → running for the expected try; null when the delivery is stale (already claimed, cancelled, gone). */
  async claim(ex: Executor, id: string, previousAttempts: number, owner: string, leaseMs: number): Promise<JobRecord | null> {
    const { rows } = await ex.query(this.#claimSql('t.id = $1 AND t.attempts = $2', 3, 4), [id, previousAttempts, owner, leaseMs]);
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /**
   * The claim every path runs (one record, a fetched batch, a fetch folded in): pending → running,
   * one more attempt, started now, a fresh lease for `$owner`, no warnings yet. `match` picks the
   * records (`t`) and the try each must be at, from `from` when the deliveries are a table.
   */
  #claimSql(match: string, ownerParam: number, leaseParam: number, from?: string): string {
    const change = statusChangeSql('pending', 'running', { alias: 't' });
    return `UPDATE ${this.table} AS t
          SET ${change.set}, attempts = t.attempts + 1, started_at = now(), completed_at = NULL,
              lease_owner = $${ownerParam}, lease_expires_at = now() + $${leaseParam} * interval '1 millisecond',
              warnings = '[]'::jsonb, updated_at = now()
        ${from ? `FROM ${from}` : ''}
        WHERE ${match} AND ${change.where}
        RETURNING t.*`;
  }

  /**
   * `claim` for a fetched batch in one statement: each delivery claims its record only for its
   * expected try. Returns the records claimed; a delivery missing from them is stale.
   */
  async claimMany(ex: Executor, deliveries: { id: string; previousAttempts: number }[], owner: string, leaseMs: number): Promise<JobRecord[]> {
    const { rows } = await ex.query(
      this.#claimSql('t.id = c.id AND t.attempts = c.previous', 3, 4, 'unnest($1::uuid[], $2::int[]) AS c(id, previous)'),
      [deliveries.map((d) => d.id), deliveries.map((d) => d.previousAttempts), owner, leaseMs],
    );
    return rows.map(rowToRecord);
  }

  /**
   * pg-boss's fetch (`fetchSql`, captured: created → active for a batch) and `claimMany` of the
   * records its deliveries name, in ONE statement: one round trip per batch, and no delivery is
   * active without its claim having been tried. A payload that is not a record id and a try number
   * claims nothing. Returns every delivery fetched and the records claimed.
   */
  async fetchAndClaim(
    ex: Executor,
    fetchSql: string,
    owner: string,
    leaseMs: number,
  ): Promise<{ deliveries: { id: string; data: unknown }[]; claimed: JobRecord[] }> {
    const { rows } = await ex.query(
      `WITH fetched AS (${fetchSql}),
       deliveries AS (
         SELECT f.id AS boss_id, f.data,
                CASE WHEN f.data->>'record_id' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                     THEN (f.data->>'record_id')::uuid END AS record_id,
                CASE WHEN jsonb_typeof(f.data->'attempt') = 'number' AND f.data->>'attempt' ~ '^[0-9]{1,9}$'
                     THEN (f.data->>'attempt')::int END AS attempt
           FROM fetched f),
       claimed AS (${this.#claimSql('t.id = c.record_id AND t.attempts = c.attempt - 1', 1, 2, 'deliveries c')})
       SELECT d.boss_id AS bg_boss_id, d.data AS bg_data, claimed.* FROM deliveries d LEFT JOIN claimed ON claimed.id = d.record_id`,
      [owner, leaseMs],
    );
    const claimed = new Map<string, JobRecord>();
    for (const row of rows) if (row.id != null && !claimed.has(String(row.id))) claimed.set(String(row.id), rowToRecord(row));
    return {
      deliveries: rows.map((row) => ({ id: String(row.bg_boss_id), data: toJson(row.bg_data) })),
      claimed: [...claimed.values()],
    };
  }

  /** Extends the lease; false when the worker no longer holds the job. */
  async renewLease(ex: Executor, id: string, owner: string, leaseMs: number): Promise<boolean> {
    const { rows } = await ex.query(
      `UPDATE ${this.table} SET lease_expires_at = now() + $3 * interval '1 millisecond', updated_at = now()
        WHERE id = $1 AND status = 'running' AND lease_owner = $2 RETURNING id`,
      [id, owner, leaseMs],
    );
    return rows.length > 0;
  }

  async setProgress(ex: Executor, id: string, owner: string, progress: Record<string, unknown>): Promise<void> {
    await ex.query(
      `UPDATE ${this.table} SET progress = $3::jsonb, updated_at = now()
        WHERE id = $1 AND status = 'running' AND lease_owner = $2`,
      [id, owner, json(progress)],
    );
  }

  /** running → completed | completed_with_warnings. */
  async complete(
    ex: Executor,
    id: string,
    owner: string,
    outcome: { result: unknown; warnings: JobWarning[]; progress: Record<string, unknown> | null },
  ): Promise<JobRecord | null> {
    const change = statusChangeSql('running', completedStatus(outcome.warnings), { jobId: id });
    const { rows } = await ex.query(
      `UPDATE ${this.table}
          SET ${change.set}, result = $3::jsonb, warnings = $4::jsonb, progress = COALESCE($5::jsonb, progress),
              error_message = NULL, completed_at = now(), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
        WHERE id = $1 AND ${change.where} AND lease_owner = $2
        RETURNING *`,
      [id, owner, json(outcome.result), json(outcome.warnings), outcome.progress ? json(outcome.progress) : null],
    );
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /**
   * `complete` for several runs of one owner in one statement (the completion batcher). Returns
   * the records completed; a run missing from them lost its lease.
   */
  async completeMany(ex: Executor, owner: string, runs: CompletedRun[]): Promise<JobRecord[]> {
    const { rows } = await ex.query(`${this.#completeManySql(1)} RETURNING t.*`, completeManyParams(owner, runs));
    return rows.map(rowToRecord);
  }

  /**
   * `completeMany` and, in the same statement, pg-boss's own `complete` of their pg-boss jobs (the
   * captured statement: `$1` queue, `$2` job ids, `$3` output), restricted to the runs whose record
   * was completed: one round trip, atomic as one statement.
   */
  async completeManyWithSettle(ex: Executor, owner: string, runs: CompletedRun[], settle: CapturedComplete): Promise<JobRecord[]> {
    const settleSql = settle.update.replace('id = ANY($2::uuid[])', 'id = ANY($2::uuid[]) AND id IN (SELECT bg_boss_id FROM done)');
    const { rows } = await ex.query(
      `WITH done AS (${this.#completeManySql(4)} RETURNING t.*, c.boss_id AS bg_boss_id),
       settled AS (${settleSql} RETURNING 1)
       SELECT * FROM done`,
      [settle.values[0], runs.map((r) => r.bossId), settle.values[2], ...completeManyParams(owner, runs)],
    );
    return rows.map(rowToRecord);
  }

  /** Parameters from `$first`: the owner, then the runs as JSON. */
  #completeManySql(first: number): string {
    // Each run's own status (with or without warnings) comes from its JSON row, checked in
    // completeManyParams; the guard on the `from` status is the same for both.
    const { where } = statusChangeSql('running', 'completed', { alias: 't' });
    return `UPDATE ${this.table} AS t
          SET status = c.status, result = c.result, warnings = c.warnings, progress = COALESCE(c.progress, t.progress),
              error_message = NULL, completed_at = now(), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
         FROM jsonb_to_recordset($${first + 1}::jsonb) AS c(id uuid, boss_id uuid, status text, result jsonb, warnings jsonb, progress jsonb)
        WHERE t.id = c.id AND ${where} AND t.lease_owner = $${first}`;
  }

  /** running → failed (owner given) or pending → failed (cancel, owner null). */
  async fail(ex: Executor, id: string, failure: Failure): Promise<JobRecord | null> {
    const change = statusChangeSql(failure.from, 'failed', { jobId: id });
    const { warnings, progress } = failure;
    const { rows } = await ex.query(
      `UPDATE ${this.table}
          SET ${change.set}, error_message = $3, completed_at = now(),
              warnings = COALESCE($4::jsonb, warnings), progress = COALESCE($5::jsonb, progress),
              lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
        WHERE id = $1 AND ${change.where} AND lease_owner IS NOT DISTINCT FROM $2
        RETURNING *`,
      [id, failure.owner, failure.errorMessage, warnings ? json(warnings) : null, progress ? json(progress) : null],
    );
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /**
   * running → pending: a retry after `delayMs` (the try counts), or a release on shutdown
   * (`release: true`: the try is given back, it did not fail).
   */
  async retry(ex: Executor, id: string, next: NextPending): Promise<JobRecord | null> {
    const change = statusChangeSql('running', 'pending', { jobId: id });
    const { rows } = await ex.query(
      `UPDATE ${this.table}
          SET ${change.set}, run_after = now() + $3 * interval '1 millisecond',
              error_message = COALESCE($4, error_message), attempts = attempts - $5::int,
              lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
        WHERE id = $1 AND ${change.where} AND lease_owner = $2
        RETURNING *`,
      [id, next.owner, next.delayMs ?? 0, next.errorMessage ?? null, next.release ? 1 : 0],
    );
    return rows[0] ? rowToRecord(rows[0]) : null;
  }

  /**
   * Running jobs whose holder stopped heartbeating (or, with `allForeign`, every running job),
   * except `skipIds` (this process's own runs), locked for this transaction.
   */
  async expiredLeases(ex: Executor, skipIds: string[], allForeign: boolean, limit = 50): Promise<JobRecord[]> {
    const { rows } = await ex.query(
      `SELECT * FROM ${this.table}
        WHERE status = 'running'
          AND ($3::boolean OR lease_expires_at IS NULL OR lease_expires_at < now())
          AND NOT (id = ANY($1::uuid[]))
        ORDER BY lease_expires_at NULLS FIRST
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [skipIds, limit, allForeign],
    );
    return rows.map(rowToRecord);
  }

  async delete(ex: Executor, id: string, status: JobStatus): Promise<boolean> {
    const { rows } = await ex.query(`DELETE FROM ${this.table} WHERE id = $1 AND status = $2 RETURNING id`, [id, status]);
    return rows.length > 0;
  }
}
