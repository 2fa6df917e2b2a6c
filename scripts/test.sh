#!/bin/bash
# Installs what is missing, builds, and runs every test suite: each store-facing suite against
# SQLite and against a throw-away PostgreSQL 15 cluster (pg_virtualenv), the widget suites
# offscreen; then the same with AddressSanitizer and UBSan, the fuzz targets for a fixed
# number of inputs, and the .deb built, installed and run.
# .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh --test
bash scripts/build.sh
build_dir="${CC_BUILD_DIR:-build}"
status=0
# One cluster for the whole run; the suites each create and drop their own databases in it.
bash scripts/with-postgres.sh \
    ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j"$(nproc)" "$@" || status=1
# The same suites built with AddressSanitizer and UndefinedBehaviorSanitizer.
if [ "${CC_SKIP_SANITIZERS:-0}" != 1 ]; then
    bash scripts/test-sanitize.sh || status=1
fi
# The fuzz targets from the committed corpus and regressions: a fixed seed and number of inputs,
# so that the result is the same on every machine (exploring is scripts/fuzz.sh's default).
if [ "${CC_SKIP_FUZZ:-0}" != 1 ]; then
    FUZZ_SEED="${FUZZ_SEED:-1}" FUZZ_RUNS="${FUZZ_RUNS:-1500000}" FUZZ_SECONDS="${FUZZ_SECONDS:-300}" \
        bash scripts/fuzz.sh || status=1
fi
if [ "$(id -u)" = 0 ] || [ "${CC_PACKAGE_TEST:-0}" = 1 ]; then
    bash scripts/package-test.sh || status=1
else
    echo "test: skipping the package install test (needs root, or CC_PACKAGE_TEST=1 with sudo)"
fi
echo "test: finished in $(( $(date +%s) - start )) s, status $status"
exit $status
