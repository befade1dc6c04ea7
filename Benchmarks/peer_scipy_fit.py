#!/usr/bin/env python3
"""Peer of ReplicateChinchilla's grid fit: Hoffmann et al.'s procedure with scipy's L-BFGS-B.

    python3 Benchmarks/peer_scipy_fit.py [--data PATH] [--every K] [--json]

Minimizes the summed Huber loss (delta = 1e-3) of log residuals of the log-sum-exp form from the
4,500-point grid (every K-th start with --every, to bound the run time), with the exact gradient
written out by hand, and reports the best fit and the time per start. Single-threaded.
"""
import argparse
import csv
import json
import time
from itertools import product

import numpy as np
from scipy.optimize import minimize

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="../shared/data/epoch_chinchilla.csv")
parser.add_argument("--every", type=int, default=1)
parser.add_argument("--json", action="store_true")
args = parser.parse_args()

rows = list(csv.DictReader(open(args.data)))
n = np.array([float(r["Model Size"]) for r in rows])
d = np.array([float(r["Training FLOP"]) for r in rows]) / (6 * n)
loss = np.array([float(r["loss"]) for r in rows])
keep = np.sort(np.argsort(loss)[:-5])
log_n, log_d, log_loss = np.log(n[keep]), np.log(d[keep]), np.log(loss[keep])
delta = 1e-3


def objective(p):
    a, b, e, alpha, beta = p
    t1, t2 = a - alpha * log_n, b - beta * log_d
    top = np.maximum(np.maximum(t1, t2), e)
    w1, w2, w3 = np.exp(t1 - top), np.exp(t2 - top), np.exp(e - top)
    total = w1 + w2 + w3
    r = log_loss - (top + np.log(total))
    huber = np.where(np.abs(r) <= delta, 0.5 * r * r, delta * (np.abs(r) - 0.5 * delta))
    psi = np.clip(r, -delta, delta)
    p1, p2, p3 = w1 / total, w2 / total, w3 / total
    gradient = -np.array([np.sum(psi * p1), np.sum(psi * p2), np.sum(psi * p3),
                          -np.sum(psi * p1 * log_n), -np.sum(psi * p2 * log_d)])
    return huber.sum(), gradient


grid = list(product(np.arange(0, 30, 5), np.arange(0, 30, 5), np.arange(-1, 1.5, 0.5),
                    np.arange(0, 2.5, 0.5), np.arange(0, 2.5, 0.5)))[:: args.every]
start = time.perf_counter()
best = None
for point in grid:
    result = minimize(objective, np.array(point, dtype=float), jac=True, method="L-BFGS-B")
    if best is None or result.fun < best.fun:
        best = result
seconds = time.perf_counter() - start
a, b, e, alpha, beta = best.x
row = {"A": float(np.exp(a)), "B": float(np.exp(b)), "E": float(np.exp(e)), "alpha": float(alpha),
       "beta": float(beta), "objective": float(best.fun), "starts": len(grid), "seconds": seconds,
       "secondsPerStart": seconds / len(grid)}
print(json.dumps(row) if args.json else row)
