"""Independent values of the data-constrained law (Muennighoff et al. 2023) and the sparsity law
(Frantar et al. 2024), written out from the papers' formulas and the authors' constants with mpmath
at 30 digits, and their solvers with scipy, for Tests/ScalingLawsTests/ConstrainedSparseLawTests.swift
(run from the package root)."""
import csv

from mpmath import mp, mpf, exp, expm1, findroot, log
from scipy.optimize import brentq, minimize, minimize_scalar
import numpy as np

mp.dps = 30

# Muennighoff et al. 2023: unrounded constants of the authors' repository.
DC = dict(a=mpf("6.255414"), b=mpf("7.3049974"), e=mpf("0.6254804"), alpha=mpf("0.3526596"), beta=mpf("0.3526596"),
          rd=mpf("15.387756"), rn=mpf("5.309743"))


def data_constrained(n, d, u, p=DC):
    A, B, E = exp(p["a"]), exp(p["b"]), exp(p["e"])
    alpha, beta = p["alpha"], p["beta"]
    ud = min(u, d)
    rd = max(d / ud - 1, 0)
    g = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
    un = min(n, g * (ud * g) ** (beta / alpha))
    rn = max(n / un - 1, 0)
    n_eff = un + un * p["rn"] * (1 - exp(-rn / p["rn"]))
    d_eff = ud + ud * p["rd"] * (1 - exp(-rd / p["rd"]))
    return E + A / n_eff ** alpha + B / d_eff ** beta


# Frantar et al. 2024: the authors' notebook constants (a_S, b_S, c_S, b_N, a_D, b_D, c).
T5 = [mpf(x) for x in ("0.56778512", "0.72161276", "1.52265016", "0.24513173", "0.63361517", "0.20270772", "0.65074219")]
VIT = [mpf(x) for x in ("1.30485411", "0.82101251", "2.07506343", "0.39222675", "0.27818217", "0.88979104", "4.51669257")]


def sparse(params, s, n, d, n_unit, d_unit):
    a_s, b_s, c_s, b_n, a_d, b_d, c = params
    return (a_s * (1 - s) ** b_s + c_s) * (n / n_unit) ** (-b_n) + a_d * (d / d_unit) ** (-b_d) + c


print("// data-constrained (N, D, U, loss)")
for n, d, u in [("2.81e9", "5.5e10", "9e9"), ("2.81e9", "5.5e10", "4e9"), ("8.67e9", "1.78e11", "1.78e11"),
                ("1e8", "1e10", "1e8"), ("7e10", "1.4e12", "2e11"), ("1e9", "5e9", "1e10")]:
    print(f"({n}, {d}, {u}, {mp.nstr(data_constrained(mpf(n), mpf(d), mpf(u)), 20)}),")

print("// sparsity (law, S, N, D, loss)")
for s, n, d in [("0", "2e7", "5e5"), ("0.5", "2e7", "5e5"), ("0.875", "5e6", "2.5e5"), ("0.75", "6.03979776e8", "5e5")]:
    print(f'("t5", {s}, {n}, {d}, {mp.nstr(sparse(T5, mpf(s), mpf(n), mpf(d), 1e6, 1e5), 20)}),')
for s, n, d in [("0", "1e7", "1e9"), ("0.75", "1e7", "1e9"), ("0.9375", "2e6", "4e8")]:
    print(f'("vit", {s}, {n}, {d}, {mp.nstr(sparse(VIT, mpf(s), mpf(n), mpf(d), 1e6, 1e9), 20)}),')

print("// optimal sparsity at fixed cost (law, N, dense data, S_opt, loss)")
for name, params, n, d, nu, du in [("t5", T5, 2e7, 5e5, 1e6, 1e5), ("t5", T5, 1e8, 5e6, 1e6, 1e5),
                                   ("vit", VIT, 1e7, 4e9, 1e6, 1e9)]:
    f = lambda s: float(sparse(params, mpf(s), mpf(n), mpf(d) * (1 - mpf(s)), nu, du))
    r = minimize_scalar(f, bounds=(0, 0.99), method="bounded", options=dict(xatol=1e-12))
    print(f'("{name}", {n:g}, {d:g}, {r.x:.12g}, {r.fun:.15g}),')

print("// epochs worth repeating (N, U, tolerance, epochs)")
for n, u, tol in [(2.81e9, 9e9, 0.01), (8.67e9, 1e10, 0.005), (1e9, 2e10, 0.02)]:
    gap = lambda le: float(data_constrained(mpf(n), mpf(u) * exp(mpf(le)), mpf(u))
                           - data_constrained(mpf(n), mpf(u) * exp(mpf(le)), mpf(u) * exp(mpf(le)))) - tol
    root = brentq(gap, 0, float(log(1e4)), xtol=1e-14)
    print(f"({n:g}, {u:g}, {tol}, {np.exp(root):.12g}),")

# The authors' refit objective on the shipped T5 runs: Huber (delta 1e-3) of log residuals, mean.
rows = list(csv.DictReader(open("Sources/ScalingLawsData/Resources/frantar2024_t5_sparsity.csv")))
S = np.array([float(r["sparsity"]) for r in rows])
N = 24 * 12 * 768 ** 2 * np.array([float(r["scale"]) for r in rows]) * (1 - S)
D = np.array([float(r["steps"]) for r in rows])
L = np.array([float(r["val-loss"]) for r in rows])


def objective(p):
    a_s, b_s, c_s, b_n, a_d, b_d, c = p
    pred = (a_s * (1 - S) ** b_s + c_s) * (N / 1e6) ** (-b_n) + a_d * (D / 1e5) ** (-b_d) + c
    r = np.abs(np.log(pred) - np.log(L))
    return np.mean(np.where(r <= 1e-3, 0.5 * r ** 2, 1e-3 * (r - 0.5e-3)))


published = [float(x) for x in T5]
print("// T5 objective at the published constants:", repr(objective(published)))
best = minimize(objective, published, method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-16, maxiter=40000))
print("// T5 objective after polishing from them:", repr(best.fun), list(best.x))

print("// CompareLaws, beyond quantization: sparsity's loss increase at the same dense size (dense N, S, increase)")
for n in ("2e7", "8.5e7"):
    for s in ("0.5", "0.75", "0.875"):
        n0, s0 = mpf(n), mpf(s)
        increase = sparse(T5, s0, (1 - s0) * n0, mpf("5e5"), 1e6, 1e5) - sparse(T5, mpf(0), n0, mpf("5e5"), 1e6, 1e5)
        print(f"({n}, {s}, {mp.nstr(increase, 20)}),")
print("// CompareLaws, beyond quantization: repeated data's loss increase, N 7e9, D 1e12 (epochs, increase)")
for epochs in (4, 16, 64):
    n, d = mpf("7e9"), mpf("1e12")
    print(f"({epochs}, {mp.nstr(data_constrained(n, d, d / epochs) - data_constrained(n, d, d), 20)}),")
