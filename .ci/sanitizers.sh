#!/usr/bin/env bash
# The test suite under the thread and address sanitizers (debug builds in their own scratch paths,
# so they do not disturb the main build): a data race in the parallel fitting and bootstrap code, a
# memory error or a leak in the unsafe-pointer kernels fails CI. Called from .ci/run.
# Leak reports of one-time global initializers and of XCTest itself are suppressed, with the
# reasons, in .ci/lsan-suppressions.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export TSAN_OPTIONS="halt_on_error=1"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan-suppressions.txt:print_suppressions=0"
for sanitizer in thread address; do
    echo "sanitizers: swift test --sanitize=$sanitizer"
    log="$(mktemp)"
    if ! swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" > "$log" 2>&1; then
        grep -n -A30 "Sanitizer" "$log" | head -80 >&2 || tail -40 "$log" >&2
        echo "sanitizers: the $sanitizer sanitizer failed (above)" >&2
        exit 1
    fi
    grep -E "Test run with" "$log"
    rm -f "$log"
done
