#!/bin/bash
# Installs what the build (and, with --test, the test suites) need on Debian 12, skipping what
# is already there. Run as root, or as a user with sudo.
set -euo pipefail

want_test=0
for arg in "$@"; do
    case "$arg" in
        --test) want_test=1 ;;
        *) echo "setup.sh: unknown option '$arg' (known: --test)" >&2; exit 2 ;;
    esac
done

packages=(
    cmake ninja-build g++ pkg-config libpq-dev
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qtkeychain-qt6-dev libqt6sql6-psql libqt6sql6-sqlite libqt6svg6
    qt6-translations-l10n libgl-dev libqt6opengl6-dev libxkbcommon-dev fonts-dejavu-core
    fonts-wqy-microhei
    qt6-httpserver-dev qt6-websockets-dev
)
if [ "$want_test" = 1 ]; then
    packages+=(postgresql-15 postgresql-client-15 postgresql-common pgbouncer xvfb xauth
               imagemagick clang-14 libclang-rt-14-dev llvm-14 python3 dpkg-dev file openssl
               prometheus)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup: every package is installed"
    exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then
        sudo="sudo"
    else
        echo "setup: not root and no sudo; install these packages, then run again:" >&2
        echo "  apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
