#!/usr/bin/env bash
# Release-mode checks of law comparison and intervals, called from .ci/run: the CompareFits example
# on the shipped data (keys, finite errors, every isoFLOP budget used or rejected with a reason,
# intervals that contain their estimates, under a minute), and the calibration of 90% intervals:
# on 1,000 seeded synthetic data sets each parameter's interval must cover the truth 85–95% of the time.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product CompareFits
BIN="$(swift build -c release --show-bin-path)/CompareFits"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" --help > /dev/null
if "$BIN" --bogus > /dev/null 2>&1; then echo "analysis-checks: an unknown flag was accepted" >&2; exit 1; fi
start=$(date +%s)
"$BIN" --quiet > "$WORK/compare.txt"
"$BIN" --json --quiet > "$WORK/compare.json"
elapsed=$(( $(date +%s) - start ))
echo "analysis-checks: CompareFits (text and JSON) ran in ${elapsed} s"
[ "$elapsed" -lt 60 ] || { echo "analysis-checks: CompareFits took ${elapsed} s (limit 60 s for both runs)" >&2; exit 1; }
"$BIN" --coverage 1000 --json --quiet > "$WORK/coverage.json"
python3 - "$WORK/compare.json" "$WORK/coverage.json" <<'PY'
import json, math, sys

report = json.load(open(sys.argv[1]))
assert set(report) == {"comparisons", "intervals", "isoflop"}, sorted(report)
datasets = {c["dataset"] for c in report["comparisons"]}
assert datasets == {"quest_qat_runs.csv", "quartet2_fp4_runs.csv", "epoch_chinchilla.csv"}, datasets
for c in report["comparisons"]:
    for key in ("dataset", "law", "trainError", "heldOutError", "parameters", "aic", "warnings"):
        assert key in c, (key, c)
    assert math.isfinite(c["trainError"]) and c["trainError"] > 0, c
    assert c["heldOutError"] is not None and math.isfinite(c["heldOutError"]), c
# Ranked by held-out error within each data set.
for dataset in datasets:
    errors = [c["heldOutError"] for c in report["comparisons"] if c["dataset"] == dataset]
    assert errors == sorted(errors), (dataset, errors)
for interval in report["intervals"]:
    assert interval["lower"] <= interval["estimate"] <= interval["upper"], interval
    assert interval["kept"] >= 2, interval
for item in report["isoflop"]:
    assert 0.2 < item["parameterExponent"] < 0.95, item
    assert all(r["reason"] for r in item["rejected"]), item
print("analysis-checks: %d comparisons, %d intervals, %d isoFLOP analyses" % (
    len(report["comparisons"]), len(report["intervals"]), len(report["isoflop"])))

coverage = json.load(open(sys.argv[2]))
assert coverage["fitted"] >= 0.95 * coverage["sets"], coverage
for name, share in coverage["coverage"].items():
    print("analysis-checks: 90%% interval of %-5s covers the truth in %.1f%% of %d fits" % (name, 100 * share, coverage["fitted"]))
    assert 0.85 <= share <= 0.95, (name, share)
PY
