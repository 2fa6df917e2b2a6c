#!/usr/bin/env bash
# Runs a command with a hot standby of the PostgreSQL server that libpq's environment names
# (PGHOST, PGPORT, PGUSER, PGPASSWORD: scripts/with-postgres.sh sets them): a base backup taken
# with `pg_basebackup -R` (which writes primary_conninfo and standby.signal), started beside the
# primary on a port of its own, and streaming before the command starts.
# The command sees CC_TEST_STANDBY_HOST, CC_TEST_STANDBY_PORT and CC_TEST_STANDBY_DATA (its data
# directory, for pg_ctl promote); PGHOST/PGPORT still name the primary.
# The primary must allow replication connections (wal_level replica, max_wal_senders > 0, a
# "host replication" line in pg_hba.conf for its superuser): pg_virtualenv's clusters do.
# Runs the standby as the cluster's owner (postgres) when run as root.
set -euo pipefail
if [ -z "${PGPORT:-}" ]; then
    echo "with-standby: no PostgreSQL server given; run it inside scripts/with-postgres.sh" >&2
    exit 1
fi
bindir=${CC_PG_BINDIR:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}
for tool in pg_basebackup pg_ctl postgres; do
    if [ ! -x "$bindir/$tool" ]; then
        echo "with-standby: $bindir/$tool not found; install postgresql-15" >&2
        exit 1
    fi
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/cc-standby.XXXXXX")
data=$dir/data
run_as=()
if [ "$(id -u)" = 0 ]; then
    owner=${CC_STANDBY_USER:-postgres}
    chown "$owner" "$dir"
    run_as=(runuser -u "$owner" --)
fi
started=""
cleanup() {
    if [ -n "$started" ]; then
        "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT

primary_host=${PGHOST:-localhost}
# A socket directory cannot be given to the standby's walreceiver from another user's
# environment reliably: replicate over TCP on loopback.
case "$primary_host" in /*) primary_host=localhost ;; esac
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# The base backup, with -R: standby.signal and primary_conninfo (user and password included) in
# postgresql.auto.conf. PGPASSWORD is passed through runuser's environment.
if ! "${run_as[@]}" env PGPASSWORD="${PGPASSWORD:-}" "$bindir/pg_basebackup" \
    -h "$primary_host" -p "$PGPORT" -U "${PGUSER:-postgres}" -D "$data" -R -X stream \
    -c fast >"$dir/basebackup.log" 2>&1; then
    echo "with-standby: pg_basebackup failed:" >&2
    cat "$dir/basebackup.log" >&2
    exit 1
fi
# Debian keeps a cluster's configuration outside its data directory, so the copy has none:
# give the standby its own (the primary's pg_hba.conf, which lets the same roles in).
hba=$(psql -XAtqc 'SHOW hba_file' 2>/dev/null || true)
if [ -n "$hba" ] && [ -r "$hba" ]; then
    cp "$hba" "$data/pg_hba.conf"
else
    printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n' \
        >"$data/pg_hba.conf"
fi
: >"$data/pg_ident.conf"
cat >"$data/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
hot_standby = on
max_connections = 100
shared_buffers = 16MB
fsync = off
hba_file = '$data/pg_hba.conf'
ident_file = '$data/pg_ident.conf'
# Replay is not held back by queries on the standby: a test waiting for replay waits for
# nothing else.
max_standby_streaming_delay = 0
wal_receiver_status_interval = 1s
EOF
chown -R "${owner:-$(id -un)}" "$dir" 2>/dev/null || true
chmod 700 "$data"
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -l "$dir/standby.log" -w -t 60 start >/dev/null; then
    echo "with-standby: the standby did not start:" >&2
    cat "$dir/standby.log" >&2 || true
    exit 1
fi
started=1

# Streaming: the primary lists the standby's walsender as streaming, and the standby is in
# recovery.
streaming=""
for _ in $(seq 1 200); do
    state=$(psql -XAtqc "SELECT state FROM pg_stat_replication WHERE state = 'streaming' LIMIT 1" \
        2>/dev/null || true)
    recovery=$(psql -XAtq -h 127.0.0.1 -p "$port" -c 'SELECT pg_is_in_recovery()' 2>/dev/null || true)
    if [ "$state" = streaming ] && [ "$recovery" = t ]; then
        streaming=1
        break
    fi
    sleep 0.1
done
if [ -z "$streaming" ]; then
    echo "with-standby: the standby is not streaming after 20 s:" >&2
    cat "$dir/standby.log" >&2 || true
    exit 1
fi

export CC_TEST_STANDBY_HOST=127.0.0.1
export CC_TEST_STANDBY_PORT=$port
export CC_TEST_STANDBY_DATA=$data
export CC_TEST_STANDBY_LOG=$dir/standby.log
status=0
"$@" || status=$?
exit "$status"
