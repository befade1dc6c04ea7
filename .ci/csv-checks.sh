#!/usr/bin/env bash
# CSV reading checks, release build:
#   1. 100,000 rows of hard numbers (1 to 25 digits, subnormals, every exponent; Benchmarks/make_csv.py
#      --awkward): Observations(contentsOfCSV:) gives the doubles Double(_:) gives and those
#      numpy.loadtxt gives, bit for bit;
#   2. 10^6 rows as Python writes them: the same values bit for bit as numpy.loadtxt, and a peak
#      resident memory of at most 3 times the file (the whole file is held while it is decoded).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build -c release --product CSVBenchmarks >/dev/null
bin="$(swift build -c release --show-bin-path)/CSVBenchmarks"

# same(FILE): the values of FILE read by Observations(contentsOfCSV:) and by numpy.loadtxt have the
# same bit patterns (compared through their sum modulo 2^64); prints the peak memory ratio.
same() {
    local ours peer
    ours=$("$bin" --file "$1" --route observations --repeats 1)
    peer=$(python3 Benchmarks/peer_csv.py --file "$1" --repeats 1)
    python3 - "$ours" "$peer" "$(basename "$1")" <<'PY'
import json, sys
ours, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert ours["rows"] == peer["rows"], (ours["rows"], peer["rows"])
assert ours["checksum"] == peer["checksum"], f"{sys.argv[3]}: the values differ from numpy.loadtxt's"
ratio = ours["peakRSS_bytes"] / ours["bytes"]
print(f"csv: {sys.argv[3]}: {ours['rows']} rows identical to numpy.loadtxt; peak memory {ratio:.2f} times "
      f"the {ours['bytes'] / 1e6:.0f} MB file")
assert ratio <= 3 or ours["bytes"] < 20e6, f"peak memory {ours['peakRSS_bytes'] / 1e6:.0f} MB is over 3 times the file"
PY
}

python3 Benchmarks/make_csv.py "$work/awkward.csv" --rows 100000 --awkward --seed 7
"$bin" --file "$work/awkward.csv" --compare
same "$work/awkward.csv"

python3 Benchmarks/make_csv.py "$work/runs.csv" --rows 1000000
same "$work/runs.csv"
