"""Independent cell counts of the optimal floating-point format map (Documentation/figures/
optimal-precision-map.svg), written out from Sun et al. 2025's Capybara law and Table 2 constants
with mpmath at 30 digits, for Tests/ScalingLawsTests/PlotTests.swift (run from the package root).

The map's rule: for N parameters and a BF16 budget of D tokens, a P-bit format costs P/16 as much
per token, so it trains on 16·D/P tokens; the cell shows the P in {4, 6, 8, 16} (at the optimal
exponent/mantissa split, E rounded to nearest) with the lowest loss. Cells are the geometric
centres of 32 log-spaced columns over N in [1e8, 1e12] and 24 rows over D/N in [10, 1e4]."""
from mpmath import mp, mpf, log, exp, sqrt, log10

mp.dps = 30

n_, alpha, d_, beta, eps = mpf("69.2343"), mpf("0.2368"), mpf("68973.0621"), mpf("0.5162"), mpf("1.9061")
gamma, delta, nu = mpf("11334.5197"), mpf("3.1926"), mpf("2.9543")
BLOCK = mpf(128)


def capybara(n, d, e, m):
    base = n_ / n ** alpha + d_ / d ** beta + eps
    term = d ** beta / n ** alpha * (log(BLOCK) / log(2)) / (gamma * (e + mpf("0.5")) ** delta * (m + mpf("0.5")) ** nu)
    return base + term


def split(bits):
    exponent = int(mp.nint(delta * bits / (delta + nu) - mpf("0.5")))
    exponent = min(max(exponent, 0), bits - 1)
    return exponent, bits - 1 - exponent


def edges(lower, upper, count):
    a, b = log(lower), log(upper)
    return [exp(a + (b - a) * i / (count - 1)) for i in range(count)]


def main():
    formats = [(bits,) + split(bits) for bits in (4, 6, 8, 16)]
    xs, ys = edges(mpf("1e8"), mpf("1e12"), 33), edges(mpf(10), mpf("1e4"), 25)
    counts = [0] * len(formats)
    closest = mpf(1)
    for row in range(len(ys) - 1):
        ratio = sqrt(ys[row] * ys[row + 1])
        for column in range(len(xs) - 1):
            n = sqrt(xs[column] * xs[column + 1])
            losses = [capybara(n, ratio * n * 16 / bits, e, m) for bits, e, m in formats]
            ranked = sorted(losses)
            closest = min(closest, (ranked[1] - ranked[0]) / ranked[0])
            counts[losses.index(ranked[0])] += 1
    print("formats (P, E, M):", formats)
    print("cells won:", counts)
    # How far the runner-up is from the winner at the closest cell: a margin far above 1e-12 means
    # Double arithmetic cannot flip any cell.
    print("smallest relative margin:", mp.nstr(closest, 3))


main()
