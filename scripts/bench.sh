#!/bin/bash
# Installs what is missing, builds, starts a throw-away PostgreSQL 15 (pg_virtualenv) with a
# pgbench database beside ours, a PgBouncer in transaction mode in front of it, and runs the benchmark through scripts/bench_pairs.py: one full
# run of every figure, then each paired figure and its baseline in alternating short rounds.
# Arguments: --json, --quick, --pairs N (default 7), --round-seconds S (default 2),
# --pairs-only; the rest (--no-sqlite, --batch-size N) go to connector-cache-bench.
# The README's table: scripts/bench.sh --json > bench.json && scripts/bench_table.py bench.json
set -euo pipefail
cd "$(dirname "$0")/.."
# Only the benchmark's output goes to stdout (so `--json > bench.json` is JSON); the rest,
# pg_virtualenv's own messages too, to stderr: fd 3 carries the real stdout through.
# -t: the cluster in a temporary directory even as root, so that a test run beside us (its
# cluster 15/regress in /etc/postgresql) and this benchmark do not collide.
bash scripts/setup.sh --test >&2
bash scripts/build.sh >&2
bin="${CC_BUILD_DIR:-build}/bin"
# The pooled figures (issue 14) go through a PgBouncer in transaction mode in front of the same
# server (scripts/with-pgbouncer.sh); its pool holds more server sessions than the rounds use
# at once, so that no round waits for one.
export CC_PGBOUNCER_POOL_SIZE="${CC_PGBOUNCER_POOL_SIZE:-10}"
# The cold-start baseline runs psql's binary itself: Debian's /usr/bin/psql is pg_wrapper, a
# Perl script that costs a start-up tens of milliseconds before psql even runs.
CC_BENCH_PSQL="${CC_BENCH_PSQL:-$(ls /usr/lib/postgresql/15/bin/psql 2>/dev/null || command -v psql)}"
export CC_BENCH_PSQL
# shellcheck disable=SC2016
exec pg_virtualenv -t -v 15 bash -c '
    set -e
    createdb cc_bench
    createdb cc_pgbench
    pgbench -i -q -s 10 cc_pgbench >/dev/null 2>&1
    echo "machine: $(nproc) cores, $(free -g | awk "/Mem:/ {print \$2}") GiB, $(lsb_release -ds 2>/dev/null || grep PRETTY /etc/os-release | cut -d= -f2), PostgreSQL $(psql -Atc "show server_version" cc_bench)" >&2
    echo "pooler: PgBouncer $(pgbouncer --version 2>/dev/null | head -1 | awk "{print \$NF}"), transaction mode, pool size $CC_PGBOUNCER_POOL_SIZE" >&2
    exec bash scripts/with-pgbouncer.sh python3 scripts/bench_pairs.py --bench "$0" "$@" >&3' "$bin/connector-cache-bench" "$@" 3>&1 >&2
