#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the runtime's server tests and prints the
# URL to use as BG_LINT_TEST_DATABASE_URL. Needs Debian's `postgresql` package (installed by .ci/run).
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "start-test-postgres: no PostgreSQL server under /usr/lib/postgresql" >&2; exit 1; }
data=$(mktemp -d /tmp/bg-lint-pg.XXXXXX)
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$data"
run "'$bindir/initdb' -D '$data' -A trust -U postgres --no-sync" >/dev/null
# The first free port from BG_LINT_PG_PORT (default 54329): a server left running elsewhere on the
# machine must not fail the run.
port="${BG_LINT_PG_PORT:-54329}"
# BG_LINT_PG_PRELOAD=pg_stat_statements: a server that can count statements (bench/runtime-roundtrips.ts).
preload=""
[ -n "${BG_LINT_PG_PRELOAD:-}" ] && preload=" -c shared_preload_libraries=$BG_LINT_PG_PRELOAD"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  if run "'$bindir/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$data' -c fsync=off -c max_connections=200$preload\" start" >/dev/null 2>&1; then
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    exit 0
  fi
  port=$((port + 1))
done
echo "start-test-postgres: could not start PostgreSQL; last log:" >&2
tail -n 20 "$data/server.log" >&2
exit 1
