#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the runtime's server tests and prints the
# URL to use as BG_LINT_TEST_DATABASE_URL. Needs Debian's `postgresql` package (installed by .ci/run).
set -euo pipefail
port="${BG_LINT_PG_PORT:-54329}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "start-test-postgres: no PostgreSQL server under /usr/lib/postgresql" >&2; exit 1; }
data=$(mktemp -d /tmp/bg-lint-pg.XXXXXX)
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$data"
run "'$bindir/initdb' -D '$data' -A trust -U postgres --no-sync" >/dev/null
run "'$bindir/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k /tmp -c fsync=off -c max_connections=200\" start" >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
