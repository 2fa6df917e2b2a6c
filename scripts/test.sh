#!/bin/bash
# Installs what is missing, builds, and runs every test suite: each store-facing suite against
# SQLite and against a throw-away PostgreSQL 15 cluster (pg_virtualenv), the widget suites
# offscreen. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/build.sh
build_dir="${CC_BUILD_DIR:-build}"
# One cluster for the whole run; the suites each create and drop their own databases in it.
exec bash scripts/with-postgres.sh \
    ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j"$(nproc)" "$@"
