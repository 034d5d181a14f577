/**
 * A real worker process for the connection-loss tests:
 * `node --import tsx resilience-proc.ts <url> <table> <bossSchema> <concurrency>`.
 * Its task holds a database session (a statement, then an idle pause inside the transaction), so a
 * terminated backend or a server restart hits connections in every state. Each run prints a JSON
 * line `{ run: 'start' | 'end', job, attempt, t }` on stdout: the test checks from those that no job
 * ever ran twice at once, without needing the database that is being broken.
 */
import { createRuntime, silentLogger } from '../../../src/runtime/index.js';
import { registerResilienceTasks } from './resilience-tasks.js';

const [url, table, bossSchema, concurrency] = process.argv.slice(2) as [string, string, string, string];
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const rt = await createRuntime({ store: url, table, bossSchema, heartbeatSeconds: 1, logger: silentLogger });

registerResilienceTasks(rt, (run, job, attempt) => say({ run, job, attempt, t: Date.now() }));

await rt.work({ concurrency: Number(concurrency), pollIntervalMs: 100 });
say({ ready: true });

process.on('SIGTERM', () => {
  rt.close({ graceMs: 5000 })
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
});
