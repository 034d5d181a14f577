/**
 * Throwaway PostgreSQL servers a test starts for itself (through scripts/start-test-postgres.sh),
 * for tests that restart or stop the server: they must never disturb the suite's shared server.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCRIPT = fileURLToPath(new URL('../../../scripts/start-test-postgres.sh', import.meta.url));

export interface OwnServer {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
  restart(): void;
  stop(): void;
}

function pgCtl(dataDir: string, args: string): void {
  const bindir = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']).toString().trim();
  const command = `'${bindir}/pg_ctl' -D '${dataDir}' -w ${args} >/dev/null 2>&1`;
  if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command]);
  else execFileSync('sh', ['-c', command]);
}

export async function startOwnServer(port: number): Promise<OwnServer> {
  const url = execFileSync(SCRIPT, { env: { ...process.env, BG_LINT_PG_PORT: String(port) } }).toString().trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dataDir = (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
  await client.end();
  return {
    url,
    restart: () => pgCtl(dataDir, 'restart -m fast'),
    stop: () => {
      pgCtl(dataDir, 'stop -m immediate');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
