#!/usr/bin/env python3
"""Peer of LawBenchmarks: Sun et al.'s Capybara law over the same kind of columns, in numpy.

    python3 Benchmarks/peer_numpy.py [--points N] [--json]

Single-threaded numpy (element-wise ufuncs do not use threads). Prints ns/point, best of 7.
"""
import argparse
import json
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--points", type=int, default=1 << 20)
p.add_argument("--repeats", type=int, default=7)
p.add_argument("--json", action="store_true")
a = p.parse_args()

rng = np.random.default_rng(2026)
n = 10 ** (7 + 5 * rng.random(a.points))
d = 10 ** (9 + 5 * rng.random(a.points))
formats = np.array([(2, 1), (4, 3), (5, 2), (8, 7)], dtype=float)[rng.integers(0, 4, a.points)]
e, m = formats[:, 0], formats[:, 1]
b = np.array([32.0, 64, 128, 256])[rng.integers(0, 4, a.points)]

nn, alpha, dd, beta, eps = 69.2343, 0.2368, 68973.0621, 0.5162, 1.9061
gamma, delta, nu = 11334.5197, 3.1926, 2.9543


def capybara():
    return (nn / n**alpha + dd / d**beta + eps
            + d**beta / n**alpha * np.log2(b) / (gamma * (e + 0.5) ** delta * (m + 0.5) ** nu))


best = float("inf")
for _ in range(a.repeats):
    t = time.perf_counter()
    total = capybara().sum()
    best = min(best, time.perf_counter() - t)
row = {"name": "numpy (float64, vectorized)", "nsPerPoint": best * 1e9 / a.points, "checksum": float(total)}
print(json.dumps([row]) if a.json else f"{row['name']:42} {row['nsPerPoint']:8.2f} ns/point")
