#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets of Fuzz/ (the library compiled with coverage and the address
# sanitizer, in .build-fuzz/) and runs each on its seed corpus for a bounded time. A trap, a sanitizer
# report, a leak, an input slower than the timeout or memory over the limit fails the run, and the
# input that triggered it is kept in .build-fuzz/artifacts/. Called from .ci/run.
#
#   .ci/fuzz.sh                  every target, 45 s each
#   .ci/fuzz.sh 600 CSVReader    one target, 10 minutes
#
# Not part of `swift build`: libFuzzer supplies `main`, so the targets cannot be SwiftPM products.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-45}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(CSVReader CSVFile ColumnExpression FormulaPrinter); fi
out=.build-fuzz
mkdir -p "$out/artifacts"
flags=(-swift-version 6 -O -g -sanitize=fuzzer,address -use-ld=lld)

# The library, once, as a static archive with its module (internal API visible to the targets, so
# they can hand raw bytes to the CSV reader). Rebuilt when a source is newer than the archive.
library="$out/libScalingLaws.a"
if [ ! -f "$library" ] || [ -n "$(find Sources/ScalingLaws -name '*.swift' -newer "$library" | head -1)" ]; then
    echo "fuzz: building the instrumented library"
    find Sources/ScalingLaws -name '*.swift' | sort > "$out/sources.txt"
    xargs swiftc -module-name ScalingLaws -parse-as-library "${flags[@]}" -enable-testing -wmo \
        -emit-module -emit-module-path "$out/ScalingLaws.swiftmodule" -emit-library -static -o "$library" \
        < "$out/sources.txt"
fi

summary=()
for target in "${targets[@]}"; do
    binary="$out/fuzz-$target"
    if [ ! -f "$binary" ] || [ "Fuzz/$target/main.swift" -nt "$binary" ] || [ "$library" -nt "$binary" ]; then
        echo "fuzz: building $target"
        swiftc -parse-as-library "${flags[@]}" -I "$out" "Fuzz/$target/main.swift" "$library" -o "$binary"
    fi
    # New inputs go to a scratch corpus; the committed seeds are only read.
    corpus="$out/corpus-$target"
    mkdir -p "$corpus"
    dictionary=()
    if [ -f "Fuzz/$target/$target.dict" ]; then dictionary=("-dict=Fuzz/$target/$target.dict"); fi
    log="$out/$target.log"
    echo "fuzz: $target for $seconds s"
    # A 1 MB stack, not the main thread's 8 MB: with the sanitizer's larger frames, about what a
    # release build has on a 512 KB secondary thread, so that unbounded recursion is a finding.
    # The Swift runtime's own backtracer would race the sanitizer's report.
    if ! (ulimit -s 1024 && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=1" exec "$binary" "${dictionary[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$target-" "$corpus" "Fuzz/$target/corpus") > "$log" 2>&1; then
        grep -v "^#" "$log" | tail -60 >&2
        echo "fuzz: $target found a failure (above); the input is in $out/artifacts/" >&2
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    coverage=$(grep -o "cov: [0-9]*" "$log" | tail -1)
    summary+=("$target: $runs executions in $seconds s, $coverage, no failure")
done
printf 'fuzz: %s\n' "${summary[@]}"
