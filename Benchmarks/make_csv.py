#!/usr/bin/env python3
"""Writes a CSV of synthetic training runs for the CSV-reading benchmark.

    python3 Benchmarks/make_csv.py OUT.csv [--rows R] [--megabytes M] [--digits K | --awkward] [--seed S]

Columns N, D, loss: N = 10^U(7, 11) parameters, D = 10^U(9, 13) tokens, and the loss of
Chinchilla's fit (E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28) times 1% log-normal
noise. Numbers are written as Python's repr (the shortest text that reads back to the same double,
up to 17 significant digits), as pandas and the csv module write them, or with K significant
digits (`%.Kg`) when --digits K is given. --megabytes M keeps adding
rows until the file reaches M * 10^6 bytes (it overrides --rows).

--awkward writes hard numbers instead, to check decoding rather than speed: 1 to 25 significant
digits, decimal exponents over the whole double range (subnormals included), with or without a
point, leading zeros, a '+' sign or an 'E'; every N and D positive and finite, loss finite.
"""
import argparse
import random

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--rows", type=int, default=1_000_000)
p.add_argument("--megabytes", type=float)
p.add_argument("--digits", type=int, help="significant digits (default: the shortest round trip)")
p.add_argument("--awkward", action="store_true", help="hard numbers (see above)")
p.add_argument("--seed", type=int, default=2026)
a = p.parse_args()

rng = np.random.default_rng(a.seed)
plain = random.Random(a.seed)


def awkward_number(positive):
    while True:
        digits = "".join(plain.choices("0123456789", k=plain.randint(1, 25)))
        exponent = plain.randint(-345, 308)
        style = plain.randrange(6)
        if style == 0:
            text = f"{digits}e{exponent}"
        elif style == 1:
            point = plain.randint(0, len(digits))
            text = f"{digits[:point]}.{digits[point:]}E{exponent:+d}"
        elif style == 2:
            text = f"0.000{digits}e{exponent}"
        elif style == 3:
            text = f"+{digits}.e{exponent}"
        elif style == 4:
            text = f".{digits}"
        else:
            text = digits
        if not positive and style != 3 and plain.randrange(2):
            text = "-" + text
        value = float(text)
        if value != 0 and abs(value) != float("inf"):
            return text


def awkward_block(count):
    return "".join(f"{awkward_number(True)},{awkward_number(True)},{awkward_number(False)}\n" for _ in range(count))


def block(count):
    if a.awkward:
        return awkward_block(count)
    n = 10 ** rng.uniform(7, 11, count)
    d = 10 ** rng.uniform(9, 13, count)
    loss = (1.69 + 406.4 / n**0.34 + 410.7 / d**0.28) * np.exp(0.01 * rng.standard_normal(count))
    text = repr if a.digits is None else (lambda x: f"{x:.{a.digits}g}")
    return "".join(f"{text(x)},{text(y)},{text(z)}\n" for x, y, z in zip(n.tolist(), d.tolist(), loss.tolist()))


with open(a.out, "w", encoding="ascii", newline="") as f:
    size = f.write("N,D,loss\n")
    if a.megabytes is None:
        for start in range(0, a.rows, 100_000):
            size += f.write(block(min(100_000, a.rows - start)))
    else:
        while size < a.megabytes * 1e6:
            size += f.write(block(100_000))
