#!/usr/bin/env bash
# Hoffmann et al.'s 4,500-start grid fit: ReplicateChinchilla (release, one core and all cores)
# beside scipy's L-BFGS-B with the exact gradient (every 10th start, single-threaded), in one go.
# Usage: bash Benchmarks/fit_peer.sh [--data PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ReplicateChinchilla >/dev/null
bin="$(swift build -c release --show-bin-path)/ReplicateChinchilla"
serial=$("$bin" --json --serial --resamples 2 "$@")
parallel=$("$bin" --json --resamples 2 "$@")
scipy=$(python3 Benchmarks/peer_scipy_fit.py --json --every 10 "$@")
python3 - "$serial" "$parallel" "$scipy" <<'PY'
import json, sys
serial, parallel, scipy = (json.loads(x) for x in sys.argv[1:])
per = lambda fit: fit["grid"]["seconds"] / fit["grid"]["starts"]
print(f"{'fit':40} {'starts':>6} {'ms/start':>9} {'objective':>13} {'vs scipy':>9}")
for name, starts, ms, objective in [
        ("ScalingLaws, one core", serial["grid"]["starts"], 1e3 * per(serial), serial["grid"]["objective"]),
        ("ScalingLaws, all cores", parallel["grid"]["starts"], 1e3 * per(parallel), parallel["grid"]["objective"]),
        ("scipy L-BFGS-B, exact gradient", scipy["starts"], 1e3 * scipy["secondsPerStart"], scipy["objective"])]:
    print(f"{name:40} {int(starts):6d} {ms:9.2f} {objective:13.6e} {1e3 * scipy['secondsPerStart'] / ms:8.2f}x")
PY
