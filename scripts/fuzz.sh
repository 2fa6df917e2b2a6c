#!/bin/bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.cpp) with clang++-14 and
# -fsanitize=fuzzer,address,undefined in build-fuzz/ (or $CC_FUZZ_BUILD_DIR), then runs each for
# FUZZ_SECONDS (default 30) from its committed seed corpus, the inputs found earlier
# (tests/fuzz/regressions/TARGET/) and a dictionary. Any crash, hang (> 5 s), sanitizer report or
# violated property (tests/fuzz/fuzzchecks.h) fails the script and leaves the input in the build
# directory: commit it to tests/fuzz/regressions/TARGET/, where tst_fuzz_regressions replays it.
#
# Two ways to run:
#   exploring (the default): a new random seed each run, for FUZZ_SECONDS. Run it long
#     (FUZZ_SECONDS=900) after changing a parser; what it finds is new.
#   reproducible (CI): FUZZ_SEED=N FUZZ_RUNS=M runs the same M inputs in the same order on every
#     machine, so a failure is a change in the code, not the luck of the draw, and passes or fails
#     the same way on a developer's machine. FUZZ_SECONDS stays a cap on the time.
#
#   scripts/fuzz.sh [TARGET...]      targets: exchange_time database_url filter_query
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
limits=()
runner=()
[ -n "${FUZZ_RUNS:-}" ] && limits+=(-runs="$FUZZ_RUNS")
if [ -n "${FUZZ_SEED:-}" ]; then
    # The same seed alone does not repeat a run: Qt seeds its hashes at random, and with address
    # space randomisation the comparisons of pointers the value profile sees differ; libFuzzer
    # also rereads its corpus directory once a second. All three are switched off.
    limits+=(-seed="$FUZZ_SEED" -reload=0)
    export QT_HASH_SEED=0
    runner=(setarch "$(uname -m)" -R)
fi
out="${CC_FUZZ_BUILD_DIR:-build-fuzz}"
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(exchange_time database_url filter_query)
cxx=clang++-14
if ! command -v "$cxx" >/dev/null; then
    echo "fuzz: $cxx not found; install clang-14 and libclang-rt-14-dev (scripts/setup.sh --test)" >&2
    exit 1
fi
mkdir -p "$out/obj"
# libpq: the URL parser hands the URL's libpq part to libpq's own PQconninfoParse.
pq_cflags=$(pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
pq_libs=$(pkg-config --libs libpq 2>/dev/null || echo -lpq)
flags=(-std=c++17 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
       -fPIC -I. -DQT_NO_CAST_FROM_ASCII -DQT_NO_KEYWORDS $(pkg-config --cflags Qt6Core) $pq_cflags)
libs=($(pkg-config --libs Qt6Core) $pq_libs)
# The sources the three targets reach (the filter parser, the URL parser, the exchange parsers),
# without QtSql: when a target fails to link, a file it now needs is missing here.
core=(core/timesync/parsers.cpp core/timesync/exchange.cpp core/store/databaseconfig.cpp
      core/store/filterquery.cpp core/store/filter.cpp core/store/entry.cpp
      core/store/browse.cpp core/store/timeexpr.cpp core/store/validation.cpp)
build_start=$(date +%s)
objects=()
for src in "${core[@]}"; do
    obj="$out/obj/$(echo "$src" | tr / _).o"
    "$cxx" "${flags[@]}" -c "$src" -o "$obj"
    objects+=("$obj")
done
for target in "${targets[@]}"; do
    "$cxx" "${flags[@]}" -fsanitize=fuzzer "tests/fuzz/fuzz_$target.cpp" "${objects[@]}" "${libs[@]}" \
        -o "$out/fuzz_$target"
done
echo "fuzz: built ${#targets[@]} targets in $(( $(date +%s) - build_start )) s"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# One target per core at a time (each run is single-threaded and its inputs are fixed by the
# seed, so running them side by side changes nothing but the wall time), longest first.
jobs="${FUZZ_JOBS:-$(nproc)}"
run_target() {
    local target="$1" work="$out/corpus_$1" seeds target_start
    rm -rf "$work" && mkdir -p "$work"
    cp tests/fuzz/corpus/"$target"/* "$work"/
    seeds=$(ls "$work" | wc -l)
    # Inputs found earlier run first, as part of the seed corpus.
    if [ -d "tests/fuzz/regressions/$target" ]; then
        cp tests/fuzz/regressions/"$target"/* "$work"/
    fi
    local dict=()
    [ -f "tests/fuzz/dict/$target.dict" ] && dict=(-dict="$(pwd)/tests/fuzz/dict/$target.dict")
    echo "fuzz: $target for ${FUZZ_RUNS:+$FUZZ_RUNS inputs, at most }$seconds s${FUZZ_SEED:+, seed $FUZZ_SEED}"
    target_start=$(date +%s)
    if (cd "$out" && "${runner[@]}" ./"fuzz_$target" -max_total_time="$seconds" -max_len=4096 -timeout=5 \
            -use_value_profile=1 -print_final_stats=1 "${limits[@]}" "${dict[@]}" \
            "corpus_$target" > "fuzz_$target.log" 2>&1); then
        stat() { grep -Eo "stat::$1: +[0-9]+" "$out/fuzz_$target.log" | grep -Eo "[0-9]+$" || echo "?"; }
        echo "fuzz: $target: $(stat number_of_executed_units) inputs in $(( $(date +%s) - target_start )) s" \
             "($(stat average_exec_per_sec)/s), corpus $seeds seeds -> $(ls "$work" | wc -l) inputs," \
             "peak RSS $(stat peak_rss_mb) MB"
    else
        echo "fuzz: $target FAILED; see $out/fuzz_$target.log and the crash-*/timeout-* file in $out" \
             "($(grep -Eo "Seed: [0-9]+" "$out/fuzz_$target.log" | head -1)):" >&2
        grep -E "^fuzz_$target:|ERROR|SUMMARY|runtime error|Test unit written" "$out/fuzz_$target.log" \
            | head -20 >&2
        return 1
    fi
}
ordered=()
for slow in filter_query database_url exchange_time; do
    for target in "${targets[@]}"; do [ "$target" = "$slow" ] && ordered+=("$target"); done
done
for target in "${targets[@]}"; do
    case " ${ordered[*]} " in *" $target "*) ;; *) ordered+=("$target") ;; esac
done
failed="$out/failed-targets"
rm -f "$failed"
for target in "${ordered[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    { run_target "$target" || echo "$target" >> "$failed"; } &
done
wait
[ ! -s "$failed" ] || exit 1
