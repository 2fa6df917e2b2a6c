#!/bin/bash
# Builds the .deb with CPack, installs it on this machine and runs the installed programs.
# Part of scripts/test.sh (as root); proves that the package installs and runs on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${CC_BUILD_DIR:-build}"
rm -f "$build_dir"/connector-cache_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(ls "$build_dir"/connector-cache_*.deb)
echo "package-test: installing $deb"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --reinstall "./$deb" >/dev/null
fail=0
check() {
    local what="$1"; shift
    if out=$("$@" 2>&1); then
        echo "package-test: ok: $what: $out"
    else
        echo "package-test: FAILED: $what: $out" >&2
        fail=1
    fi
}
check "connector-cache --version" /usr/bin/connector-cache --version
check "connector-cache-console --version" env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/connector-cache-console --version
check "man page" test -f /usr/share/man/man1/connector-cache.1.gz -o -f /usr/share/man/man1/connector-cache.1
check ".desktop file" test -f /usr/share/applications/connector-cache-console.desktop
check "icon" test -f /usr/share/icons/hicolor/48x48/apps/connector-cache.png
check "CLI against a fresh SQLite" /usr/bin/connector-cache --database "sqlite:///tmp/cc-package-test-$$.db" demo --entries 10
rm -f "/tmp/cc-package-test-$$.db"*
exit $fail
