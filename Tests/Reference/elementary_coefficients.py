#!/usr/bin/env python3
"""Coefficients of the vectorized exp and log in Sources/ScalingLaws/Numerics/SIMD+ElementaryFunctions.swift.

Chebyshev-node fits (mpmath.chebyfit, 60 digits), which come within a small factor of minimax:
  exp(r) = 1 + r + r^2 * P(r),  |r| <= ln2/2,  P of degree 9;
  ln m   = 2s + s^3 * Q(s^2),   s = (m - 1)/(m + 1), |s| <= (sqrt2 - 1)/(sqrt2 + 1),  Q of degree 6.
Prints the coefficients (highest degree first, as the Horner loops use them) and the fits' errors.
"""
import mpmath as mp

mp.mp.dps = 60
half_ln2 = mp.log(2) / 2
s_max = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)


def exp_tail(r):
    return (mp.exp(r) - 1 - r) / r**2 if r != 0 else mp.mpf(1) / 2


def atanh_tail(z):
    if z == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(z)
    return (mp.log((1 + s) / (1 - s)) - 2 * s) / s**3


p, _ = mp.chebyfit(exp_tail, [-half_ln2, half_ln2], 10, error=True)
q, _ = mp.chebyfit(atanh_tail, [0, s_max**2], 7, error=True)
grid = [-half_ln2 + 2 * half_ln2 * i / 4000 for i in range(4001)]
exp_error = max(abs((1 + r + r**2 * mp.polyval(p, r)) / mp.exp(r) - 1) for r in grid)
s_grid = [s_max * i / 4000 for i in range(1, 4001)]
log_error = max(abs((2 * s + s**3 * mp.polyval(q, s * s)) / mp.log((1 + s) / (1 - s)) - 1) for s in s_grid)
print("exp P:", [repr(float(c)) for c in p], "max relative error", mp.nstr(exp_error, 3))
print("log Q:", [repr(float(c)) for c in q], "max relative error", mp.nstr(log_error, 3))

# Float versions (Sources/ScalingLaws/Numerics/SIMD+ElementaryFunctions.swift, the Float lanes):
# the same forms with lower degrees, errors far below Float's 2^-24 ≈ 6e-8.
p32, _ = mp.chebyfit(exp_tail, [-half_ln2, half_ln2], 5, error=True)
q32, _ = mp.chebyfit(atanh_tail, [0, s_max**2], 3, error=True)
exp32_error = max(abs((1 + r + r**2 * mp.polyval(p32, r)) / mp.exp(r) - 1) for r in grid)
log32_error = max(abs((2 * s + s**3 * mp.polyval(q32, s * s)) / mp.log((1 + s) / (1 - s)) - 1) for s in s_grid)
print("Float exp P:", [repr(float(c)) for c in p32], "max relative error", mp.nstr(exp32_error, 3))
print("Float log Q:", [repr(float(c)) for c in q32], "max relative error", mp.nstr(log32_error, 3))
