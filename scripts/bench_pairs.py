#!/usr/bin/env python3
"""Runs connector-cache-bench so that its ratios hold from run to run.

Each target's figure and its baseline are measured in short alternating rounds (A B A B ...,
`--pairs` times), each round a separate `connector-cache-bench --round KEY` process on the same
server, and the ratio is taken pair by pair: a neighbour that slows the machine for a while
moves both sides of a pair alike. The output keeps the benchmark's keys (the paired ones as
medians over the rounds) and adds `ratios` (per target: median, min, max, every pair), `load`
(load average before and after, steal and busy time from /proc/stat) and `warnings`.

Run through scripts/bench.sh, which starts the throw-away PostgreSQL this needs. Standard
library only.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
from typing import NamedTuple, Optional


class Target(NamedTuple):
    """A ratio figure / baseline, taken per pair. `rounds` names the --round keys that
    produce the two values when they are companions of another round's figure."""

    name: str
    figure: str
    baseline: str
    op: Optional[str] = None  # "<=" or ">=": the target; None: shown, not judged
    limit: Optional[float] = None
    rounds: Optional[tuple] = None


# One line per paired figure. Rounds run in the order their keys first appear here, so keep
# a figure next to its baseline. A new figure needs its --round in bench/cachebench.cpp.
TARGETS = [
    Target("get_hit_p50", "get_hit_p50_us", "pgbench_select_us", "<=", 2.0),
    Target("init_hit", "init_hit_us", "pgbench_select_us", "<=", 3.0),
    Target("get_8c", "get_8c_tps", "pgbench_8c_tps", ">=", 0.70),
    Target("statement_8c_of_select", "pgbench_get_statement_8c_tps", "pgbench_8c_tps"),
    Target("get_8c_of_statement", "get_8c_tps", "pgbench_get_statement_8c_tps"),
    Target("client_cpu_8c", "get_8c_client_cpu_us", "pgbench_8c_client_cpu_us",
           rounds=("get_8c_tps", "pgbench_8c_tps")),
    # The narrow lookup a connector's start-up makes (CacheStore::lookupOffset()).
    Target("offset_p50", "get_offset_p50_us", "pgbench_select_us", "<=", 2.0),
    Target("offset_8c", "get_offset_8c_tps", "pgbench_8c_tps", ">=", 0.70),
    Target("client_cpu_offset_8c", "get_offset_8c_client_cpu_us", "pgbench_8c_client_cpu_us",
           rounds=("get_offset_8c_tps", "pgbench_8c_tps")),
    # Issue 14. Through PgBouncer in transaction mode: our pooled get (unnamed statements)
    # against pgbench -S -M extended -c1 through the same pooler.
    Target("pooled_get", "get_pooled_p50_us", "pgbench_pooled_us", "<=", 2.0),
    # The connector's own lookup (lookupOffset()) through the same pooler.
    Target("offset_pooled", "get_offset_pooled_p50_us", "pgbench_pooled_us", "<=", 2.0),
    # A new process that looks one identity up and exits, against psql -Atc 'SELECT 1' through
    # the same URL; each round times several processes (their median), direct and pooled.
    Target("cold_start", "cold_start_ms", "psql_cold_ms", "<=", 1.5),
    Target("cold_start_pooled", "cold_start_pooled_ms", "psql_cold_pooled_ms", "<=", 1.5,
           rounds=("cold_start_ms", "psql_cold_ms")),
    # The floor under those: the same binaries' process start alone (connector-cache-coldstart
    # --start-only, psql --version), timed in the same rounds. No target: it says how much of
    # the cold start's ratio is loading Qt rather than anything the cache does.
    Target("cold_process", "cold_process_ms", "psql_process_ms",
           rounds=("cold_start_ms", "psql_cold_ms")),
    # And the other part of it: psql doing the cold start's server work (the hit's lookup,
    # then the hit count and the two history minutes) against SELECT 1, and our cold start
    # against that psql, which leaves the server's share out. No targets: they say how much of
    # the ratio is the server's first read of the seed's table and first writes of ours.
    Target("same_work_of_select", "psql_same_work_ms", "psql_cold_ms",
           rounds=("cold_start_ms", "psql_cold_ms")),
    Target("cold_start_of_same_work", "cold_start_ms", "psql_same_work_ms",
           rounds=("cold_start_ms", "psql_cold_ms")),
]

# The keys the benchmark's "pg" member holds (bench/cachebench.cpp, issueKeys()); a round's
# other values go to details.pg.
PG_KEYS = {
    "get_hit_p50_us", "get_hit_p99_us", "pgbench_select_us", "get_8c_tps", "pgbench_8c_tps",
    "set_p50_us", "init_hit_us", "init_hit_exchange_requests", "init_miss_ms", "stats_10k_ms",
    "stats_1m_ms", "history24h_10k_ms", "history24h_1m_ms", "first_page_10k_ms",
    "first_page_1m_ms", "cleanup_rows_per_s", "bare_delete_rows_per_s",
    "get_p99_during_cleanup_ms", "get_pooled_p50_us", "pgbench_pooled_us", "cold_start_ms",
    "psql_cold_ms",
}
# Round bookkeeping, kept in details.rounds only.
ROUND_ONLY = {"samples", "round_seconds", "hit_share"}

# A ratio whose pairs spread wider than this share of their median is called noisy.
MAX_SPREAD = 0.5


def round_order(targets):
    order = []
    for t in targets:
        for key in t.rounds or (t.figure, t.baseline):
            if key not in order:
                order.append(key)
    return order


def summarize(figures, baselines, op=None, limit=None):
    """The per-pair ratios figure[i] / baseline[i] with their median, min, max and spread,
    and whether the target is met: "yes"/"no" when every pair agrees with the median,
    "undecided" when the pairs fall on both sides of the limit."""
    if len(figures) != len(baselines) or not figures:
        raise ValueError("need as many figures as baselines, at least one")
    pairs = [f / b if b else float("nan") for f, b in zip(figures, baselines)]
    good = [p for p in pairs if p == p]
    if not good:
        raise ValueError("no pair has a baseline")
    med = statistics.median(good)
    out = {
        "median": med,
        "min": min(good),
        "max": max(good),
        "pairs": pairs,
        "spread": (max(good) - min(good)) / med if med else float("inf"),
    }
    if op is not None:
        meets = (lambda r: r <= limit) if op == "<=" else (lambda r: r >= limit)
        out["target"] = f"{op} {limit:g}"
        verdicts = {meets(p) for p in good}
        out["met"] = "undecided" if len(verdicts) > 1 else ("yes" if meets(med) else "no")
    return out


def read_loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def read_cpu_times():
    """/proc/stat's first line: user nice system idle iowait irq softirq steal ..."""
    with open("/proc/stat") as f:
        fields = f.readline().split()
    return [int(x) for x in fields[1:9]]


def cpu_shares(before, after):
    d = [a - b for a, b in zip(after, before)]
    total = sum(d) or 1
    return {
        "steal_pct": round(100.0 * d[7] / total, 1),
        "busy_pct": round(100.0 * (total - d[3] - d[4]) / total, 1),
    }


def load_warnings(load, cores):
    warnings = []
    if load["loadavg_before"][0] > 0.5 * cores:
        warnings.append(f"the machine was busy before the run: load {load['loadavg_before'][0]}"
                        f" on {cores} cores")
    if load["steal_pct"] > 5:
        warnings.append(f"{load['steal_pct']} % of CPU time was stolen by the hypervisor")
    return warnings


def ratio_warnings(ratios):
    warnings = []
    for name, r in ratios.items():
        if r.get("met") == "undecided":
            warnings.append(f"{name}: pairs from {r['min']:.2f} to {r['max']:.2f} lie on both "
                            f"sides of the target ({r['target']}): too wide to judge")
        elif r["spread"] > MAX_SPREAD:
            warnings.append(f"{name}: pairs spread {100 * r['spread']:.0f} % of their median "
                            f"({r['min']:.2f} to {r['max']:.2f})")
    return warnings


def merge(data, per_pair, targets):
    """Puts the rounds' medians into data (pg keys or details.pg) and adds ratios."""
    data.setdefault("pg", {})
    details = data.setdefault("details", {})
    details_pg = details.setdefault("pg", {})
    keys = []
    for pair in per_pair:
        for k in pair:
            if k not in keys and k not in ROUND_ONLY:
                keys.append(k)
    for k in keys:
        values = [p[k] for p in per_pair if k in p]
        v = max(values) if k.endswith("_requests") else statistics.median(values)
        (data["pg"] if k in PG_KEYS else details_pg)[k] = v
    data["ratios"] = {
        t.name: {"figure": t.figure, "baseline": t.baseline,
                 **summarize([p[t.figure] for p in per_pair],
                             [p[t.baseline] for p in per_pair], t.op, t.limit)}
        for t in targets
    }
    return data


def pooler_description():
    """The PgBouncer of scripts/bench.sh (scripts/with-pgbouncer.sh), in words."""
    try:
        out = subprocess.run(["pgbouncer", "--version"], stdout=subprocess.PIPE, text=True,
                             check=False).stdout.split()
        version = out[1] if len(out) > 1 else "?"
    except OSError:
        version = "?"
    return (f"PgBouncer {version} over TCP, pool_mode = transaction, default_pool_size = "
            f"{os.environ.get('CC_PGBOUNCER_POOL_SIZE', '2')}")


def run_bench(binary, args):
    out = subprocess.run([binary] + args, stdout=subprocess.PIPE, check=True, text=True)
    return json.loads(out.stdout)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", required=True, help="the connector-cache-bench binary")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--quick", action="store_true", help="the full run's --quick")
    ap.add_argument("--pairs", type=int, default=7, help="A B pairs per target (default 7)")
    ap.add_argument("--round-seconds", type=int, default=2, help="length of a round (default 2)")
    ap.add_argument("--warmup-pairs", type=int, default=1,
                    help="pairs run first and left out (default 1; kept in details)")
    ap.add_argument("--pairs-only", action="store_true",
                    help="only the paired rounds, not the full single run of every figure")
    a, bench_args = ap.parse_known_args(argv)  # the rest (--no-sqlite ...) for the full run
    if a.pairs < 5:
        ap.error("at least 5 pairs")

    cores = os.cpu_count() or 1
    load_before, cpu_before = read_loadavg(), read_cpu_times()
    started = datetime.datetime.now(datetime.timezone.utc)
    data = {"pg": {}, "sqlite": {}, "details": {}}
    if not a.pairs_only:
        print("[pairs] the full run first", file=sys.stderr, flush=True)
        data = run_bench(a.bench, ["--json"] + (["--quick"] if a.quick else []) + bench_args)
    subprocess.run([a.bench, "--prepare-rounds"], check=True)
    order = round_order(TARGETS)
    per_pair, rounds, warmup = [], {k: [] for k in order}, {k: [] for k in order}
    for i in range(-a.warmup_pairs, a.pairs):
        print(f"[pairs] {'warm-up pair' if i < 0 else f'pair {i + 1} of {a.pairs}'}: "
              f"{' '.join(order)}", file=sys.stderr, flush=True)
        merged = {}
        for key in order:
            r = run_bench(a.bench, ["--round", key, "--round-seconds", str(a.round_seconds)])
            (warmup if i < 0 else rounds)[key].append(r)
            merged.update({k: v for k, v in r.items() if k not in ROUND_ONLY})
        if i >= 0:
            per_pair.append(merged)
    load = {"loadavg_before": load_before, "loadavg_after": read_loadavg(), "cores": cores,
            **cpu_shares(cpu_before, read_cpu_times())}

    merge(data, per_pair, TARGETS)
    details = data["details"]
    details["date"] = started.strftime("%Y-%m-%d")
    details["pairs"] = {"pairs": a.pairs, "round_seconds": a.round_seconds, "order": order,
                        "warmup_pairs": a.warmup_pairs, "full_run": not a.pairs_only}
    details["rounds"] = rounds
    details["rounds_warmup"] = warmup
    host = os.environ.get("PGHOST", "")
    details.setdefault("pg", {})["connection"] = (
        "Unix-domain socket" if host.startswith("/") else f"TCP to {host or 'localhost'}")
    if os.environ.get("CC_TEST_PGBOUNCER_PORT"):
        details["pg"]["pooler"] = pooler_description()
    details["seconds_total"] = round(
        (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds(), 1)
    data["load"] = load
    warnings = load_warnings(load, cores) + ratio_warnings(data["ratios"])
    for key in ("get_hit_p50_us", "get_pooled_p50_us", "get_offset_pooled_p50_us"):
        for r in rounds.get(key, []):
            if r.get("hit_share", 1) < 0.99:
                warnings.append(f"a {key} round hit only {100 * r['hit_share']:.1f} % of its "
                                f"lookups")
                break
    data["warnings"] = warnings

    if a.json:
        print(json.dumps(data, indent=2))
    else:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import bench_table
        print(bench_table.render(data))
    for w in warnings:
        print(f"bench: warning: {w}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
