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
