"""Independent values of the QuEST (Panferov et al. 2025) and Quartet (Castro et al. 2025) laws,
written out from the papers' formulas and constants with mpmath at 30 digits, for
Tests/ScalingLawsTests/FollowUpLawTests.swift (run from the package root)."""
from mpmath import mp, mpf

mp.dps = 30

QUEST = dict(A=mpf("8.134"), alpha=mpf("0.0627"), B=mpf("86.41"), beta=mpf("0.2413"), E=mpf("0.0014"))
QUEST_EFF = {"BF16": mpf(1), "W4A4 Hadamard": mpf("0.692"), "W1A1": mpf("0.016"), "FP4": mpf("0.630")}
QUARTET = dict(A=mpf("1.274e5"), alpha=mpf("0.5785"), B=mpf("4.658e5"), beta=mpf("0.5389"), gamma=mpf("0.2764"),
               E=mpf("1.3408"))
QUARTET_EFF = {"BF16": (mpf(1), mpf(1)), "MXFP4": (mpf("0.645"), mpf("0.893"))}


def quest(n, d, fmt):
    p = QUEST
    return p["A"] / (n * QUEST_EFF[fmt]) ** p["alpha"] + p["B"] / d ** p["beta"] + p["E"]


def quartet(n, d, fmt):
    p = QUARTET
    eff_n, eff_d = QUARTET_EFF[fmt]
    return (p["A"] / (n * eff_n) ** p["alpha"] + p["B"] / (d * eff_d) ** p["beta"]) ** p["gamma"] + p["E"]


for n, d in [(mpf("2e8"), mpf("2e10")), (mpf("5e7"), mpf("3e9")), (mpf("8e8"), mpf("8e10"))]:
    for fmt in QUEST_EFF:
        print(f'("quest", {mp.nstr(n, 3)}, {mp.nstr(d, 3)}, "{fmt}", {mp.nstr(quest(n, d, fmt), 20)}),')
    for fmt in QUARTET_EFF:
        print(f'("quartet", {mp.nstr(n, 3)}, {mp.nstr(d, 3)}, "{fmt}", {mp.nstr(quartet(n, d, fmt), 20)}),')

# QuEST's published point on the shipped QuEST runs (equal weight and activation bits, trust quantizer
# or none), formats mapped to the preset's Hadamard ones (16 bits = BF16): ½Σ(ln y − ln ŷ)².
import csv
import math

QUEST_HADAMARD = {"2": "0.152", "3": "0.433", "4": "0.692", "8": "1.016", "16": "1"}
with open("Sources/ScalingLawsData/Resources/quest_qat_runs.csv", newline="") as handle:
    runs = [r for r in csv.DictReader(handle)
            if r["w_bits"] == r["a_bits"] and r["w_quant"] in ("TrustQuantizer", "NoQuantizer")]
objective = mpf(0)
for r in runs:
    n, d, y = mpf(r["non_embedding_params"]), mpf(r["tokens"]), mpf(r["loss"])
    p = QUEST
    prediction = p["A"] / (n * mpf(QUEST_HADAMARD[r["w_bits"]])) ** p["alpha"] + p["B"] / d ** p["beta"] + p["E"]
    objective += (mp.log(y) - mp.log(prediction)) ** 2 / 2
print("// QuEST published point on %d shipped runs: objective %s" % (len(runs), mp.nstr(objective, 17)))
