#!/bin/bash
# Installs what is missing, builds, starts a throw-away PostgreSQL 15 (pg_virtualenv) with a
# pgbench database beside ours, and runs the benchmark. Arguments go to the benchmark
# (--json, --quick).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/build.sh
bin="${CC_BUILD_DIR:-build}/bin"
# shellcheck disable=SC2016
exec pg_virtualenv -v 15 bash -c '
    set -e
    createdb cc_bench
    createdb cc_pgbench
    pgbench -i -q -s 10 cc_pgbench >/dev/null 2>&1
    echo "machine: $(nproc) cores, $(free -g | awk "/Mem:/ {print \$2}") GiB, $(lsb_release -ds 2>/dev/null || grep PRETTY /etc/os-release | cut -d= -f2), PostgreSQL $(psql -Atc "show server_version" cc_bench)" >&2
    exec "$0" "$@"' "$bin/connector-cache-bench" "$@"
