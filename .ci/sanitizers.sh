#!/usr/bin/env bash
# The test suite under the thread and address sanitizers (debug builds in their own scratch paths,
# so they do not disturb the main build): data races in the parallel fitting and bootstrap code,
# and memory errors in the unsafe-pointer kernels, fail CI. Called from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
for sanitizer in thread address; do
    echo "sanitizers: swift test --sanitize=$sanitizer"
    # The sanitizers' runtimes report and exit non-zero on the first finding.
    TSAN_OPTIONS="halt_on_error=1" ASAN_OPTIONS="halt_on_error=1:detect_leaks=0" \
        swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" 2>&1 | tail -3
    test "${PIPESTATUS[0]}" -eq 0
done
