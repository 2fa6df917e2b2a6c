#!/bin/bash
# Installs what is missing, builds, and opens the console on the embedded SQLite database,
# filled with demo data the first time. Without a display it says so and shows the way on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DCC_BUILD_TESTS=OFF -DCC_BUILD_BENCH=OFF
bin="${CC_BUILD_DIR:-build}/bin"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    # Fill the embedded database so the CLI has something to show.
    if ! "$bin/connector-cache" count >/dev/null 2>&1 \
        || [ "$("$bin/connector-cache" count 2>/dev/null)" = "0" ]; then
        "$bin/connector-cache" demo --entries 2000
    fi
    cat <<MSG

No display: the console (a desktop window) cannot open here. Ways on:
  - the CLI, the console's twin:   $bin/connector-cache stats    (--help for every command)
  - a virtual display:             apt-get install xvfb && xvfb-run -a bash scripts/run.sh
  - a desktop session, or ssh -X.

The demo database's statistics, from the CLI:
MSG
    exec "$bin/connector-cache" stats
fi

exec "$bin/connector-cache-console" --demo "$@"
