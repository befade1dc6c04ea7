#!/usr/bin/env bash
# Reads CSV files of training runs (columns N, D, loss) into Observations (release build) beside
# numpy's loadtxt on the same files, and prints times, their ratio and each process's peak memory.
#
#   bash Benchmarks/csv.sh [--repeats K]
#
# The files (10^6 rows with 7 significant digits, 10^6 rows written as Python's repr, about 100 MB
# as repr) are generated once by Benchmarks/make_csv.py into
# .build/csv-bench/ (or $CSV_BENCH_DIR). Each route runs in its own process so that its peak
# resident memory is its own.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${CSV_BENCH_DIR:-.build/csv-bench}"
mkdir -p "$dir"
[ -f "$dir/runs_1e6_d7.csv" ] || python3 Benchmarks/make_csv.py "$dir/runs_1e6_d7.csv" --rows 1000000 --digits 7
[ -f "$dir/runs_1e6.csv" ] || python3 Benchmarks/make_csv.py "$dir/runs_1e6.csv" --rows 1000000
[ -f "$dir/runs_100MB.csv" ] || python3 Benchmarks/make_csv.py "$dir/runs_100MB.csv" --megabytes 100
swift build -c release --product CSVBenchmarks >/dev/null
bin="$(swift build -c release --show-bin-path)/CSVBenchmarks"
for file in "$dir/runs_1e6_d7.csv" "$dir/runs_1e6.csv" "$dir/runs_100MB.csv"; do
    fast=$("$bin" --file "$file" --route observations "$@")
    table=$("$bin" --file "$file" --route table --repeats 1)
    peer=$(python3 Benchmarks/peer_csv.py --file "$file" "$@")
    python3 - "$fast" "$table" "$peer" "$(basename "$file")" <<'PY'
import json, sys
fast, table, peer = (json.loads(text) for text in sys.argv[1:4])
assert fast["rows"] == table["rows"] == peer["rows"], "the routes read different row counts"
assert fast["checksum"] == table["checksum"] == peer["checksum"], "the routes read different values"
size = fast["bytes"]
print(f"{sys.argv[4]}: {size / 1e6:.1f} MB, {fast['rows']} rows")
print(f"  {'route':44} {'seconds':>8} {'vs numpy':>9} {'peak RSS':>10} {'/ file':>7}")
for name, row, seconds in [(fast["workload"], fast, fast["ours_s"]), (table["workload"], table, table["ours_s"]),
                           (peer["peer"], peer, peer["peer_s"])]:
    print(f"  {name:44} {seconds:8.3f} {peer['peer_s'] / seconds:8.2f}x "
          f"{row['peakRSS_bytes'] / 1e6:8.0f} MB {row['peakRSS_bytes'] / size:6.2f}x")
PY
done
