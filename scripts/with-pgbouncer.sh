#!/usr/bin/env bash
# Runs a command with a PgBouncer in transaction pooling in front of the PostgreSQL server that
# libpq's environment names (PGHOST, PGPORT, PGUSER, PGPASSWORD: scripts/with-postgres.sh sets
# them). The pool has fewer server connections (default_pool_size = 2) than the suites open
# clients, so that nothing may rely on session state surviving between transactions.
# The command sees CC_TEST_PGBOUNCER_PORT (and CC_TEST_PGBOUNCER_HOST); PGHOST/PGPORT still name
# the server itself, for fixtures that must not go through the pooler (CREATE DATABASE).
# Needs Debian's pgbouncer (scripts/setup.sh --test installs it).
set -euo pipefail
if [ -z "${PGPORT:-}" ]; then
    echo "with-pgbouncer: no PostgreSQL server given; run it inside scripts/with-postgres.sh" >&2
    exit 1
fi
pgbouncer=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
if [ ! -x "$pgbouncer" ]; then
    echo "with-pgbouncer: pgbouncer not found; install it (scripts/setup.sh --test does)" >&2
    exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/cc-pgbouncer.XXXXXX")
pid=""
cleanup() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=${PGUSER:-$(id -un)}
server_host=${PGHOST:-localhost}
# A socket directory is a path; PgBouncer takes it as host= too.
# Clients log in with their server passwords (SCRAM), which PgBouncer looks up with auth_query
# as the cluster's superuser, whose own password is the only one written here; so roles made
# by a test log in through the pooler too, and a wrong password is refused.
printf '"%s" "%s"\n' "$user" "${PGPASSWORD:-}" > "$dir/users.txt"
cat > "$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$server_host port=$PGPORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/users.txt
auth_user = $user
pool_mode = transaction
default_pool_size = ${CC_PGBOUNCER_POOL_SIZE:-2}
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 200
max_db_connections = 0
server_reset_query =
server_check_delay = 1
# A client waiting for a server session (the server is down) is refused after this long
# instead of PgBouncer's 120 s default.
query_wait_timeout = 5
# After a failed server login (the server restarting) PgBouncer waits this long before trying
# again (default 15 s): the restart tests expect the pool back within seconds.
server_login_retry = 1
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
admin_users = $user
EOF
# PgBouncer refuses to run as root: as root, run it as the cluster's owner (pg_virtualenv's
# clusters belong to postgres).
run_as=()
if [ "$(id -u)" = 0 ]; then
    owner=${CC_PGBOUNCER_USER:-postgres}
    chown -R "$owner" "$dir"
    run_as=(runuser -u "$owner" --)
fi
"${run_as[@]}" "$pgbouncer" -q "$dir/pgbouncer.ini" 2>/dev/null &
pid=$!
for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1', $port)))" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "with-pgbouncer: pgbouncer did not start:" >&2
        cat "$dir/pgbouncer.log" >&2 || true
        exit 1
    fi
    sleep 0.05
done
export CC_TEST_PGBOUNCER_HOST=127.0.0.1
export CC_TEST_PGBOUNCER_PORT=$port
export CC_TEST_PGBOUNCER_LOG=$dir/pgbouncer.log
status=0
"$@" || status=$?
exit "$status"
