#!/bin/bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time
# (FUZZ_SECONDS, default 30) from its committed seed corpus. A crash fails the script and leaves
# the input in build-fuzz/; turn it into a regression test in tests/fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
out=build-fuzz
mkdir -p "$out"
cxx=clang++-14
flags=(-std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -fPIC -I. -DQT_NO_CAST_FROM_ASCII -DQT_NO_KEYWORDS $(pkg-config --cflags Qt6Core))
libs=($(pkg-config --libs Qt6Core))
core=(core/timesync/parsers.cpp core/timesync/exchange.cpp core/store/databaseconfig.cpp
      core/store/filterquery.cpp core/store/types.cpp)
status=0
for target in exchange_time database_url filter_query; do
    "$cxx" "${flags[@]}" "tests/fuzz/fuzz_$target.cpp" "${core[@]}" "${libs[@]}" -o "$out/fuzz_$target"
    work="$out/corpus_$target"
    rm -rf "$work" && mkdir -p "$work" && cp tests/fuzz/corpus/"$target"/* "$work"/
    # Regression inputs found earlier run first, as part of the seed corpus.
    if [ -d "tests/fuzz/regressions/$target" ]; then cp tests/fuzz/regressions/"$target"/* "$work"/; fi
    echo "fuzz: $target for $seconds s"
    if ! (cd "$out" && ./"fuzz_$target" -max_total_time="$seconds" -max_len=4096 -timeout=5 \
            -print_final_stats=1 "corpus_$target" 2> "fuzz_$target.log"); then
        echo "fuzz: $target FAILED; see $out/fuzz_$target.log and the crash-* file in $out" >&2
        tail -30 "$out/fuzz_$target.log" >&2
        status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/fuzz_$target.log" | sed "s/^/fuzz: $target /"
done
exit $status
