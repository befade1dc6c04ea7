#!/usr/bin/env bash
# Release-mode checks of the fitting engine, called from .ci/run.
#
#  1. ReplicateChinchilla --json: Hoffmann's 4,500-start grid fit and Besiroglu et al.'s Huber
#     likelihood with its 4,000-resample bootstrap, checked against every published value and
#     tolerance of the issue.
#  2. ReplicateChinchilla --resamples 1000: the wall time of a 1,000-resample bootstrap.
#  3. FitLaw on a small case (one eff per bit width on QuEST's runs), against the scipy reference
#     in Tests/ScalingLawsTests/FittingReferenceValues.swift; and bad arguments → non-zero exit.
#  4. With FITTING_COMPARE_SCIPY=1 (and scipy installed): the same 4,500-start grid with scipy's
#     L-BFGS-B (Tests/Reference/chinchilla_fit_reference.py), timed side by side. Off by default:
#     it adds about 45 s on an idle machine, several minutes on a busy one.
#
# Reads the data sets the package ships (Sources/ScalingLawsData/Resources). Exits non-zero on any
# failed check, and when a data file is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA="Sources/ScalingLawsData/Resources"
for file in epoch_chinchilla.csv quest_qat_runs.csv; do
    [[ -f "$DATA/$file" ]] || { echo "fitting-checks: error: $DATA/$file is missing" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "fitting-checks: building ReplicateChinchilla and FitLaw (release)"
swift build -c release --product ReplicateChinchilla
swift build -c release --product FitLaw
BIN="$(swift build -c release --show-bin-path)"

now() { python3 -c 'import time; print(time.time())'; }

echo "fitting-checks: a 100,000-resample bootstrap on two threads stops when its task is cancelled (--cancel-after 1)"
set +e
cancel_output="$("$BIN/ReplicateChinchilla" --quiet --concurrency 2 --resamples 100000 --cancel-after 1 2>&1)"
cancel_status=$?
set -e
echo "  $cancel_output"
if [[ $cancel_status -ne 3 ]] || ! grep -q "cancelled and stopped" <<<"$cancel_output"; then
    echo "fitting-checks: error: the cancelled bootstrap did not stop (status $cancel_status)" >&2
    exit 1
fi
python3 - "$cancel_output" <<'PY'
import re, sys
seconds = float(re.search(r"stopped ([0-9.]+) s after", sys.argv[1]).group(1))
# 100,000 resamples take about a minute; stopping is the next refit after the cancel.
assert seconds < 10, f"the cancelled bootstrap ran {seconds} s"
print(f"  ok   cancelled bootstrap stopped {seconds:.2f} s after it started (cancelled at 1 s)")
PY

echo "fitting-checks: ReplicateChinchilla --json (4,500-start grid, likelihood, 4,000 resamples)"
t0=$(now)
"$BIN/ReplicateChinchilla" --json > "$WORK/replicate.json"
t1=$(now)
echo "fitting-checks: ReplicateChinchilla --resamples 1000 (timing)"
"$BIN/ReplicateChinchilla" --data "$DATA/epoch_chinchilla.csv" --json --resamples 1000 > "$WORK/replicate1000.json"
t2=$(now)

python3 - "$WORK/replicate.json" "$WORK/replicate1000.json" "$t0" "$t1" "$t2" <<'PY'
import json, sys
full = json.load(open(sys.argv[1]))
quick = json.load(open(sys.argv[2]))
t0, t1, t2 = map(float, sys.argv[3:6])
failures = []

def check(label, ok, detail):
    print(f"  {'ok  ' if ok else 'FAIL'} {label}: {detail}")
    if not ok:
        failures.append(label)

def near(label, value, target, absolute=None, relative=None):
    if absolute is not None:
        check(label, abs(value - target) <= absolute, f"{value:.6g} vs {target} ± {absolute}")
    else:
        check(label, abs(value / target - 1) <= relative, f"{value:.6g} vs {target} ± {relative:.0%}")

for key in ("grid", "likelihood"):
    for field in ("A", "B", "E", "alpha", "beta", "objective", "seconds"):
        check(f"{key}.{field} present", field in full[key] and isinstance(full[key][field], (int, float)), "")

grid = full["grid"]
print("Hoffmann's procedure (4,500 starts):")
near("grid A", grid["A"], 477.84, relative=0.02)
near("grid B", grid["B"], 2143.86, relative=0.05)
near("grid E", grid["E"], 1.8172, absolute=0.005)
near("grid alpha", grid["alpha"], 0.3473, absolute=0.002)
near("grid beta", grid["beta"], 0.3672, absolute=0.002)
check("grid objective", grid["objective"] <= 1.01828e-3, f"{grid['objective']:.8g} ≤ 1.01828e-3")

likelihood = full["likelihood"]
print("Huber likelihood with fitted scale:")
near("likelihood A", likelihood["A"], 482.01, relative=0.02)
near("likelihood B", likelihood["B"], 2085.43, relative=0.05)
near("likelihood E", likelihood["E"], 1.8172, absolute=0.005)
near("likelihood alpha", likelihood["alpha"], 0.3478, absolute=0.002)
near("likelihood beta", likelihood["beta"], 0.3658, absolute=0.002)

bootstrap = likelihood["bootstrap"]
print(f"bootstrap standard errors ({bootstrap['resamples']} resamples, within 25% of the published ones):")
for name, published in (("E", 0.026), ("A", 124.5), ("B", 1293), ("alpha", 0.015), ("beta", 0.021)):
    near(f"bootstrap SE {name}", bootstrap[name], published, relative=0.25)
check("bootstrap failures", bootstrap["failures"] <= 0.01 * bootstrap["resamples"], f"{bootstrap['failures']} failed")

print("timings (wall clock, release):")
print(f"  4,500-start grid fit         {grid['seconds']:8.2f} s")
print(f"  likelihood fit               {likelihood['seconds']:8.3f} s")
print(f"  bootstrap, 4,000 resamples   {bootstrap['seconds']:8.2f} s")
print(f"  bootstrap, 1,000 resamples   {quick['likelihood']['bootstrap']['seconds']:8.2f} s")
print(f"  whole ReplicateChinchilla    {t1 - t0:8.2f} s (4,000 resamples), {t2 - t1:.2f} s (1,000)")
if failures:
    print(f"fitting-checks: {len(failures)} check(s) failed: {', '.join(failures)}")
    sys.exit(1)
PY

echo "fitting-checks: FitLaw, one eff per bit width on QuEST's runs"
"$BIN/FitLaw" --law frantar --csv "$DATA/quest_qat_runs.csv" --column N=non_embedding_params --column D=tokens \
    --category w_bits --target loss --where w_bits=a_bits --where w_quant=TrustQuantizer,NoQuantizer \
    --fix eff_16=1 --grid alpha=0.2,0.3,0.5 --grid A=100,1000,10000 --json > "$WORK/fitlaw.json"
python3 - "$WORK/fitlaw.json" Tests/ScalingLawsTests/FittingReferenceValues.swift <<'PY'
import json, re, sys
fit = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
entry = re.search(r'"quest\.eff": \[(.*?)\]', text).group(1)
reference = {k: float(v) for k, v in re.findall(r'"(\w+)": ([-0-9.eE+]+)', entry)}
failures = []
def check(label, ok, detail):
    print(f"  {'ok  ' if ok else 'FAIL'} {label}: {detail}")
    if not ok:
        failures.append(label)
parameters = fit["parameters"]
effs = [parameters[f"eff_{b}"]["value"] for b in ("2", "3", "4", "8", "16")]
check("points", fit["points"] == 25, str(fit["points"]))
check("converged", fit["converged"], fit["reason"])
check("eff finite, in (0, 1.1]", all(0 < e <= 1.1 for e in effs), str([round(e, 4) for e in effs]))
check("eff increasing with bit width", all(a < b for a, b in zip(effs, effs[1:])), "")
check("eff_16 fixed at 1", parameters["eff_16"]["fixed"] and effs[-1] == 1, "")
for name in ("eff_2", "eff_3", "eff_4", "eff_8", "E", "alpha", "beta"):
    value = parameters[name]["value"]
    check(f"{name} = scipy", abs(value / reference[name] - 1) < 1e-3, f"{value:.6g} vs {reference[name]:.6g}")
    check(f"{name} has a standard error", parameters[name].get("standardError", 0) > 0, "")
check("objective = scipy", abs(fit["objective"] / reference["objective"] - 1) < 1e-6,
      f"{fit['objective']:.8g} vs {reference['objective']:.8g}")
if failures:
    print(f"fitting-checks: FitLaw: {len(failures)} check(s) failed")
    sys.exit(1)
PY

echo "fitting-checks: FitLaw rejects bad arguments"
expect_failure() {
    local expected="$1"; shift
    set +e
    "$BIN/FitLaw" "$@" > "$WORK/out.txt" 2> "$WORK/err.txt"
    local status=$?
    set -e
    if [[ $status -eq 0 ]] || ! grep -q -- "$expected" "$WORK/err.txt"; then
        echo "  FAIL FitLaw $*: exit $status, stderr: $(cat "$WORK/err.txt")"
        exit 1
    fi
    echo "  ok   exit $status: $(head -1 "$WORK/err.txt")"
}
expect_failure "unknown law family" --law nope --csv "$DATA/quest_qat_runs.csv" --column N=tokens --target loss
expect_failure "no column 'Model Sizes'" --law chinchilla --csv "$DATA/epoch_chinchilla.csv" \
    --column N="Model Sizes" --column D=loss --target loss
expect_failure "needs variable 'D'" --law chinchilla --csv "$DATA/epoch_chinchilla.csv" --column N="Model Size" --target loss
expect_failure "needs a finite number" --law chinchilla --csv "$DATA/epoch_chinchilla.csv" --column N="Model Size" \
    --column D=loss --target loss --loss huber:abc
expect_failure "unknown option" --bogus
expect_failure "needs an integer in 2...100000" --bootstrap 9223372036854775807
for example in FitLaw ReplicateChinchilla CompareLaws PlanQuantization; do
    "$BIN/$example" --help > /dev/null || { echo "  FAIL $example --help exited $?"; exit 1; }
done
echo "  ok   every example answers --help with status 0"
expect_failure "no such file" --law chinchilla --csv /nonexistent.csv --column N=a --column D=b --target c

if [[ -n "${FITTING_COMPARE_SCIPY:-}" ]] && python3 -c 'import scipy, numpy' 2> /dev/null; then
    echo "fitting-checks: the same 4,500-start grid with scipy L-BFGS-B (exact gradients), for comparison"
    python3 Tests/Reference/chinchilla_fit_reference.py --data "$DATA/epoch_chinchilla.csv" --json > "$WORK/scipy.json"
    python3 - "$WORK/replicate.json" "$WORK/scipy.json" <<'PY'
import json, sys
swift = json.load(open(sys.argv[1]))["grid"]
scipy = json.load(open(sys.argv[2]))["grid"]
print(f"  {'':10s}{'Swift':>14s}{'scipy':>14s}")
for name in ("A", "B", "E", "alpha", "beta", "objective", "seconds"):
    print(f"  {name:10s}{swift[name]:14.7g}{scipy[name]:14.7g}")
print(f"  scipy / Swift wall time: {scipy['seconds'] / swift['seconds']:.1f}×")
if swift["objective"] > scipy["objective"] * (1 + 1e-6):
    print("fitting-checks: the Swift grid optimum is worse than scipy's")
    sys.exit(1)
PY
else
    echo "fitting-checks: scipy comparison skipped (set FITTING_COMPARE_SCIPY=1, with scipy installed, to run it)"
fi
echo "fitting-checks: all passed"
