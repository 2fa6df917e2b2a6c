#!/usr/bin/env python3
"""The benchmark's tooling, tested without measuring anything: the pairing arithmetic of
scripts/bench_pairs.py and the README block that scripts/bench_table.py rewrites."""

import json
import math
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import bench_pairs  # noqa: E402
import bench_table  # noqa: E402

FIXTURE = os.path.join(HERE, "bench-fixture.json")


class Pairs(unittest.TestCase):
    def test_median_min_max_of_the_per_pair_ratios(self):
        r = bench_pairs.summarize([30, 10, 90, 20, 40], [10, 10, 10, 10, 10])
        self.assertEqual(r["pairs"], [3, 1, 9, 2, 4])
        self.assertEqual((r["median"], r["min"], r["max"]), (3, 1, 9))  # the mean would be 3.8
        self.assertAlmostEqual(r["spread"], 8 / 3)
        self.assertNotIn("met", r)

    def test_ratio_is_taken_pair_by_pair_not_from_medians(self):
        # medians 20 / 20 would say 1.0; pair by pair the figure is twice its baseline.
        r = bench_pairs.summarize([10, 20, 40, 80, 160], [5, 10, 20, 40, 80])
        self.assertEqual(r["pairs"], [2, 2, 2, 2, 2])
        self.assertEqual(r["median"], 2)
        self.assertEqual(r["spread"], 0)

    def test_even_number_of_pairs_takes_the_mean_of_the_middle_two(self):
        r = bench_pairs.summarize([1, 2, 3, 10, 20, 40], [1, 1, 1, 1, 1, 1])
        self.assertEqual(r["median"], 6.5)

    def test_verdicts(self):
        f, b = [1.0, 1.2, 1.4, 1.6, 1.8], [1, 1, 1, 1, 1]
        self.assertEqual(bench_pairs.summarize(f, b, "<=", 2.0)["met"], "yes")
        self.assertEqual(bench_pairs.summarize(f, b, "<=", 0.5)["met"], "no")
        self.assertEqual(bench_pairs.summarize(f, b, "<=", 1.3)["met"], "undecided")
        self.assertEqual(bench_pairs.summarize(f, b, ">=", 0.7)["met"], "yes")
        self.assertEqual(bench_pairs.summarize(f, b, ">=", 1.7)["met"], "undecided")
        self.assertEqual(bench_pairs.summarize(f, b, ">=", 1.7)["target"], ">= 1.7")

    def test_a_pair_without_baseline_is_left_out_of_the_summary(self):
        r = bench_pairs.summarize([2, 4, 6], [1, 0, 2])
        self.assertTrue(math.isnan(r["pairs"][1]))
        self.assertEqual((r["min"], r["max"], r["median"]), (2, 3, 2.5))
        with self.assertRaises(ValueError):
            bench_pairs.summarize([1, 2], [1])

    def test_rounds_run_in_first_appearance_order_with_companions(self):
        T = bench_pairs.Target
        order = bench_pairs.round_order([T("a", "x", "y"), T("b", "z", "y"),
                                         T("c", "x_cpu", "y_cpu", rounds=("x", "y"))])
        self.assertEqual(order, ["x", "y", "z"])
        self.assertEqual(bench_pairs.round_order(bench_pairs.TARGETS)[:3],
                         ["get_hit_p50_us", "pgbench_select_us", "init_hit_us"])

    def test_merge_puts_medians_under_the_old_keys_and_adds_ratios(self):
        per_pair = [{"get_hit_p50_us": 50 + i, "pgbench_select_us": 40.0,
                     "init_hit_exchange_requests": 1 if i == 3 else 0,
                     "pgbench_select_p99_us": 90.0 + i} for i in range(5)]
        T = bench_pairs.Target
        data = bench_pairs.merge({"pg": {"get_hit_p50_us": 999}}, per_pair,
                                 [T("g", "get_hit_p50_us", "pgbench_select_us", "<=", 2.0)])
        self.assertEqual(data["pg"]["get_hit_p50_us"], 52)
        self.assertEqual(data["pg"]["pgbench_select_us"], 40.0)
        self.assertEqual(data["pg"]["init_hit_exchange_requests"], 1)  # any request shows
        self.assertEqual(data["details"]["pg"]["pgbench_select_p99_us"], 92.0)
        g = data["ratios"]["g"]
        self.assertEqual((g["min"], g["median"], g["max"]), (50 / 40, 52 / 40, 54 / 40))
        self.assertEqual(len(g["pairs"]), 5)
        self.assertEqual(g["met"], "yes")

    def test_issue_14_targets(self):
        t = {x.name: x for x in bench_pairs.TARGETS}
        self.assertEqual((t["pooled_get"].figure, t["pooled_get"].baseline, t["pooled_get"].op,
                          t["pooled_get"].limit),
                         ("get_pooled_p50_us", "pgbench_pooled_us", "<=", 2.0))
        self.assertEqual((t["cold_start"].figure, t["cold_start"].baseline, t["cold_start"].op,
                          t["cold_start"].limit), ("cold_start_ms", "psql_cold_ms", "<=", 1.5))
        self.assertEqual(t["cold_start_pooled"].rounds, ("cold_start_ms", "psql_cold_ms"))
        order = bench_pairs.round_order(bench_pairs.TARGETS)
        # A figure's round runs next to its baseline's.
        self.assertEqual(order.index("pgbench_pooled_us"), order.index("get_pooled_p50_us") + 1)
        self.assertEqual(order.index("get_offset_pooled_p50_us"),
                         order.index("pgbench_pooled_us") + 1)
        self.assertEqual(order.index("psql_cold_ms"), order.index("cold_start_ms") + 1)

    def test_keys_agree_with_the_benchmark_source(self):
        # bench_pairs.py's PG_KEYS are cachebench.cpp's issueKeys(), and every round it asks
        # for is one that cachebench.cpp's rounds() table names.
        import re
        with open(os.path.join(HERE, "..", "cachebench.cpp"), encoding="utf-8") as f:
            src = f.read()
        issue = src[src.index("const QStringList &issueKeys()"):]
        issue = issue[:issue.index("};")]
        self.assertEqual(set(re.findall(r'QStringLiteral\("(\w+)"\)', issue)),
                         bench_pairs.PG_KEYS)
        table = src[src.index("Bench::rounds()"):]
        table = table[:table.index("return table;")]
        named = set(re.findall(r'\{QStringLiteral\("(\w+)"\)', table))
        self.assertTrue(set(bench_pairs.round_order(bench_pairs.TARGETS)) <= named,
                        set(bench_pairs.round_order(bench_pairs.TARGETS)) - named)

    def test_cpu_shares_from_proc_stat_counters(self):
        before = [100, 0, 50, 800, 10, 0, 0, 5]
        after = [160, 0, 70, 900, 10, 0, 0, 25]  # +60 user +20 system +100 idle +20 steal
        self.assertEqual(bench_pairs.cpu_shares(before, after),
                         {"steal_pct": 10.0, "busy_pct": 50.0})

    def test_warnings(self):
        w = bench_pairs.ratio_warnings({
            "wide": {"met": "undecided", "min": 0.5, "max": 0.9, "target": ">= 0.7",
                     "spread": 0.6},
            "noisy": {"min": 1.0, "max": 3.0, "spread": 1.0},
            "calm": {"met": "yes", "min": 1.0, "max": 1.1, "spread": 0.1}})
        self.assertEqual(len(w), 2)
        self.assertIn("too wide to judge", w[0])
        self.assertTrue(w[1].startswith("noisy"))
        self.assertEqual(len(bench_pairs.load_warnings(
            {"loadavg_before": [1.5, 1, 1], "steal_pct": 9.0}, 2)), 2)
        self.assertEqual(bench_pairs.load_warnings(
            {"loadavg_before": [0.2, 1, 1], "steal_pct": 0.0}, 2), [])


STUB = r"""#!/usr/bin/env python3
# Stands in for connector-cache-bench: logs each call, answers --round with values that
# depend on how many rounds ran before (so that pairs differ), --json with a full run.
import json, os, sys
log = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calls.log")
with open(log, "a") as f:
    f.write(" ".join(sys.argv[1:]) + "\n")
with open(log) as f:
    n = sum(1 for line in f if "--round " in line)
a = sys.argv[1:]
if "--json" in a:
    print(json.dumps({"pg": {"get_hit_p50_us": 999, "set_p50_us": 90.0}, "sqlite": {},
                      "details": {"pg": {}}}))
elif "--round" in a:
    key = a[a.index("--round") + 1]
    v = {"get_hit_p50_us": {"get_hit_p50_us": 20.0 + n, "get_hit_p99_us": 100.0,
                            "hit_share": 1, "samples": 5},
         "pgbench_select_us": {"pgbench_select_us": 10.0 + n, "pgbench_select_p99_us": 50.0},
         "init_hit_us": {"init_hit_us": 30.0, "init_hit_exchange_requests": 0},
         "get_8c_tps": {"get_8c_tps": 700.0, "get_8c_client_cpu_us": 20.0},
         "pgbench_8c_tps": {"pgbench_8c_tps": 1000.0, "pgbench_8c_client_cpu_us": 10.0},
         "pgbench_get_statement_8c_tps": {"pgbench_get_statement_8c_tps": 800.0},
         "get_offset_p50_us": {"get_offset_p50_us": 15.0, "samples": 5},
         "get_offset_8c_tps": {"get_offset_8c_tps": 900.0,
                               "get_offset_8c_client_cpu_us": 15.0},
         "get_pooled_p50_us": {"get_pooled_p50_us": 80.0, "get_pooled_p99_us": 200.0,
                               "hit_share": 1, "samples": 5},
         "get_offset_pooled_p50_us": {"get_offset_pooled_p50_us": 70.0, "hit_share": 1},
         "pgbench_pooled_us": {"pgbench_pooled_us": 50.0, "pgbench_pooled_p99_us": 90.0},
         "cold_start_ms": {"cold_start_ms": 30.0, "cold_start_p90_ms": 33.0,
                           "cold_start_pooled_ms": 36.0, "cold_process_ms": 12.0,
                           "samples": 9},
         "psql_cold_ms": {"psql_cold_ms": 25.0, "psql_cold_pooled_ms": 20.0,
                          "psql_process_ms": 8.0, "psql_same_work_ms": 27.5,
                          "samples": 9}}[key]
    print(json.dumps(dict(v, round_seconds=int(a[a.index("--round-seconds") + 1]))))
"""


class Interleaving(unittest.TestCase):
    def test_rounds_alternate_and_the_json_keeps_the_keys(self):
        import contextlib
        import io
        with tempfile.TemporaryDirectory() as d:
            stub = os.path.join(d, "stub-bench")
            with open(stub, "w") as f:
                f.write(STUB)
            os.chmod(stub, 0o755)
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                rc = bench_pairs.main(["--bench", stub, "--json", "--pairs", "5",
                                       "--round-seconds", "1", "--warmup-pairs", "1"])
            self.assertEqual(rc, 0)
            with open(os.path.join(d, "calls.log")) as f:
                calls = f.read().splitlines()
        data = json.loads(out.getvalue())
        order = bench_pairs.round_order(bench_pairs.TARGETS)
        self.assertEqual(calls[:2], ["--json", "--prepare-rounds"])
        rounds = [c.split()[1] for c in calls[2:]]
        self.assertEqual(rounds, order * 6)  # A B A B ...: one warm-up pair, then five
        # get round k (1-based over all rounds) gave 20 + k; its pgbench round 10 + k + 1.
        n = len(order)
        gets = [20.0 + 1 + n * p for p in range(1, 6)]
        bases = [10.0 + 2 + n * p for p in range(1, 6)]
        r = data["ratios"]["get_hit_p50"]
        self.assertEqual(r["pairs"], [g / b for g, b in zip(gets, bases)])
        self.assertEqual(r["median"], gets[2] / bases[2])
        # (21 + 6p) / (12 + 6p) falls as p grows: the last pair is the least, the first the most.
        self.assertEqual((r["min"], r["max"]), (gets[-1] / bases[-1], gets[0] / bases[0]))
        self.assertEqual(data["ratios"]["get_8c"]["median"], 0.7)
        self.assertEqual(data["ratios"]["client_cpu_8c"]["median"], 2.0)
        self.assertEqual(data["ratios"]["offset_8c"]["median"], 0.9)
        self.assertEqual(data["ratios"]["client_cpu_offset_8c"]["median"], 1.5)
        # Issue 14: pooled get / pooled pgbench, cold start / psql, direct and pooled.
        self.assertEqual(data["ratios"]["pooled_get"]["median"], 1.6)
        self.assertEqual(data["ratios"]["pooled_get"]["met"], "yes")
        self.assertEqual(data["ratios"]["offset_pooled"]["median"], 1.4)
        self.assertEqual(data["ratios"]["cold_start"]["median"], 1.2)
        self.assertEqual(data["ratios"]["cold_start"]["met"], "yes")
        self.assertEqual(data["ratios"]["cold_start_pooled"]["median"], 1.8)
        self.assertEqual(data["ratios"]["cold_start_pooled"]["met"], "no")
        # The process starts alone: a ratio with no target (no verdict), its figures in details.
        self.assertEqual(data["ratios"]["cold_process"]["median"], 1.5)
        self.assertIsNone(data["ratios"]["cold_process"].get("met"))
        self.assertEqual(data["details"]["pg"]["cold_process_ms"], 12.0)
        # psql doing the cold start's server work: against SELECT 1, and ours against it.
        self.assertEqual(data["ratios"]["same_work_of_select"]["median"], 1.1)
        self.assertEqual(data["ratios"]["cold_start_of_same_work"]["median"], 30.0 / 27.5)
        self.assertIsNone(data["ratios"]["cold_start_of_same_work"].get("met"))
        self.assertEqual(data["details"]["pg"]["psql_same_work_ms"], 27.5)
        for key in ("get_pooled_p50_us", "pgbench_pooled_us", "cold_start_ms", "psql_cold_ms"):
            self.assertIn(key, data["pg"])
        self.assertEqual(data["details"]["pg"]["cold_start_pooled_ms"], 36.0)
        self.assertEqual(data["details"]["pg"]["psql_cold_pooled_ms"], 20.0)
        self.assertNotIn("cold_start_ms", data["details"]["pg"])
        self.assertEqual(data["pg"]["get_hit_p50_us"], gets[2])  # the median, not the full run's
        self.assertEqual(data["pg"]["set_p50_us"], 90.0)  # the full run's own
        self.assertEqual(data["details"]["pg"]["pgbench_get_statement_8c_tps"], 800.0)
        self.assertEqual(len(data["details"]["rounds"]["get_hit_p50_us"]), 5)
        self.assertEqual(len(data["details"]["rounds_warmup"]["get_hit_p50_us"]), 1)
        self.assertEqual(set(data["load"]), {"loadavg_before", "loadavg_after", "cores",
                                             "steal_pct", "busy_pct"})
        self.assertIsInstance(data["warnings"], list)


README = """# project

intro

## Performance

words before
{begin}
| old | table |
{end}

words after
""".format(begin=bench_table.BEGIN, end=bench_table.END)


class Table(unittest.TestCase):
    def setUp(self):
        with open(FIXTURE, encoding="utf-8") as f:
            self.data = json.load(f)
        self.dir = tempfile.TemporaryDirectory()
        self.readme = os.path.join(self.dir.name, "README.md")
        with open(self.readme, "w", encoding="utf-8") as f:
            f.write(README)

    def tearDown(self):
        self.dir.cleanup()

    def read(self):
        with open(self.readme, encoding="utf-8") as f:
            return f.read()

    def test_rewrites_only_the_block(self):
        self.assertEqual(bench_table.main([FIXTURE, "--readme", self.readme]), 0)
        text = self.read()
        self.assertNotIn("| old | table |", text)
        before, rest = text.split(bench_table.BEGIN + "\n")
        block, after = rest.split(bench_table.END)
        self.assertEqual(before, "# project\n\nintro\n\n## Performance\n\nwords before\n")
        self.assertEqual(after, "\n\nwords after\n")
        self.assertEqual(block, bench_table.render(self.data))
        # Figures, paired verdicts, within-run ratios, load and warnings come from the JSON.
        self.assertIn("| `get` of a hit (batched counting), p50 | 60.3 µs | 24.3 µs | "
                      "≤ 2 × pgbench p50 | yes: 1.31 × (pairs 1.20–1.50 ×, 5 pairs) |", block)
        self.assertIn("| `get`, 8 clients | 21,800 /s | 52,300 /s | ≥ 70 % of pgbench | "
                      "**undecided**: 61 % (pairs 55–75 %, 5 pairs) |", block)
        self.assertIn("| 28,700 /s |", block)
        self.assertIn("1M ≤ 3 × 10k | yes: 1.34 × |", block)
        self.assertIn("≥ ½ bare DELETE | yes: 63 % (one run) |", block)
        self.assertIn("Load average (1 min) 0.25 before and 1.5 after", block)
        self.assertIn("- get_8c: pairs from 0.55 to 0.75", block)
        # Issue 14's figures and targets.
        self.assertIn("| `get` of a hit through PgBouncer (transaction mode, `pgbouncer=true`), "
                      "p50 | 121.5 µs |  | ≤ 2 × pooled pgbench p50 | "
                      "yes: 1.73 × (pairs 1.60–1.90 ×, 5 pairs) |", block)
        self.assertIn("| baseline: `pgbench -S -M extended` through the same PgBouncer, 1 client, "
                      "p50 | 70.2 µs |", block)
        self.assertIn("(`connector-cache-coldstart`), median | 41.3 ms |  | ≤ 1.5 × psql | "
                      "**undecided**: 1.37 × (pairs 1.30–1.62 ×, 5 pairs) |", block)
        self.assertIn("| baseline: `psql -Atc 'SELECT 1'` (its binary) through the same URL, median | "
                      "30.1 ms |", block)
        self.assertIn("| cold start through PgBouncer: ours / psql's, median | 52.4 ms / 31.6 ms |"
                      "  | ≤ 1.5 × psql | **no**: 1.66 × (pairs 1.55–1.80 ×, 5 pairs) |", block)
        self.assertIn("as a new process, direct, median | 63.0 ms |", block)

    def test_rewriting_twice_changes_nothing(self):
        bench_table.main([FIXTURE, "--readme", self.readme])
        once = self.read()
        bench_table.main([FIXTURE, "--readme", self.readme])
        self.assertEqual(self.read(), once)

    def test_a_readme_without_the_markers_is_refused_and_left_alone(self):
        with open(self.readme, "w", encoding="utf-8") as f:
            f.write("no markers\n")
        self.assertEqual(bench_table.main([FIXTURE, "--readme", self.readme]), 1)
        self.assertEqual(self.read(), "no markers\n")

    def test_the_repository_readme_has_the_block(self):
        with open(os.path.join(HERE, "..", "..", "README.md"), encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text.count(bench_table.BEGIN), 1)
        self.assertEqual(text.count(bench_table.END), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
