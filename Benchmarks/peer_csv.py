#!/usr/bin/env python3
"""Peer of CSVBenchmarks: numpy's loadtxt reading the same CSV file (columns N, D, loss).

    python3 Benchmarks/peer_csv.py --file FILE [--repeats K]

Prints one JSON object, keyed by the workload name CSVBenchmarks uses for the same job:
{"workload": "csv-observations", "peer": ..., "peer_s": best wall time, "rows": ..., "bytes": ...,
"peakRSS_bytes": the process's peak resident memory (getrusage), "checksum": the values' bit
patterns summed modulo 2^64, as CSVBenchmarks sums them}. A failed read raises.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--file", required=True)
p.add_argument("--repeats", type=int, default=5)
a = p.parse_args()

best = float("inf")
table = None
for _ in range(a.repeats):
    table = None
    start = time.perf_counter()
    table = np.loadtxt(a.file, delimiter=",", skiprows=1)
    best = min(best, time.perf_counter() - start)
if table.ndim != 2 or table.shape[1] != 3:
    sys.exit(f"peer_csv.py: {a.file} did not read as three columns (shape {table.shape})")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({
    "workload": "csv-observations", "peer": "numpy.loadtxt(delimiter=',', skiprows=1)", "peer_s": best,
    "rows": int(table.shape[0]), "bytes": os.path.getsize(a.file), "checksum": int(np.ascontiguousarray(table).view(np.uint64).sum(dtype=np.uint64)),
    "peakRSS_bytes": peak,
}))
