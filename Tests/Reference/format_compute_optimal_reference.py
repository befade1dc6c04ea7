#!/usr/bin/env python3
"""Independent reference for compute-optimal training formats (QuEST and Quartet laws).

Written with mpmath only; it does not use or look at the package's Swift code.

Along the iso-compute curve D = C/(k·N) both laws reduce to minimising
    f(N) = a·N^(-alpha) + b·(k·N/C)^beta,
QuEST:   L = A/(N·eff)^alpha + B/D^beta + E            (a = A·eff^-alpha, b = B)
Quartet: L = (A/(N·effN)^alpha + B/(D·effD)^beta)^gamma + E   (a = A·effN^-alpha, b = B·effD^-beta;
         x -> x^gamma + E is increasing, so the minimiser is f's)
whose minimiser is N* = [alpha·a·C^beta / (beta·b·k^beta)]^(1/(alpha+beta)).
Costs: QuEST k = 6·bits/16 with bits the wider operand of the format (W4A16 -> 16, FP4 -> 4,
2:4 sparse -> 8, BF16 -> 16); Quartet k = 6 (BF16) and 6/s (MXFP4) for a speedup s.

Usage: python3 Tests/Reference/format_compute_optimal_reference.py
"""
import mpmath as mp

mp.mp.dps = 40

QUEST = dict(A=mp.mpf("8.134"), alpha=mp.mpf("0.0627"), B=mp.mpf("86.41"), beta=mp.mpf("0.2413"), E=mp.mpf("0.0014"))
EFF = {"BF16": "1", "W1A1 Hadamard": "0.021", "W2A2 Hadamard": "0.152", "W3A3 Hadamard": "0.433",
       "W4A4 Hadamard": "0.692", "W8A8 Hadamard": "1.016", "W1A1": "0.016", "W2A2": "0.078", "W3A3": "0.322",
       "W4A4": "0.603", "W8A8": "0.938", "W1A16": "0.138", "W2A16": "0.414", "W3A16": "0.653", "W4A16": "0.840",
       "FP4": "0.630", "2:4 sparse": "0.381"}


def bits(label):
    if label == "BF16":
        return 16
    if label == "FP4":
        return 4
    if label == "2:4 sparse":
        return 8
    w, a = label.split(" ")[0][1:].split("A")
    return max(int(w), int(a))


def optimum(a, alpha, b, beta, k, C):
    n = (alpha * a * C ** beta / (beta * b * k ** beta)) ** (1 / (alpha + beta))
    return n, C / (k * n)


def quest(C):
    rows = []
    for label, eff in EFF.items():
        k = mp.mpf(6) * bits(label) / 16
        a = QUEST["A"] * mp.mpf(eff) ** (-QUEST["alpha"])
        n, d = optimum(a, QUEST["alpha"], QUEST["B"], QUEST["beta"], k, C)
        loss = a * n ** (-QUEST["alpha"]) + QUEST["B"] * d ** (-QUEST["beta"]) + QUEST["E"]
        rows.append((loss, label, n, d))
    return sorted(rows)


def quartet(C, speedup):
    A, alpha, B, beta, gamma, E = map(mp.mpf, ("1.274e5", "0.5785", "4.658e5", "0.5389", "0.2764", "1.3408"))
    rows = []
    for label, eff_n, eff_d, k in (("BF16", "1", "1", mp.mpf(6)), ("MXFP4", "0.645", "0.893", mp.mpf(6) / speedup)):
        a = A * mp.mpf(eff_n) ** (-alpha)
        b = B * mp.mpf(eff_d) ** (-beta)
        n, d = optimum(a, alpha, b, beta, k, C)
        loss = (a * n ** (-alpha) + b * d ** (-beta)) ** gamma + E
        rows.append((loss, label, n, d))
    return sorted(rows)


for C in (mp.mpf("1e21"), mp.mpf("1e24")):
    print(f"QuEST, bit-operations cost, C = {mp.nstr(C, 3)}: best first")
    for loss, label, n, d in quest(C)[:4]:
        print(f'    ("{label}", {mp.nstr(n, 15)}, {mp.nstr(d, 15)}, {mp.nstr(loss, 15)}),')
for C, s in ((mp.mpf("1e21"), 1), (mp.mpf("1e21"), 2), (mp.mpf("1e24"), 2)):
    print(f"Quartet, MXFP4 speedup {s}, C = {mp.nstr(C, 3)}:")
    for loss, label, n, d in quartet(C, mp.mpf(s)):
        print(f'    ("{label}", {mp.nstr(n, 15)}, {mp.nstr(d, 15)}, {mp.nstr(loss, 15)}),')
