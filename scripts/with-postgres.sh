#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL 15 cluster.
# Inside an existing pg_virtualenv (PGHOST/PGPORT set) it runs the command directly, so a whole
# test run shares one cluster; otherwise it wraps the command in pg_virtualenv, which creates a
# cluster, exports PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE, and removes it after.
set -euo pipefail
if [ -n "${PGPORT:-}" ] && [ -n "${PGHOST:-}" ]; then
    exec "$@"
fi
if ! command -v pg_virtualenv >/dev/null 2>&1; then
    echo "with-postgres: pg_virtualenv not found; install postgresql-15 and postgresql-common" \
         "(scripts/setup.sh does) or set PGHOST/PGPORT to a server you may create databases on" >&2
    exit 1
fi
exec pg_virtualenv -t -v 15 "$@"
