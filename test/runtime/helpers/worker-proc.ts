/**
 * A real worker process for the kill test: `node --import tsx worker-proc.ts <url> <table> <bossSchema>`.
 * Each run of its tasks writes a row (start, end) to `<table>_runs` through its own connection, so
 * the test can check that no job ever ran twice at once, even across a SIGKILL.
 */
import pg from 'pg';
import { createRuntime, silentLogger } from '../../../src/runtime/index.js';
import { registerKillTasks } from './kill-tasks.js';

const [url, table, bossSchema] = process.argv.slice(2) as [string, string, string];
const runs = new pg.Pool({ connectionString: url, max: 4 });
// An idle connection's error is emitted on the pool: unheard, it would kill the worker, not the test's point.
runs.on('error', () => undefined);
const rt = await createRuntime({ store: url, table, bossSchema, heartbeatSeconds: 2, logger: silentLogger });

registerKillTasks(rt, async (jobId, attempt, ms) => {
  const { rows } = await runs.query<{ run_id: number }>(
    `INSERT INTO "${table}_runs" (job_id, attempt, pid, started_at) VALUES ($1, $2, $3, clock_timestamp()) RETURNING run_id`,
    [jobId, attempt, process.pid],
  );
  await new Promise((r) => setTimeout(r, ms));
  await runs.query(`UPDATE "${table}_runs" SET ended_at = clock_timestamp() WHERE run_id = $1`, [rows[0]!.run_id]);
});

await rt.work({ concurrency: 3, pollIntervalMs: 100 });
process.stdout.write('ready\n');

process.on('SIGTERM', () => {
  rt.close({ graceMs: 10_000 })
    .then(() => runs.end())
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
});
