#!/usr/bin/env python3
"""One command for every benchmark workload: the library (release build) beside numpy and scipy.

    python3 Benchmarks/run.py [--full] [--json] [--only NAME[,NAME...]]

Workloads (ours | peer):
  batch      Sun et al.'s Capybara law on 2^20 points: `evaluate(batch:)` | numpy, the faster of
             its power form (x**a) and its log form (exp(a*log x)), single-threaded like numpy.
  batch-float  the same law on SIMD16<Float> lanes, one thread | numpy float32, log form. `agree`:
             within 1e-4 of the float64 values.
  grid       Hoffmann et al.'s Huber fit from 4,500 grid starts on the 240 Epoch AI points |
             scipy L-BFGS-B with the analytic gradient (Tests/Reference/chinchilla_fit_reference.py).
  bootstrap  4,000 Huber-likelihood refits | scipy L-BFGS-B refits.
  fit        read a 1e6-row CSV and fit the Chinchilla form by Levenberg-Marquardt from one fixed
             start | np.loadtxt + scipy least_squares(method='lm') with the analytic Jacobian.
  read       the reading part of `fit` alone | np.loadtxt.

scipy's grid and bootstrap take minutes: by default they run on every 10th start and on 100
resamples, and their times are scaled to the full count (the table says so); --full runs them whole.
`agree` compares results: batch values within 1e-12 relative; grid objective no higher than scipy's
(+1e-9 relative); fit parameters within 1e-6 relative; bootstrap standard errors within 25% (two
samplings of a noisy statistic). A workload that fails stops the run with its error: no row is
ever filled with NaN.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "Tests" / "Reference"))
import chinchilla_fit_reference as reference  # noqa: E402

EPOCH = ROOT / "Sources" / "ScalingLawsData" / "Resources" / "epoch_chinchilla.csv"


def ours(binary, *arguments):
    completed = subprocess.run([str(binary), *arguments], capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"error: Workloads {' '.join(arguments)} failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


def best_of(repeats, body):
    fastest, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = body()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, value


# ---- batch ----------------------------------------------------------------------------------

CAPYBARA = dict(n=69.2343, alpha=0.2368, d=68973.0621, beta=0.5162, eps=1.9061,
                gamma=11334.5197, delta=3.1926, nu=2.9543)


def capybara_columns(points):
    rng = np.random.default_rng(2026)
    n = 10 ** (7 + 5 * rng.random(points))
    d = 10 ** (9 + 5 * rng.random(points))
    formats = np.array([(2, 1), (4, 3), (5, 2), (8, 7)], dtype=float)[rng.integers(0, 4, points)]
    b = np.array([32.0, 64, 128, 256])[rng.integers(0, 4, points)]
    return n, d, formats[:, 0].copy(), formats[:, 1].copy(), b


def capybara_power(n, d, e, m, b, c=CAPYBARA):
    return (c["n"] / n ** c["alpha"] + c["d"] / d ** c["beta"] + c["eps"]
            + d ** c["beta"] / n ** c["alpha"] * np.log2(b) / (c["gamma"] * (e + 0.5) ** c["delta"] * (m + 0.5) ** c["nu"]))


def capybara_logs(n, d, e, m, b, c=CAPYBARA):
    ln_n, ln_d = np.log(n), np.log(d)
    n_term = np.exp(-c["alpha"] * ln_n)
    d_power = np.exp(c["beta"] * ln_d)
    precision = np.exp(-c["delta"] * np.log(e + 0.5) - c["nu"] * np.log(m + 0.5)) / c["gamma"]
    return c["n"] * n_term + c["d"] / d_power + c["eps"] + d_power * n_term * np.log2(b) * precision


def batch(binary, work, args):
    columns = capybara_columns(1 << 20)
    path, out = work / "capybara.bin", work / "capybara.out"
    np.concatenate(columns).astype("<f8").tofile(path)
    mine = ours(binary, "--workload", "batch", "--columns", str(path), "--values", str(out))
    power_s, reference_values = best_of(5, lambda: capybara_power(*columns))
    logs_s, log_values = best_of(5, lambda: capybara_logs(*columns))
    values = np.fromfile(out, dtype="<f8")
    worst = float(np.max(np.abs(values / reference_values - 1)))
    peer = min(power_s, logs_s)
    form = "power form" if power_s <= logs_s else "log form"
    return dict(workload="batch", ours_s=mine["ours_s"], peer_s=peer, agree=worst <= 1e-12,
                detail=f"{mine['ns_per_point']:.1f} vs {peer * 1e9 / len(values):.1f} ns/pt (numpy {form}; "
                       f"power form {power_s * 1e9 / len(values):.1f}); max rel diff {worst:.1e}")


def batch_float(binary, work, args):
    columns = capybara_columns(1 << 20)
    path, out = work / "capybara.bin", work / "capybara32.out"
    np.concatenate(columns).astype("<f8").tofile(path)
    mine = ours(binary, "--workload", "batch-float", "--columns", str(path), "--values", str(out))
    single = [c.astype(np.float32) for c in columns]
    constants = {k: np.float32(v) for k, v in CAPYBARA.items()}
    peer, _ = best_of(5, lambda: capybara_logs(*single, c=constants))
    reference_values = capybara_logs(*columns)
    values = np.fromfile(out, dtype="<f8")
    worst = float(np.max(np.abs(values / reference_values - 1)))
    return dict(workload="batch-float", ours_s=mine["ours_s"], peer_s=peer, agree=worst <= 1e-4,
                detail=f"{mine['ns_per_point']:.1f} vs {peer * 1e9 / len(values):.1f} ns/pt (numpy float32 log form); "
                       f"max rel diff from float64 {worst:.1e}")


# ---- grid and bootstrap ----------------------------------------------------------------------

def grid(binary, work, args):
    mine = ours(binary, "--workload", "grid")
    ln_n, ln_d, ln_l = reference.load(str(EPOCH))
    starts = reference.hoffmann_grid()
    subset = starts if args.full else starts[::10]
    start = time.perf_counter()
    best = reference.fit_grid(ln_n, ln_d, ln_l, subset, exact_gradient=True)
    peer = (time.perf_counter() - start) * len(starts) / len(subset)
    agree = mine["objective"] <= best.fun * (1 + 1e-9)
    scaled = "" if args.full else f", scipy timed on {len(subset)} starts and scaled"
    return dict(workload="grid", ours_s=mine["ours_s"], peer_s=peer, agree=agree,
                detail=f"objective {mine['objective']:.7e} vs {best.fun:.7e}{scaled}")


def bootstrap(binary, work, args):
    mine = ours(binary, "--workload", "bootstrap", "--resamples", "4000")
    # The same refits with L-BFGS, the method of the published replication, for the speed-up.
    mine_lbfgs = ours(binary, "--workload", "bootstrap", "--resamples", "4000", "--likelihood-optimizer", "lbfgs")
    ln_n, ln_d, ln_l = reference.load(str(EPOCH))
    published = np.log([482.01, 2085.43, 1.8172])
    likelihood = reference.fit_likelihood(ln_n, ln_d, ln_l, np.array([*published, 0.3478, 0.3658]))
    count = 4000 if args.full else 100
    rng = np.random.default_rng(0)
    samples = []
    start = time.perf_counter()
    for _ in range(count):
        idx = rng.integers(0, len(ln_l), len(ln_l))
        res = reference.fit_likelihood(ln_n[idx], ln_d[idx], ln_l[idx], likelihood.x[:5])
        samples.append([np.exp(res.x[2]), res.x[3], res.x[4]])
    peer = (time.perf_counter() - start) * 4000 / count
    spread = np.std(np.array(samples), axis=0, ddof=1)
    errors = mine["standard_errors"]
    ratios = [errors["E"] / spread[0], errors["alpha"] / spread[1], errors["beta"] / spread[2]]
    agree = all(0.75 <= r <= 1.25 for r in ratios)
    scaled = "" if args.full else f"; scipy timed on {count} refits and scaled"
    return dict(workload="bootstrap", ours_s=mine["ours_s"], peer_s=peer, agree=agree,
                detail=f"SE(E, alpha, beta) ratio ours/scipy {', '.join(f'{r:.2f}' for r in ratios)}; "
                       f"{mine['unconverged']} of 4000 refits unconverged; "
                       f"ours with L-BFGS refits {mine_lbfgs['ours_s']:.2f} s{scaled}")


# ---- read and fit ----------------------------------------------------------------------------

TRUE = dict(E=1.8172, A=482.01, alpha=0.3478, B=2085.43, beta=0.3658)
START = np.array([1.8, 400.0, 0.34, 2000.0, 0.37])


def make_csv(path, rows=1_000_000):
    rng = np.random.default_rng(7)
    n = 10 ** rng.uniform(7, 11, rows)
    d = 10 ** rng.uniform(9, 13, rows)
    loss = (TRUE["E"] + TRUE["A"] / n ** TRUE["alpha"] + TRUE["B"] / d ** TRUE["beta"]) * np.exp(0.01 * rng.standard_normal(rows))
    np.savetxt(path, np.column_stack([n, d, loss]), delimiter=",", header="N,D,loss", comments="", fmt="%.17g")


def scipy_fit(path):
    from scipy.optimize import least_squares
    start = time.perf_counter()
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    read = time.perf_counter() - start
    ln_n, ln_d, ln_y = np.log(table[:, 0]), np.log(table[:, 1]), np.log(table[:, 2])

    def terms(p):
        e, a, alpha, b, beta = p
        na, db = np.exp(-alpha * ln_n), np.exp(-beta * ln_d)
        return na, db, e + a * na + b * db

    def residuals(p):
        return ln_y - np.log(terms(p)[2])

    def jacobian(p):
        na, db, pred = terms(p)
        e, a, alpha, b, beta = p
        return -np.column_stack([np.ones_like(pred), na, -a * ln_n * na, db, -b * ln_d * db]) / pred[:, None]

    result = least_squares(residuals, START, jac=jacobian, method="lm")
    total = time.perf_counter() - start
    return read, total, result


def fit(binary, work, args):
    path = work / "chinchilla_1e6.csv"
    if not path.exists():
        make_csv(path)
    mine = ours(binary, "--workload", "fit", "--csv", str(path))
    read, total, result = scipy_fit(path)
    names = ["E", "A", "alpha", "B", "beta"]
    worst = max(abs(mine["parameters"][k] / v - 1) for k, v in zip(names, result.x))
    return [dict(workload="read", ours_s=mine["read_s"], peer_s=read, agree=True,
                 detail=f"{mine['points']} rows, 3 columns ({path.stat().st_size / 1e6:.0f} MB); np.loadtxt"),
            dict(workload="fit", ours_s=mine["ours_s"], peer_s=total, agree=worst <= 1e-6,
                 detail=f"LM {mine['iterations']} iterations, {mine['evaluations']} evaluations vs scipy "
                        f"{result.nfev} evaluations; max rel parameter diff {worst:.1e}")]


WORKLOADS = {"batch": batch, "batch-float": batch_float, "grid": grid, "bootstrap": bootstrap, "fit": fit}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="run scipy's grid and bootstrap whole (many minutes)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per workload")
    parser.add_argument("--only", help="comma-separated workloads: " + ", ".join(WORKLOADS))
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(WORKLOADS)
    unknown = [name for name in chosen if name not in WORKLOADS]
    if unknown:
        sys.exit(f"error: unknown workload(s) {unknown}; choose from {', '.join(WORKLOADS)}")
    build = subprocess.run(["swift", "build", "-c", "release", "--product", "Workloads"], cwd=ROOT,
                           capture_output=True, text=True)
    if build.returncode != 0:
        sys.exit("error: swift build failed:\n" + build.stdout + build.stderr)
    binary = Path(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.strip()) / "Workloads"
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for name in chosen:
            result = WORKLOADS[name](binary, Path(directory), args)
            rows.extend(result if isinstance(result, list) else [result])
    for row in rows:
        row["ratio"] = row["peer_s"] / row["ours_s"]
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return
    flags = sorted(set(open("/proc/cpuinfo").read().split()) & {"avx2", "avx512f", "fma"}) if os.path.exists("/proc/cpuinfo") else []
    print(f"CPU flags: {', '.join(flags) or 'unknown'}; {os.cpu_count()} cores; ours = release build, default target")
    print(f"{'workload':10} {'ours (s)':>10} {'peer (s)':>10} {'ratio':>7}  agree  detail")
    for row in rows:
        print(f"{row['workload']:10} {row['ours_s']:10.3f} {row['peer_s']:10.3f} {row['ratio']:6.2f}x  "
              f"{'yes' if row['agree'] else 'NO ':5}  {row['detail']}")
    if not all(row["agree"] for row in rows):
        sys.exit("error: a workload's results disagree with its peer (above)")


if __name__ == "__main__":
    main()
