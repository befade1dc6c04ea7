#!/usr/bin/env bash
# The one benchmark command: every workload beside its numpy/scipy peer, in one go (see
# Benchmarks/README.md). Usage: bash Benchmarks/run.sh [--full] [--json] [--only NAME[,NAME...]]
# The per-mode breakdown of law evaluation is `bash Benchmarks/modes.sh`; CSV reading with peak
# memory is `bash Benchmarks/csv.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 Benchmarks/run.py "$@"
