#!/usr/bin/env bash
# Law evaluation mode by mode: runs LawBenchmarks (release) and its numpy peer and prints each
# mode's time relative to numpy. Usage: bash Benchmarks/modes.sh [--points N]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product LawBenchmarks >/dev/null
swift_json=$(.build/release/LawBenchmarks --json "$@")
numpy_json=$(python3 Benchmarks/peer_numpy.py --json "$@")
python3 - "$swift_json" "$numpy_json" <<'PY'
import json, sys
swift, numpy = json.loads(sys.argv[1]), json.loads(sys.argv[2])[0]
print(f"{'mode':44} {'ns/point':>9} {'speed vs numpy':>15}")
for row in swift + [numpy]:
    print(f"{row['name']:44} {row['nsPerPoint']:9.2f} {numpy['nsPerPoint'] / row['nsPerPoint']:14.2f}x")
PY
