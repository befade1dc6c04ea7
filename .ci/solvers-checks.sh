#!/usr/bin/env bash
# Release-mode checks of the solvers, called from .ci/run: PlanQuantization's figures
# against the papers' values and against an independent recomputation in Python (closed forms
# from the constants, scipy brute force for the compute-optimal precision, dominance for Pareto).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product PlanQuantization
BIN="$(swift build -c release --show-bin-path)/PlanQuantization"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" > "$WORK/plan.txt"
for section in "1. Critical data size" "2. Training level" "3. Compute-optimal" "4. Deployment frontier" "best within" "5. Training format"; do
    grep -qF "$section" "$WORK/plan.txt" || { echo "solvers-checks: PlanQuantization output lacks '$section'" >&2; exit 1; }
done
"$BIN" --help > /dev/null
if "$BIN" --bogus > /dev/null 2>&1; then echo "solvers-checks: an unknown flag was accepted" >&2; exit 1; fi
"$BIN" --json > "$WORK/plan.json"
python3 - "$WORK/plan.json" <<'PY'
import json, math, sys
import numpy as np
from scipy.optimize import minimize_scalar

plan = json.load(open(sys.argv[1]))
assert set(plan) == {"criticalTokens", "trainingLevel", "computeOptimal", "pareto", "trainingFormats"}, sorted(plan)
failures = []
def check(label, ok, detail):
    print(f"  {'ok  ' if ok else 'FAIL'} {label}: {detail}")
    if not ok: failures.append(label)
def close(a, b, rel): return abs(a - b) <= rel * abs(b)

# Sun et al. Table 2 and Kumar et al. App. K constants, written out independently of the library.
n_, alpha, d_, beta, gamma, delta, nu = 69.2343, 0.2368, 68973.0621, 0.5162, 11334.5197, 3.1926, 2.9543
A, a_k, B, E = 4.299e3, 0.4965, 1.806e4, 2.7648
CT, gD, gN, gpost = 0.0598, 0.5068, 0.3439, 0.5907
for row in plan["criticalTokens"]:
    N = row["N"]
    if row["law"].startswith("Sun2025"):
        e, m = {"E8M7": (8, 7), "E4M3": (4, 3), "E2M1": (2, 1)}[row["format"]]
        expected = (d_ * gamma * N**alpha * (e + .5)**delta * (m + .5)**nu / math.log2(128)) ** (1 / (2 * beta))
    else:
        expected = (a_k * B * N**gN * math.exp(4 / gpost) / (gD * CT)) ** (1 / (gD + a_k))
    check(f"D_crit {row['law']} {row['model']} {row['format']}", close(row["tokens"], expected, 1e-9),
          f"{row['tokens']:.6e} vs {expected:.6e}")
paper = {"E8M7": 1730e12, "E4M3": 27e12, "E2M1": 0.4e12}
half_unit = {"E8M7": 0.5e12, "E4M3": 0.5e12, "E2M1": 0.05e12}
for row in plan["criticalTokens"]:
    if row["law"].startswith("Sun2025") and row["model"] == "1B":
        check(f"Sun paper check 1B {row['format']}", abs(row["tokens"] - paper[row["format"]]) <= half_unit[row["format"]],
              f"{row['tokens'] / 1e12:.4g}T vs {paper[row['format']] / 1e12:g}T printed")

level = plan["trainingLevel"]
k, oa, ob, og = 0.017, 0.2261, 0.5251, 5.4967
tokens = lambda q: (q * level["N"]**oa * level["bits"]**og / k) ** (1 / ob)
check("training level tokens", close(level["equivalentTokens"], tokens(level["degradation"]), 1e-9),
      f"{level['equivalentTokens']:.6e}")
check("likelihood kept", close(level["likelihoodKept"], math.exp(-level["degradation"]), 1e-12), f"{level['likelihoodKept']:.6f}")
for t in level["thresholds"]:
    check(f"tokens to QiD {t['degradation']}", close(t["tokens"], tokens(t["degradation"]), 1e-9)
          and close(t["remainingTokens"], tokens(t["degradation"]) - level["equivalentTokens"], 1e-9), f"{t['tokens']:.6e}")

gw, nw, ga, na, gk, nk = 2.6745, 0.3037, 2.2102, 1.4072, 0.9578, 2.4185
def kumar_loss(N, P, C):
    f = (1 - math.exp(-P / gw + nw)) * (1 - math.exp(-P / ga + na)) * (1 - math.exp(-P / gk + nk))
    if f <= 0: return math.inf
    D = C / (6 / 16 * N * P)
    return A * (N * f) ** -a_k + B * D ** -a_k + E
def sun_loss(N, P, C):
    D = C / (6 / 16 * N * P)
    e, m = delta * P / (delta + nu), nu * P / (delta + nu)
    return n_ / N**alpha + d_ / D**beta + 1.9061 + D**beta / N**alpha * math.log2(128) / (gamma * e**delta * m**nu)
def brute(loss, C, bits):
    best = None
    for P in bits:
        r = minimize_scalar(lambda u: loss(math.exp(u), P, C), bounds=(math.log(1e4), math.log(1e18)),
                            method="bounded", options={"xatol": 1e-9})
        if best is None or r.fun < best[0]: best = (r.fun, P, math.exp(r.x))
    return best
for row in plan["computeOptimal"]:
    C = row["compute"]
    if row["law"].startswith("Kumar"):
        best = brute(kumar_loss, C, np.arange(3.5, 16.0001, 0.01))
        check(f"Kumar optimal precision at {C:g}", 7 <= row["precision"] <= 8 and abs(row["precision"] - best[1]) <= 0.011,
              f"{row['precision']:.3f} bits vs brute force {best[1]:.2f} (paper: 7–8)")
        check(f"Kumar loss at {C:g}", row["loss"] <= best[0] + 1e-9, f"{row['loss']:.8f} vs {best[0]:.8f}")
    else:
        best = brute(sun_loss, C, np.arange(2, 16.0001, 0.01))
        check(f"Sun optimal precision at {C:g}", 4 <= row["precision"] <= 8 and abs(row["precision"] - best[1]) <= 0.011,
              f"{row['precision']:.3f} bits vs brute force {best[1]:.2f} (paper: 4–8)")
        check(f"Sun loss at {C:g}", row["loss"] <= best[0] + 1e-9, f"{row['loss']:.8f} vs {best[0]:.8f}")
    check(f"{row['law']} spends the budget at {C:g}", close(6 / 16 * row["N"] * row["D"] * row["precision"], C, 1e-9), "C = (6/16)·N·D·P")

pareto = plan["pareto"]
D = pareto["D"]
def ouyang_loss(N, P):
    base = ((4.74e19 / N) ** (0.045 / 0.399) + 7.63e10 / D) ** 0.399
    return base + k * D**ob / (N**oa * P**og)
frontier = pareto["frontier"]
check("frontier losses", all(close(o["loss"], ouyang_loss(o["N"], o["bits"]), 1e-9) for o in frontier), f"{len(frontier)} options")
check("frontier is sorted and non-dominated",
      all(a["memoryBytes"] < b["memoryBytes"] and a["loss"] > b["loss"] for a, b in zip(frontier, frontier[1:])), "memory ↑, loss ↓")
candidates = [(N, P) for N in np.exp(np.linspace(math.log(1e9), math.log(1e12), 13)) for P in (2, 3, 4, 8, 16)]
feasible = [ouyang_loss(N, P) for N, P in candidates if N * P / 8 <= pareto["memoryBudgetBytes"]]
check("best choice within the budget", close(pareto["best"]["loss"], min(feasible), 1e-9),
      f"N = {pareto['best']['N']:.3e} at {pareto['best']['bits']:g} bits, loss {pareto['best']['loss']:.4f}")
# 5. Training formats: the closed-form optimum along each format's iso-compute curve,
# N* = [alpha·a·C^beta / (beta·b·k^beta)]^(1/(alpha+beta)) (Tests/Reference/format_compute_optimal_reference.py).
def closed_form(a, alpha, b, beta, k, C):
    n = (alpha * a * C ** beta / (beta * b * k ** beta)) ** (1 / (alpha + beta))
    return n, C / (k * n)
quest_eff = {"BF16": 1, "W1A1 Hadamard": 0.021, "W2A2 Hadamard": 0.152, "W3A3 Hadamard": 0.433, "W4A4 Hadamard": 0.692,
             "W8A8 Hadamard": 1.016, "W1A1": 0.016, "W2A2": 0.078, "W3A3": 0.322, "W4A4": 0.603, "W8A8": 0.938,
             "W1A16": 0.138, "W2A16": 0.414, "W3A16": 0.653, "W4A16": 0.840, "FP4": 0.630, "2:4 sparse": 0.381}
def quest_bits(label):
    if label in ("BF16", "FP4", "2:4 sparse"): return {"BF16": 16, "FP4": 4, "2:4 sparse": 8}[label]
    w, a = label.split(" ")[0][1:].split("A"); return max(int(w), int(a))
for row in plan["trainingFormats"]:
    C, label = row["compute"], row["format"]
    if row["law"] == "Panferov2025.quest":
        A, alpha, B, beta, E = 8.134, 0.0627, 86.41, 0.2413, 0.0014
        a, k = A * quest_eff[label] ** -alpha, 6 * quest_bits(label) / 16
        n, d = closed_form(a, alpha, B, beta, k, C)
        loss = a * n ** -alpha + B * d ** -beta + E
    else:
        A, alpha, B, beta, gamma, E = 1.274e5, 0.5785, 4.658e5, 0.5389, 0.2764, 1.3408
        eff_n, eff_d = (1, 1) if label == "BF16" else (0.645, 0.893)
        k = 6 if label == "BF16" else 6 / row["mxfp4Speedup"]
        a, b = A * eff_n ** -alpha, B * eff_d ** -beta
        n, d = closed_form(a, alpha, b, beta, k, C)
        loss = (a * n ** -alpha + b * d ** -beta) ** gamma + E
    check(f"{row['law']} {label} at C={C:.0e}", close(row["N"], n, 1e-5) and close(row["D"], d, 1e-5) and close(row["loss"], loss, 1e-10),
          f"N {row['N']:.6e} vs {n:.6e}, loss {row['loss']:.10f} vs {loss:.10f}")
groups = {}
for row in plan["trainingFormats"]:
    groups.setdefault((row["law"], row["compute"], row.get("mxfp4Speedup")), []).append(row)
for key, rows in groups.items():
    losses = [r["loss"] for r in sorted(rows, key=lambda r: r["rank"])]
    check(f"{key} ranked by loss", losses == sorted(losses), f"{len(rows)} formats")
best = {key: min(rows, key=lambda r: r["rank"])["format"] for key, rows in groups.items()}
check("QuEST: W4A4 Hadamard compute-optimal", all(v == "W4A4 Hadamard" for k, v in best.items() if k[0] == "Panferov2025.quest"), str(best))
check("Quartet: BF16 at equal speed, MXFP4 at 2x", best[("Castro2025.quartet", 1e21, 1.0)] == "BF16"
      and best[("Castro2025.quartet", 1e21, 2.0)] == "MXFP4", str(best))

if failures:
    print(f"solvers-checks: {len(failures)} check(s) failed"); sys.exit(1)
print("solvers-checks: all passed")
PY
