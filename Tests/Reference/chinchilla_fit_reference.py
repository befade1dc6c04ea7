#!/usr/bin/env python3
"""Independent reference for the Chinchilla replication fits.

Written with numpy + scipy only; it does not use or look at the package's Swift code.
It tells us that the published targets are reachable, what exactly the two objectives are,
and how long scipy takes for the same work (the peer benchmark of Documentation/Fitting.md).

Data: Sources/ScalingLawsData/Resources/epoch_chinchilla.csv (Besiroglu et al. 2024, digitised from Chinchilla's
Figure 4). N = `Model Size`, D = `Training FLOP` / (6 N), L = `loss`; the 5 highest losses are
dropped, leaving 240 points.

1. Hoffmann's procedure (Hoffmann et al. 2022, App. D.2):
       minimise  sum_i Huber_delta( LSE(a - alpha ln N_i, b - beta ln D_i, e) - ln L_i ),
       Huber(r) = r^2/2 for |r| <= delta, delta (|r| - delta/2) otherwise, delta = 1e-3, SUMMED;
   L-BFGS-B from each of the 4,500 grid starts alpha, beta in {0, .5, .., 2}, e in {-1, -.5, .., 1},
   a, b in {0, 5, .., 25}; keep the best. A = e^a, B = e^b, E = e^e.
   Published: A 477.84, B 2143.86, E 1.8172, alpha 0.3473, beta 0.3672, objective 1.01827e-3.

2. The Huber likelihood with a fitted scale (Besiroglu et al. 2024):
       minimise  -sum_i log f(ln L_i; loc = LSE(...), scale = sigma),
       f(x) = exp(-Huber_delta((x - loc)/sigma)) / (Z(delta) sigma),
       Z(delta) = sqrt(2 pi) (1 - 2 Phi(-delta)) + 2 exp(-delta^2/2)/delta   (the integral of
       exp(-Huber_delta(z)) over the real line), delta = 1e-3 on the *standardised* residual.
   Six parameters (a, b, e, alpha, beta, ln sigma). Published: E 1.8172, A 482.01, B 2085.43,
   alpha 0.3478, beta 0.3658; bootstrap SEs E 0.026, A 124.5, B 1293, alpha 0.015, beta 0.021.

Usage:
    python3 Tests/Reference/chinchilla_fit_reference.py [--data PATH] [--starts all|N]
        [--bootstrap K] [--json]
Prints both fits beside the published values and the wall time of each step.
"""

import argparse
import csv
import itertools
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp
from scipy.stats import norm

DELTA = 1e-3


def load(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    n = np.array([float(r["Model Size"]) for r in rows])
    flop = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    d = flop / (6 * n)
    # Drop the 5 highest losses (Besiroglu et al.): keep losses below the fifth-largest.
    order = np.argsort(-loss, kind="stable")
    keep = np.ones(len(loss), dtype=bool)
    keep[order[:5]] = False
    return np.log(n[keep]), np.log(d[keep]), np.log(loss[keep])


def huber(r, delta=DELTA):
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))


def huber_grad(r, delta=DELTA):
    return np.clip(r, -delta, delta)


def lse_and_weights(p, ln_n, ln_d):
    a, b, e, alpha, beta = p[:5]
    terms = np.stack([a - alpha * ln_n, b - beta * ln_d, np.full_like(ln_n, e)])
    pred = logsumexp(terms, axis=0)
    w = np.exp(terms - pred)  # softmax weights: d pred / d (a, b, e)
    return pred, w


def grid_objective(p, ln_n, ln_d, ln_l):
    pred, _ = lse_and_weights(p, ln_n, ln_d)
    return float(np.sum(huber(pred - ln_l)))


def grid_objective_and_gradient(p, ln_n, ln_d, ln_l):
    pred, w = lse_and_weights(p, ln_n, ln_d)
    r = pred - ln_l
    g = huber_grad(r)
    grad = np.array([
        np.sum(g * w[0]), np.sum(g * w[1]), np.sum(g * w[2]),
        np.sum(g * w[0] * -ln_n), np.sum(g * w[1] * -ln_d)])
    return float(np.sum(huber(r))), grad


LOG_Z = math.log(math.sqrt(2 * math.pi) * (1 - 2 * norm.sf(DELTA)) + 2 * math.exp(-0.5 * DELTA ** 2) / DELTA)


def likelihood_objective(q, ln_n, ln_d, ln_l):
    p, log_sigma = q[:5], q[5]
    pred, _ = lse_and_weights(p, ln_n, ln_d)
    z = (ln_l - pred) / math.exp(log_sigma)
    return float(np.sum(huber(z)) + len(z) * (LOG_Z + log_sigma))


def likelihood_objective_and_gradient(q, ln_n, ln_d, ln_l):
    p, log_sigma = q[:5], q[5]
    sigma = math.exp(log_sigma)
    pred, w = lse_and_weights(p, ln_n, ln_d)
    z = (ln_l - pred) / sigma
    g = huber_grad(z)  # d huber / dz
    # dz/dpred = -1/sigma; dz/dlog_sigma = -z
    gp = -g / sigma
    grad = np.array([
        np.sum(gp * w[0]), np.sum(gp * w[1]), np.sum(gp * w[2]),
        np.sum(gp * w[0] * -ln_n), np.sum(gp * w[1] * -ln_d),
        np.sum(-g * z) + len(z)])
    return float(np.sum(huber(z)) + len(z) * (LOG_Z + log_sigma)), grad


def hoffmann_grid():
    alphas = np.arange(0, 2.5, 0.5)
    betas = np.arange(0, 2.5, 0.5)
    es = np.arange(-1, 1.5, 0.5)
    a_s = np.arange(0, 30, 5)
    b_s = np.arange(0, 30, 5)
    return [np.array([a, b, e, al, be], dtype=float)
            for al, be, e, a, b in itertools.product(alphas, betas, es, a_s, b_s)]


def natural(p):
    return {"A": math.exp(p[0]), "B": math.exp(p[1]), "E": math.exp(p[2]), "alpha": p[3], "beta": p[4]}


def fit_grid(ln_n, ln_d, ln_l, starts, exact_gradient):
    best = None
    for start in starts:
        if exact_gradient:
            res = minimize(grid_objective_and_gradient, start, args=(ln_n, ln_d, ln_l), jac=True,
                           method="L-BFGS-B")
        else:
            res = minimize(grid_objective, start, args=(ln_n, ln_d, ln_l), method="L-BFGS-B")
        if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
            best = res
    return best


def fit_likelihood(ln_n, ln_d, ln_l, start):
    """Maximise the Huber likelihood from `start` (5 law parameters); the scale starts at the
    mean absolute residual (a Laplace-like guess), then BFGS polishes all six jointly."""
    pred, _ = lse_and_weights(start, ln_n, ln_d)
    log_sigma0 = math.log(DELTA * np.mean(np.abs(ln_l - pred)))
    q0 = np.concatenate([start, [log_sigma0]])
    # ln sigma is bounded so that a wild line-search trial cannot overflow exp(ln sigma).
    bounds = [(None, None)] * 5 + [(-40.0, 5.0)]
    res = minimize(likelihood_objective_and_gradient, q0, args=(ln_n, ln_d, ln_l), jac=True,
                   method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": 10000, "maxfun": 100000, "ftol": 1e-15, "gtol": 1e-12})
    return res


PUBLISHED_GRID = {"A": 477.84, "B": 2143.86, "E": 1.8172, "alpha": 0.3473, "beta": 0.3672, "objective": 1.01827e-3}
PUBLISHED_LIKELIHOOD = {"A": 482.01, "B": 2085.43, "E": 1.8172, "alpha": 0.3478, "beta": 0.3658}
PUBLISHED_SE = {"A": 124.5, "B": 1293, "E": 0.026, "alpha": 0.015, "beta": 0.021}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path("Sources/ScalingLawsData/Resources/epoch_chinchilla.csv")
    parser.add_argument("--data", default=str(default))
    parser.add_argument("--starts", default="all", help="'all' (4,500) or a count: every k-th start")
    parser.add_argument("--finite-differences", action="store_true",
                        help="also time the grid with scipy's finite-difference gradient (Epoch's exact call)")
    parser.add_argument("--bootstrap", type=int, default=0, help="bootstrap resamples of the likelihood fit")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not Path(args.data).exists():
        sys.exit(f"error: data file {args.data} not found (pass --data PATH)")

    ln_n, ln_d, ln_l = load(args.data)
    assert len(ln_l) == 240, len(ln_l)
    starts = hoffmann_grid()
    assert len(starts) == 4500
    if args.starts != "all":
        starts = starts[:: max(1, len(starts) // int(args.starts))]

    report = {"points": int(len(ln_l)), "starts": len(starts)}
    t0 = time.perf_counter()
    best = fit_grid(ln_n, ln_d, ln_l, starts, exact_gradient=True)
    report["grid"] = dict(natural(best.x), objective=float(best.fun), seconds=time.perf_counter() - t0)
    report["grid_log_parameters"] = [float(v) for v in best.x]

    if args.finite_differences:
        t0 = time.perf_counter()
        best_fd = fit_grid(ln_n, ln_d, ln_l, starts, exact_gradient=False)
        report["grid_finite_differences"] = dict(natural(best_fd.x), objective=float(best_fd.fun),
                                                 seconds=time.perf_counter() - t0)

    t0 = time.perf_counter()
    lik = fit_likelihood(ln_n, ln_d, ln_l, best.x)
    report["likelihood"] = dict(natural(lik.x), objective=float(lik.fun), sigma=math.exp(lik.x[5]),
                                seconds=time.perf_counter() - t0, message=str(lik.message))

    if args.bootstrap:
        rng = np.random.default_rng(0)
        t0 = time.perf_counter()
        samples = []
        for _ in range(args.bootstrap):
            idx = rng.integers(0, len(ln_l), len(ln_l))
            res = fit_likelihood(ln_n[idx], ln_d[idx], ln_l[idx], lik.x[:5])
            samples.append([math.exp(res.x[0]), math.exp(res.x[1]), math.exp(res.x[2]), res.x[3], res.x[4]])
        samples = np.array(samples)
        sd = samples.std(axis=0, ddof=1)
        report["bootstrap"] = dict(zip(["A", "B", "E", "alpha", "beta"], map(float, sd)),
                                   resamples=args.bootstrap, seconds=time.perf_counter() - t0)

    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['points']} points, {report['starts']} starts")
    for key, published in (("grid", PUBLISHED_GRID), ("likelihood", PUBLISHED_LIKELIHOOD)):
        fit = report[key]
        print(f"\n{key} fit ({fit['seconds']:.2f} s):")
        for name in ("A", "B", "E", "alpha", "beta", "objective"):
            if name in fit:
                pub = published.get(name)
                print(f"  {name:9s} {fit[name]:14.6g}   published {pub if pub is not None else '-'}")
    if "grid_finite_differences" in report:
        fd = report["grid_finite_differences"]
        print(f"\ngrid with finite differences ({fd['seconds']:.2f} s): "
              + ", ".join(f"{k} {fd[k]:.6g}" for k in ("A", "B", "E", "alpha", "beta", "objective")))
    if "bootstrap" in report:
        bs = report["bootstrap"]
        print(f"\nbootstrap ({bs['resamples']} resamples, {bs['seconds']:.1f} s) standard deviations:")
        for name in ("A", "B", "E", "alpha", "beta"):
            print(f"  {name:9s} {bs[name]:12.5g}   published {PUBLISHED_SE[name]}")


if __name__ == "__main__":
    main()
