#!/bin/bash
# The exporter and the shipped alerting rules against the real Prometheus tools (Debian
# package `prometheus`, installed by scripts/setup.sh --test):
#   prometheus_test.sh rules SOURCE_DIR       promtool test rules on the shipped rules file
#   prometheus_test.sh scrape SOURCE_DIR BIN  the exporter's /metrics through promtool check
#       metrics; a real Prometheus on loopback (temporary config and storage, a free port)
#       scrapes it and answers a query for the hit ratio through its HTTP API; an exporter on
#       an unreachable database answers connector_cache_up 0 at once.
set -euo pipefail

mode=${1:?mode}
src=${2:?source dir}
rules="$src/resources/prometheus/connector-cache-alerts.yml"

need() {
    command -v "$1" >/dev/null || { echo "FAIL: $1 is not installed (scripts/setup.sh --test)"; exit 1; }
}
need promtool

if [ "$mode" = rules ]; then
    promtool check rules "$rules"
    promtool test rules "$src/resources/prometheus/connector-cache-alerts.test.yml"
    exit 0
fi

bin=${3:?connector-cache binary}
need prometheus
need python3
tmp=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# GET a URL (5 s bound) and print the body.
fetch() {
    python3 - "$1" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
    sys.stdout.write(r.read().decode())
PY
}
# Starts the exporter on a free loopback port; prints the port.
start_exporter() {
    local out="$tmp/exporter$#.$RANDOM"
    "$bin" exporter --database "$1" --listen 127.0.0.1:0 --timeout 1000 >"$out" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do
        if grep -q '^serving http://' "$out"; then
            sed -n 's|^serving http://127.0.0.1:\([0-9]*\)/metrics.*|\1|p' "$out"
            return
        fi
        sleep 0.1
    done
    echo "FAIL: the exporter did not start:" >&2
    cat "$out" >&2
    exit 1
}

db="sqlite:///$tmp/cache.db"
"$bin" demo --database "$db" --entries 500 >/dev/null
port=$(start_exporter "$db")
fetch "http://127.0.0.1:$port/metrics" >"$tmp/metrics.txt"

# Prometheus' own linter: names, units, _total on counters, help texts.
lint=$(promtool check metrics <"$tmp/metrics.txt" 2>&1) || { echo "FAIL: promtool check metrics: $lint"; exit 1; }
[ -z "$lint" ] || { echo "FAIL: promtool check metrics: $lint"; exit 1; }
for line in 'connector_cache_up 1' 'connector_cache_hits_total ' 'connector_cache_misses_total ' \
            'connector_cache_hit_ratio{window="5m"} ' 'connector_cache_hit_ratio{window="15m"} ' \
            'connector_cache_entries{state="valid"} ' 'connector_cache_alert_firing{rule="hit_rate_low"' \
            'connector_cache_exporter_scrape_duration_seconds ' \
            'connector_cache_exporter_database_errors_total 0' \
            'connector_cache_initialization_duration_seconds_bucket{outcome="hit",le="0.25"} ' \
            'connector_cache_initialization_duration_seconds_bucket{outcome="miss-synced",le="+Inf"} ' \
            'connector_cache_initialization_duration_seconds_sum{outcome="hit"} ' \
            'connector_cache_initialization_duration_seconds_count{outcome="failed"} ' \
            'connector_cache_timestamp_rejections_total 0' \
            'connector_cache_expired_last_hour_entries '; do
    grep -qF "$line" "$tmp/metrics.txt" || { echo "FAIL: /metrics lacks '$line'"; cat "$tmp/metrics.txt"; exit 1; }
done
echo "ok: promtool check metrics passes on the exporter's output"

# A real Prometheus on a free loopback port, scraping the exporter every second, with the
# shipped rules loaded.
pport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $rules
scrape_configs:
  - job_name: connector-cache
    static_configs:
      - targets: ['127.0.0.1:$port']
YML
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/data" \
    --web.listen-address="127.0.0.1:$pport" --log.level=warn >"$tmp/prometheus.log" 2>&1 &
pids+=($!)
query='connector_cache_hit_ratio{job="connector-cache",window="15m"}'
answer=""
for _ in $(seq 60); do
    answer=$(python3 - "$pport" "$query" <<'PY' || true
import json, sys, urllib.parse, urllib.request
url = "http://127.0.0.1:%s/api/v1/query?query=%s" % (sys.argv[1], urllib.parse.quote(sys.argv[2]))
try:
    with urllib.request.urlopen(url, timeout=2) as r:
        body = json.load(r)
except Exception:
    sys.exit(1)
result = body["data"]["result"]
if body["status"] != "success" or not result:
    sys.exit(1)
print(result[0]["value"][1])
PY
)
    [ -n "$answer" ] && break
    sleep 0.5
done
[ -n "$answer" ] || { echo "FAIL: Prometheus never answered $query"; cat "$tmp/prometheus.log"; exit 1; }
# The exporter's own figure for the same minute.
served=$(fetch "http://127.0.0.1:$port/metrics" | sed -n 's/^connector_cache_hit_ratio{window="15m"} //p')
python3 - "$answer" "$served" <<'PY'
import sys
answer, served = float(sys.argv[1]), float(sys.argv[2])
if not 0.0 < answer <= 1.0 or abs(answer - served) > 0.05:
    sys.exit("FAIL: Prometheus says the hit ratio is %s, the exporter %s" % (answer, served))
PY
rules_loaded=$(fetch "http://127.0.0.1:$pport/api/v1/rules" | python3 -c 'import json,sys; print(sum(len(g["rules"]) for g in json.load(sys.stdin)["data"]["groups"]))')
[ "$rules_loaded" = 9 ] || { echo "FAIL: Prometheus loaded $rules_loaded of the 9 shipped rules"; exit 1; }
echo "ok: Prometheus scraped the exporter: hit ratio over 15 minutes $answer (exporter: $served), 9 rules loaded"

# A database that cannot be reached: a prompt scrape saying so, never a hang.
down=$(start_exporter "postgresql://127.0.0.1:1/none?connect_timeout=1")
start=$(date +%s%N)
fetch "http://127.0.0.1:$down/metrics" >"$tmp/down.txt"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -qx 'connector_cache_up 0' "$tmp/down.txt" || { echo "FAIL: no connector_cache_up 0"; cat "$tmp/down.txt"; exit 1; }
grep -qx 'connector_cache_exporter_database_errors_total 1' "$tmp/down.txt" || { echo "FAIL: the error was not counted"; exit 1; }
lint=$(promtool check metrics <"$tmp/down.txt" 2>&1) && [ -z "$lint" ] || { echo "FAIL: promtool check metrics (down): $lint"; exit 1; }
[ "$elapsed_ms" -lt 4000 ] || { echo "FAIL: the scrape of a dead database took $elapsed_ms ms"; exit 1; }
echo "ok: an unreachable database scrapes as connector_cache_up 0 in $elapsed_ms ms"
