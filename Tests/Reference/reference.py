#!/usr/bin/env python3
"""Independent high-precision reference values for the ScalingLaws package.

This script re-implements every published scaling law the package carries
(Hoffmann/Chinchilla, Epoch replication, Ouyang, Kumar, Chen, Sun "Capybara",
Frantar; citations in Documentation/References.md) directly from the papers' formulas and
constants, evaluates them with mpmath at 50 significant digits, and writes
Tests/ScalingLawsTests/ReferenceValues.swift, which the Swift tests read.
It does not use or look at any of the package's Swift code.

N and D are raw counts (parameters, tokens) everywhere.

Cases are: every check point quoted in Documentation/Laws, a few fixed anchor points,
plus 8 log-uniform random points per preset/quantity drawn from a fixed seed
(random.Random(20261122)), so the output is deterministic. Last come the
"comparison.*" cases: every row of the side-by-side comparison
(DegradationComparison, Examples/CompareLaws) on its 3 x 3 grid of N and D,
quantity "degradation", keyed "comparison.<paper>.<format>".

The script also checks itself independently of the closed forms (critical
data sizes are confirmed as stationary points/minima by numerical
differentiation, inversions are round-tripped, the compute-optimal frontier
is confirmed as a minimum along the iso-compute line) and prints a summary
comparing every paper check value with the computed one. It exits
non-zero if a gating check differs by more than the precision the paper
printed.

Regenerate (from the package root, needs only Python 3 + mpmath):

    python3 Tests/Reference/reference.py
"""

import math
import random
import sys
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50

M = mp.mpf  # constants are given as decimal strings so they are exact at 50 digits

OUTPUT_PATH = (Path(__file__).resolve().parent.parent
               / "ScalingLawsTests" / "ReferenceValues.swift")
SEED = 20261122


# ---------------------------------------------------------------------------
# 0. Chinchilla (Hoffmann et al. 2022, Approach 3) and the Epoch refit
# ---------------------------------------------------------------------------

CHINCHILLA_PRESETS = {
    "chinchilla.hoffmann": dict(
        E=M("1.69"), A=M("406.4"), B=M("410.7"), alpha=M("0.34"), beta=M("0.28")),
    "chinchilla.hoffmannUnrounded": dict(
        E=mp.exp(M("0.5267228")), A=mp.exp(M("6.0073404")), B=mp.exp(M("6.0179186")),
        alpha=M("0.33917084"), beta=M("0.2849083")),
    "chinchilla.epoch": dict(
        E=M("1.8172"), A=M("482.01"), B=M("2085.43"), alpha=M("0.3478"), beta=M("0.3658")),
}


def chinchilla_loss(p, N, D):
    """L(N, D) = E + A/N^alpha + B/D^beta."""
    return p["E"] + p["A"] / mp.power(N, p["alpha"]) + p["B"] / mp.power(D, p["beta"])


def chinchilla_frontier_exponents(p):
    """(G, a, b) of the compute-optimal frontier."""
    alpha, beta = p["alpha"], p["beta"]
    G = mp.power(alpha * p["A"] / (beta * p["B"]), 1 / (alpha + beta))
    return G, beta / (alpha + beta), alpha / (alpha + beta)


def chinchilla_optimal_allocation(p, C):
    """(N_opt, D_opt) for compute C = 6 N D: N_opt = G (C/6)^a, D_opt = (C/6)^b / G."""
    G, a, b = chinchilla_frontier_exponents(p)
    return G * mp.power(C / 6, a), mp.power(C / 6, b) / G


def verify_chinchilla_optimal_allocation(p, C):
    """Independent check: N_opt minimises L(N, C/(6N)) and 6 N_opt D_opt = C."""
    n_opt, d_opt = chinchilla_optimal_allocation(p, C)
    assert abs(6 * n_opt * d_opt / C - 1) < M("1e-40"), "frontier violates C = 6ND"
    along = lambda logn: chinchilla_loss(p, mp.exp(logn), C / (6 * mp.exp(logn)))
    root = mp.findroot(lambda logn: mp.diff(along, logn), mp.log(n_opt) + M("0.3"))
    assert abs(root - mp.log(n_opt)) < M("1e-20"), "N_opt is not stationary"
    assert mp.diff(along, mp.log(n_opt), 2) > 0, "N_opt is not a minimum"


# ---------------------------------------------------------------------------
# 1. Ouyang et al. 2024 — quantization-induced degradation (QiD)
# ---------------------------------------------------------------------------

OUYANG = dict(k=M("0.017"), gamma_D=M("0.5251"), gamma_N=M("0.2261"), gamma_P=M("5.4967"))
OUYANG_BASELINE = dict(Nc=M("4.74e19"), Dc=M("7.63e10"), alpha_N=M("0.045"), alpha_D=M("0.399"))


def ouyang_degradation(N, D, bits):
    """Unified law: dqLoss = 0.017 D^0.5251 / (N^0.2261 P^5.4967)."""
    o = OUYANG
    return o["k"] * mp.power(D, o["gamma_D"]) / (
        mp.power(N, o["gamma_N"]) * mp.power(bits, o["gamma_P"]))


def ouyang_tokens_for_degradation(N, bits, degradation):
    """Closed-form inversion of the unified law for D."""
    o = OUYANG
    return mp.power(degradation * mp.power(N, o["gamma_N"]) * mp.power(bits, o["gamma_P"])
                    / o["k"], 1 / o["gamma_D"])


def ouyang_baseline16_loss(N, D):
    """Kaplan-form 16-bit Pythia loss: [(Nc/N)^(aN/aD) + Dc/D]^aD."""
    b = OUYANG_BASELINE
    return mp.power(mp.power(b["Nc"] / N, b["alpha_N"] / b["alpha_D"]) + b["Dc"] / D,
                    b["alpha_D"])


def ouyang_quantized_loss(N, D, bits):
    return ouyang_baseline16_loss(N, D) + ouyang_degradation(N, D, bits)


# ---------------------------------------------------------------------------
# 2. Kumar et al. 2024 — Scaling Laws for Precision
# ---------------------------------------------------------------------------

KUMAR = dict(
    A=M("4.299e3"), alpha=M("0.4965"), B=M("1.806e4"), beta=M("0.4965"), E=M("2.7648"),
    gamma_w=M("2.6745"), n_w=M("0.3037"),
    gamma_a=M("2.2102"), n_a=M("1.4072"),
    gamma_kv=M("0.9578"), n_kv=M("2.4185"),
    C_T=M("0.0598"), gamma_D=M("0.5068"), gamma_N=M("0.3439"), gamma_post=M("0.5907"),
)


def kumar_ptq_degradation(N, D, bits):
    """delta_PTQ = C_T D^gamma_D / N^gamma_N * exp(-P_post/gamma_post)."""
    k = KUMAR
    return (k["C_T"] * mp.power(D, k["gamma_D"]) / mp.power(N, k["gamma_N"])
            * mp.exp(-bits / k["gamma_post"]))


def kumar_precision_factors(weight_bits, activation_bits, kv_bits):
    """The three factors 1 - exp(-P_x/gamma_x + n_x)."""
    k = KUMAR
    return tuple(1 - mp.exp(-P / k["gamma_" + x] + k["n_" + x])
                 for P, x in ((weight_bits, "w"), (activation_bits, "a"), (kv_bits, "kv")))


def kumar_precisions_valid(weight_bits, activation_bits, kv_bits):
    return all(f > 0 for f in kumar_precision_factors(weight_bits, activation_bits, kv_bits))


def kumar_effective_parameters(N, weight_bits, activation_bits, kv_bits):
    """N_eff = N * prod_x (1 - exp(-P_x/gamma_x + n_x))."""
    factors = kumar_precision_factors(weight_bits, activation_bits, kv_bits)
    assert all(f > 0 for f in factors), "invalid Kumar training precision"
    return N * factors[0] * factors[1] * factors[2]


def kumar_unified_loss(N, D, weight_bits, activation_bits, kv_bits, bits):
    """A N_eff^-alpha + B D^-beta + E + delta_PTQ(N_eff, D, P_post)."""
    k = KUMAR
    n_eff = kumar_effective_parameters(N, weight_bits, activation_bits, kv_bits)
    return (k["A"] * mp.power(n_eff, -k["alpha"]) + k["B"] * mp.power(D, -k["beta"]) + k["E"]
            + kumar_ptq_degradation(n_eff, D, bits))


def kumar_critical_tokens(N, bits):
    """Eq. 13: D_crit = (beta B N^gamma_N e^(P/gamma_post) / (gamma_D C_T))^(1/(gamma_D+beta))."""
    k = KUMAR
    return mp.power(k["beta"] * k["B"] * mp.power(N, k["gamma_N"]) * mp.exp(bits / k["gamma_post"])
                    / (k["gamma_D"] * k["C_T"]), 1 / (k["gamma_D"] + k["beta"]))


def verify_kumar_critical_tokens(N, bits):
    """Independent check: D_crit minimises B D^-beta + delta_PTQ(N, D, bits) over D."""
    k = KUMAR
    d_crit = kumar_critical_tokens(N, bits)
    data_part = lambda logd: (k["B"] * mp.power(mp.exp(logd), -k["beta"])
                              + kumar_ptq_degradation(N, mp.exp(logd), bits))
    root = mp.findroot(lambda logd: mp.diff(data_part, logd), mp.log(d_crit) + M("0.5"))
    assert abs(root - mp.log(d_crit)) < M("1e-20"), "Kumar D_crit is not stationary"
    assert mp.diff(data_part, mp.log(d_crit), 2) > 0, "Kumar D_crit is not a minimum"
    # and the derivative changes sign from - to + across it
    assert mp.diff(data_part, mp.log(d_crit) - M("0.01")) < 0 < mp.diff(data_part, mp.log(d_crit) + M("0.01"))


# ---------------------------------------------------------------------------
# 3. Chen et al. 2025 — QAT scaling law (INT4, group size G)
# ---------------------------------------------------------------------------

CHEN_PRESETS = {  # k, gamma_N, gamma_D, gamma_G
    "chen.w4a4": (M("0.1582"), M("0.2186"), M("0.0745"), M("0.7779")),
    "chen.w4a16": (M("0.2522"), M("0.3589"), M("0.1610"), M("0.3533")),
    "chen.w16a4": (M("0.1004"), M("0.1816"), M("0.0331"), M("0.9812")),
    "chen.w4a4fc2int8": (M("0.3519"), M("0.2637"), M("0.0964"), M("0.3407")),
    "chen.w16a4fc2int8": (M("0.1273"), M("0.2347"), M("0.0827"), M("0.4491")),
}


def chen_degradation(preset, N, D, group_size):
    """delta_p = k D^gamma_D (log2 G)^gamma_G / N^gamma_N."""
    k, gamma_N, gamma_D, gamma_G = CHEN_PRESETS[preset]
    return k * mp.power(D, gamma_D) * mp.power(mp.log(group_size, 2), gamma_G) / mp.power(N, gamma_N)


def chen_activation_to_weight_ratio(N, D, group_size):
    """delta_W16A4 / delta_W4A16."""
    return chen_degradation("chen.w16a4", N, D, group_size) / chen_degradation("chen.w4a16", N, D, group_size)


# ---------------------------------------------------------------------------
# 4. Sun et al. 2025 — floating-point quantization training ("Capybara")
# ---------------------------------------------------------------------------

SUN = dict(n=M("69.2343"), alpha=M("0.2368"), d=M("68973.0621"), beta=M("0.5162"),
           epsilon=M("1.9061"), gamma=M("11334.5197"), delta=M("3.1926"), nu=M("2.9543"))


def sun_precision_denominator(exponent_bits, mantissa_bits, block_size):
    """log2(B) / (gamma (E+0.5)^delta (M+0.5)^nu)."""
    s = SUN
    return mp.log(block_size, 2) / (s["gamma"] * mp.power(exponent_bits + M("0.5"), s["delta"])
                                    * mp.power(mantissa_bits + M("0.5"), s["nu"]))


def sun_degradation(N, D, exponent_bits, mantissa_bits, block_size):
    """(D^beta / N^alpha) log2 B / (gamma (E+0.5)^delta (M+0.5)^nu)."""
    s = SUN
    return (mp.power(D, s["beta"]) / mp.power(N, s["alpha"])
            * sun_precision_denominator(exponent_bits, mantissa_bits, block_size))


def sun_loss(N, D, exponent_bits, mantissa_bits, block_size):
    """n/N^alpha + d/D^beta + epsilon + degradation."""
    s = SUN
    return (s["n"] / mp.power(N, s["alpha"]) + s["d"] / mp.power(D, s["beta"]) + s["epsilon"]
            + sun_degradation(N, D, exponent_bits, mantissa_bits, block_size))


def sun_critical_tokens(N, exponent_bits, mantissa_bits, block_size):
    """D_crit = [d gamma N^alpha (E+0.5)^delta (M+0.5)^nu / log2 B]^(1/(2 beta))."""
    s = SUN
    return mp.power(s["d"] * s["gamma"] * mp.power(N, s["alpha"])
                    * mp.power(exponent_bits + M("0.5"), s["delta"])
                    * mp.power(mantissa_bits + M("0.5"), s["nu"]) / mp.log(block_size, 2),
                    1 / (2 * s["beta"]))


def verify_sun_critical_tokens(N, exponent_bits, mantissa_bits, block_size):
    """Independent check: dL/dD = 0 at D_crit and it is a minimum of L in D."""
    d_crit = sun_critical_tokens(N, exponent_bits, mantissa_bits, block_size)
    loss_of_logd = lambda logd: sun_loss(N, mp.exp(logd), exponent_bits, mantissa_bits, block_size)
    slope = mp.diff(lambda d: sun_loss(N, d, exponent_bits, mantissa_bits, block_size), d_crit)
    assert abs(slope * d_crit) < M("1e-30"), "Sun dL/dD != 0 at D_crit"
    root = mp.findroot(lambda logd: mp.diff(loss_of_logd, logd), mp.log(d_crit) + M("0.5"))
    assert abs(root - mp.log(d_crit)) < M("1e-20"), "Sun D_crit is not the stationary point"
    assert mp.diff(loss_of_logd, mp.log(d_crit), 2) > 0, "Sun D_crit is not a minimum"


# ---------------------------------------------------------------------------
# 5. Frantar et al. 2025 — compression scaling laws (effective-parameter multiplier)
# ---------------------------------------------------------------------------

FRANTAR_PRESETS = {
    "frantar.int4WeightOnly": M("0.923"),
    "frantar.w4a4": M("0.747"),
    "frantar.w1a1": M("0.067"),
    "frantar.sparsity50": M("0.871"),
}
FRANTAR_BASE = CHINCHILLA_PRESETS["chinchilla.hoffmann"]


def frantar_loss(efficiency, N, D):
    """Chinchilla (printed constants) with N replaced by N * eff."""
    return chinchilla_loss(FRANTAR_BASE, N * efficiency, D)


def frantar_degradation(efficiency, N, D):
    return frantar_loss(efficiency, N, D) - chinchilla_loss(FRANTAR_BASE, N, D)


# ---------------------------------------------------------------------------
# Random inputs
# ---------------------------------------------------------------------------

BIT_WIDTHS = (2.0, 3.0, 4.0, 6.0, 8.0)
KUMAR_WEIGHT_BITS = (4.0, 5.0, 6.0, 8.0, 16.0)
KUMAR_ACT_KV_BITS = (4.0, 6.0, 8.0, 16.0)
GROUP_SIZES = (32.0, 64.0, 128.0, 256.0)
FP_LAYOUTS = ((2.0, 1.0), (4.0, 3.0), (5.0, 2.0), (8.0, 7.0), (3.0, 2.0))
BLOCK_SIZES = (32.0, 64.0, 128.0, 256.0)
RANDOM_POINTS = 8


def log_uniform(rng, lo, hi):
    """Log-uniform in [lo, hi], rounded to 6 significant digits for readability."""
    return float("%.6g" % 10 ** rng.uniform(math.log10(lo), math.log10(hi)))


def random_N(rng):
    return log_uniform(rng, 1e7, 1e12)


def random_D(rng):
    return log_uniform(rng, 1e9, 1e14)


# ---------------------------------------------------------------------------
# Case collection
# ---------------------------------------------------------------------------

cases = []   # (preset, quantity, inputs dict (ordered), mp value)


def add_case(preset, quantity, inputs, value):
    assert mp.isfinite(value), (preset, quantity, inputs)
    assert math.isfinite(float(value)), (preset, quantity, inputs)
    for v in inputs.values():
        assert math.isfinite(v)
    cases.append((preset, quantity, dict(inputs), value))


def mpf_inputs(inputs):
    """The exact binary doubles written to Swift, as mpf."""
    return {k: M(v) for k, v in inputs.items()}


def build_cases(rng):
    # --- Chinchilla family: loss --------------------------------------------
    chinchilla_anchors = [(1e9, 2e10), (70e9, 1.4e12), (280e9, 3e11)]
    for preset, p in CHINCHILLA_PRESETS.items():
        points = list(chinchilla_anchors) + [(random_N(rng), random_D(rng)) for _ in range(RANDOM_POINTS)]
        for N, D in points:
            add_case(preset, "loss", {"N": N, "D": D}, chinchilla_loss(p, M(N), M(D)))

    # --- Chinchilla: compute-optimal allocation ------------------------------
    for preset in ("chinchilla.hoffmann", "chinchilla.epoch"):
        p = CHINCHILLA_PRESETS[preset]
        for C in (1e21, 1e23, 1e25):
            verify_chinchilla_optimal_allocation(p, M(C))
            n_opt, d_opt = chinchilla_optimal_allocation(p, M(C))
            add_case(preset, "optimalParameters", {"compute": C}, n_opt)
            add_case(preset, "optimalTokens", {"compute": C}, d_opt)

    # --- Ouyang ---------------------------------------------------------------
    points = [(70e9, 1.5e13, 4.0)] + [(random_N(rng), random_D(rng), rng.choice(BIT_WIDTHS))
                                      for _ in range(RANDOM_POINTS)]
    for N, D, bits in points:
        add_case("ouyang.unified", "degradation", {"N": N, "D": D, "bits": bits},
                 ouyang_degradation(M(N), M(D), M(bits)))

    for N in (1e9, 7e9, 70e9, 405e9):
        for bits in (2.0, 3.0, 4.0):
            for q in (0.2, 0.5):
                d = ouyang_tokens_for_degradation(M(N), M(bits), M(q))
                assert abs(ouyang_degradation(M(N), d, M(bits)) / M(q) - 1) < M("1e-40")
                add_case("ouyang.unified", "tokens", {"N": N, "bits": bits, "degradation": q}, d)

    points = [(12e9, 3e11)] + [(random_N(rng), random_D(rng)) for _ in range(RANDOM_POINTS)]
    for N, D in points:
        add_case("ouyang.baseline16", "loss", {"N": N, "D": D}, ouyang_baseline16_loss(M(N), M(D)))

    points = [(12e9, 3e11, 4.0)] + [(random_N(rng), random_D(rng), rng.choice(BIT_WIDTHS))
                                    for _ in range(RANDOM_POINTS)]
    for N, D, bits in points:
        add_case("ouyang.quantized", "loss", {"N": N, "D": D, "bits": bits},
                 ouyang_quantized_loss(M(N), M(D), M(bits)))

    # --- Kumar ----------------------------------------------------------------
    points = [(30e6, 26e9, 4.0), (30e6, 26e9, 3.0)] + [
        (random_N(rng), random_D(rng), rng.choice(BIT_WIDTHS)) for _ in range(RANDOM_POINTS)]
    for N, D, bits in points:
        add_case("kumar.ptq", "degradation", {"N": N, "D": D, "bits": bits},
                 kumar_ptq_degradation(M(N), M(D), M(bits)))

    def random_training_precisions():
        while True:
            w = rng.choice(KUMAR_WEIGHT_BITS)
            a = rng.choice(KUMAR_ACT_KV_BITS)
            kv = rng.choice(KUMAR_ACT_KV_BITS)
            if kumar_precisions_valid(M(w), M(a), M(kv)):
                return w, a, kv
            print("  skipped invalid Kumar precisions", (w, a, kv))

    anchors = [(1e9, 16.0, 16.0, 16.0), (1e9, 8.0, 8.0, 8.0), (1e9, 4.0, 4.0, 4.0)]
    points = anchors + [(random_N(rng),) + random_training_precisions() for _ in range(RANDOM_POINTS)]
    for N, w, a, kv in points:
        add_case("kumar.effectiveN", "effectiveParameters",
                 {"N": N, "weightBits": w, "activationBits": a, "kvBits": kv},
                 kumar_effective_parameters(M(N), M(w), M(a), M(kv)))

    anchors = [(30e6, 26e9, 16.0, 16.0, 16.0, 4.0), (1e9, 2e10, 8.0, 8.0, 8.0, 8.0)]
    points = anchors + [(random_N(rng), random_D(rng)) + random_training_precisions()
                        + (rng.choice(BIT_WIDTHS),) for _ in range(RANDOM_POINTS)]
    for N, D, w, a, kv, bits in points:
        add_case("kumar.unified", "loss",
                 {"N": N, "D": D, "weightBits": w, "activationBits": a, "kvBits": kv, "bits": bits},
                 kumar_unified_loss(M(N), M(D), M(w), M(a), M(kv), M(bits)))

    points = [(30e6, 4.0)] + [(random_N(rng), rng.choice(BIT_WIDTHS)) for _ in range(RANDOM_POINTS)]
    for N, bits in points:
        verify_kumar_critical_tokens(M(N), M(bits))
        add_case("kumar.ptq", "criticalTokens", {"N": N, "bits": bits},
                 kumar_critical_tokens(M(N), M(bits)))

    # --- Chen -----------------------------------------------------------------
    claim_points = [(595e6, 100 * 595e6, 32.0), (595e6, 1000 * 595e6, 32.0), (595e6, 1000 * 595e6, 256.0)]
    for preset in CHEN_PRESETS:
        points = [(595e6, 100e9, 32.0)]
        if preset in ("chen.w4a16", "chen.w16a4"):
            points += claim_points
        points += [(random_N(rng), random_D(rng), rng.choice(GROUP_SIZES)) for _ in range(RANDOM_POINTS)]
        for N, D, G in points:
            add_case(preset, "degradation", {"N": N, "D": D, "groupSize": G},
                     chen_degradation(preset, M(N), M(D), M(G)))
    for N, D, G in claim_points:
        # The ratio is a property of the pair; it is filed under the activation preset.
        add_case("chen.w16a4", "ratioW16A4toW4A16", {"N": N, "D": D, "groupSize": G},
                 chen_activation_to_weight_ratio(M(N), M(D), M(G)))

    # --- Sun ------------------------------------------------------------------
    loss_checks = [(40894464.0, 10485760000.0, 8.0, 7.0, 128.0),
                   (40894464.0, 10485760000.0, 2.0, 1.0, 128.0),
                   (1e9, 1e11, 4.0, 3.0, 128.0)]
    random_sun = lambda: (random_N(rng), random_D(rng)) + rng.choice(FP_LAYOUTS) + (rng.choice(BLOCK_SIZES),)
    for quantity, fn in (("loss", sun_loss), ("degradation", sun_degradation)):
        points = loss_checks + [random_sun() for _ in range(RANDOM_POINTS)]
        for N, D, E, Mb, B in points:
            add_case("sun.capybara", quantity,
                     {"N": N, "D": D, "exponentBits": E, "mantissaBits": Mb, "blockSize": B},
                     fn(M(N), M(D), M(E), M(Mb), M(B)))

    points = [(1e9, 8.0, 7.0, 128.0), (1e9, 4.0, 3.0, 128.0), (1e9, 2.0, 1.0, 128.0)] + [
        (random_N(rng),) + rng.choice(FP_LAYOUTS) + (rng.choice(BLOCK_SIZES),) for _ in range(RANDOM_POINTS)]
    for N, E, Mb, B in points:
        verify_sun_critical_tokens(M(N), M(E), M(Mb), M(B))
        add_case("sun.capybara", "criticalTokens",
                 {"N": N, "exponentBits": E, "mantissaBits": Mb, "blockSize": B},
                 sun_critical_tokens(M(N), M(E), M(Mb), M(B)))

    # --- Frantar --------------------------------------------------------------
    for preset, eff in FRANTAR_PRESETS.items():
        points = [(random_N(rng), random_D(rng)) for _ in range(RANDOM_POINTS)]
        for N, D in points:
            add_case(preset, "loss", {"N": N, "D": D}, frantar_loss(eff, M(N), M(D)))
        for N, D in points:
            add_case(preset, "degradation", {"N": N, "D": D}, frantar_degradation(eff, M(N), M(D)))


# ---------------------------------------------------------------------------
# Side-by-side comparison (Examples/CompareLaws, DegradationComparison)
# ---------------------------------------------------------------------------

COMPARISON_N = (7e9, 70e9, 405e9)
COMPARISON_D = (1e12, 15e12, 100e12)
COMPARISON_BITS = (2.0, 3.0, 4.0, 8.0)
COMPARISON_GROUP_SIZE = 128.0
COMPARISON_FP_FORMATS = (("e2m1", 2.0, 1.0), ("e4m3", 4.0, 3.0))
COMPARISON_BLOCK_SIZE = 128.0


# QuEST (Panferov et al. 2025) and Quartet (Castro et al. 2025): low-precision training.
QUEST_BASE = {"A": M("8.134"), "alpha": M("0.0627"), "B": M("86.41"), "beta": M("0.2413"), "E": M("0.0014")}
COMPARISON_QUEST = (("quest.w4a4Hadamard", M("0.692")), ("quest.fp4", M("0.630")))
QUARTET = {"A": M("1.274e5"), "alpha": M("0.5785"), "B": M("4.658e5"), "beta": M("0.5389"),
           "gamma": M("0.2764"), "E": M("1.3408"), "effN": M("0.645"), "effD": M("0.893")}


def quartet_loss(N, D, eff_n, eff_d):
    q = QUARTET
    return (q["A"] / mp.power(N * eff_n, q["alpha"]) + q["B"] / mp.power(D * eff_d, q["beta"])) ** q["gamma"] + q["E"]


def comparison_cases(N, D):
    """(preset key, value) of every comparison row at (N, D), computed from the formulas above."""
    rows = []
    for bits in COMPARISON_BITS:
        rows.append(("comparison.ouyang.bits%d" % bits, ouyang_degradation(N, D, M(bits))))
    for bits in COMPARISON_BITS:
        rows.append(("comparison.kumar.bits%d" % bits, kumar_ptq_degradation(N, D, M(bits))))
    rows.append(("comparison.chen.w4a4g128",
                 chen_degradation("chen.w4a4", N, D, M(COMPARISON_GROUP_SIZE))))
    for name, E, Mb in COMPARISON_FP_FORMATS:
        rows.append(("comparison.sun." + name,
                     sun_degradation(N, D, M(E), M(Mb), M(COMPARISON_BLOCK_SIZE))))
    for preset, eff in FRANTAR_PRESETS.items():
        # L(N eff, D) - L(N, D) on the printed Chinchilla base, written out as A (N eff)^-alpha -
        # A N^-alpha (the D and E terms cancel exactly) so it does not reuse frantar_degradation.
        base = FRANTAR_BASE
        value = base["A"] * (mp.power(N * eff, -base["alpha"]) - mp.power(N, -base["alpha"]))
        assert abs(value / frantar_degradation(eff, N, D) - 1) < M("1e-40")
        rows.append(("comparison." + preset, value))
    for key, eff in COMPARISON_QUEST:
        # Only QuEST's parameter term moves with the format: A·((N·eff)^−α − N^−α).
        q = QUEST_BASE
        rows.append(("comparison." + key, q["A"] * (mp.power(N * eff, -q["alpha"]) - mp.power(N, -q["alpha"]))))
    rows.append(("comparison.quartet.mxfp4",
                 quartet_loss(N, D, QUARTET["effN"], QUARTET["effD"]) - quartet_loss(N, D, M(1), M(1))))
    return rows


def build_comparison_cases():
    """Appended after every other case and drawing no random numbers, so earlier cases do not move."""
    for N in COMPARISON_N:
        for D in COMPARISON_D:
            for preset, value in comparison_cases(M(N), M(D)):
                add_case(preset, "degradation", {"N": N, "D": D}, value)


# ---------------------------------------------------------------------------
# paper check values
# ---------------------------------------------------------------------------

def half_unit_of_last_digit(printed):
    """Half a unit in the last printed digit of e.g. '0.2442', '8.86e10', '1730'."""
    mantissa, _, exponent = printed.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10.0 ** (-decimals + (int(exponent) if exponent else 0))


def run_checks():
    """Returns list of (label, paper string, computed float, rel diff, tolerance text, ok, gating)."""
    rows = []

    def check(label, printed, computed, abs_tol=None, rel_tol=None, gating=True, scale=1.0):
        computed = float(computed) / scale
        paper = float(printed)
        diff = computed - paper
        rel = diff / paper
        if rel_tol is not None:
            ok, tol_text = abs(rel) <= rel_tol, "rel %.3g" % rel_tol
        else:
            tol = abs_tol if abs_tol is not None else half_unit_of_last_digit(printed) * 1.01
            ok, tol_text = abs(diff) <= tol, "abs %.3g" % tol
        rows.append((label, printed, computed, rel, tol_text, ok, gating))

    hoff_unr = CHINCHILLA_PRESETS["chinchilla.hoffmannUnrounded"]
    _, a, b = chinchilla_frontier_exponents(hoff_unr)
    check("Hoffmann unrounded frontier exponent a", "0.46", a)
    check("Hoffmann unrounded frontier exponent b", "0.54", b)

    check("Ouyang dqLoss(70e9, 1.5e13, P=4)", "0.2442", ouyang_degradation(M(70e9), M(1.5e13), M(4)))
    check("Ouyang Loss16(12e9, 3e11)", "2.7256", ouyang_baseline16_loss(M(12e9), M(3e11)))
    check("Kumar dPTQ(30e6, 26e9, P=4)", "0.03489", kumar_ptq_degradation(M(30e6), M(26e9), M(4)))
    check("Kumar dPTQ(30e6, 26e9, P=3)", "0.1897", kumar_ptq_degradation(M(30e6), M(26e9), M(3)))
    check("Kumar D_crit(30e6, P=4)", "8.86e10", kumar_critical_tokens(M(30e6), M(4)))
    check("Chen dW4A4(595e6, 100e9, G=32)", "0.0441", chen_degradation("chen.w4a4", M(595e6), M(100e9), M(32)))
    # Chen's ratio claims at 2% relative. The D/N = 1000, G = 32 claim (1.20) does NOT
    # reproduce from the table's constants (they give 1.226, +2.2%): the G dependence matches
    # the paper (1.62/1.20 = 1.35 vs (log2 256 / log2 32)^0.6279 = 1.343) but the D dependence
    # does not (paper 1.20/1.67 = 0.719 vs 10^(0.0331 - 0.1610) = 0.745). Chen's constants are
    # [S] (secondary sources). Kept visible in the summary, but not gating.
    for (D, G), printed, known_bad in (((100 * 595e6, 32), "1.67", False),
                                       ((1000 * 595e6, 32), "1.20", True),
                                       ((1000 * 595e6, 256), "1.62", False)):
        check("Chen dW16A4/dW4A16 (595e6, D/N=%d, G=%d)" % (D / 595e6, G), printed,
              chen_activation_to_weight_ratio(M(595e6), M(D), M(G)), rel_tol=0.02,
              gating=not known_bad)
    check("Sun L(40894464, 10485760000, E8M7, B=128)", "3.4607",
          sun_loss(M(40894464), M(10485760000), M(8), M(7), M(128)))
    check("Sun L(40894464, 10485760000, E2M1, B=128)", "3.4842",
          sun_loss(M(40894464), M(10485760000), M(2), M(1), M(128)))
    check("Sun L(1e9, 1e11, E4M3, B=128)", "2.5631", sun_loss(M(1e9), M(1e11), M(4), M(3), M(128)))
    # 1% relative, widened to the printed precision for the 2- and 1-digit figures
    # ("27T" is 27 +- 0.5, "0.4T" is 0.4 +- 0.05; 1% would be stricter than what was printed).
    for (E, Mb), printed in (((8, 7), "1730"), ((4, 3), "27"), ((2, 1), "0.4")):
        check("Sun D_crit(1e9, E%dM%d, B=128) [T tokens]" % (E, Mb), printed,
              sun_critical_tokens(M(1e9), M(E), M(Mb), M(128)), scale=1e12,
              abs_tol=max(0.01 * float(printed), half_unit_of_last_digit(printed) * 1.01))
    # Informational only: Documentation/Laws/Ouyang2024.md already says Table 1 reproduces only the 2-bit column.
    table1 = {(2, 1e9): "0.0011", (2, 7e9): "0.0026", (2, 70e9): "0.0071", (2, 405e9): "0.0151",
              (4, 1e9): "1.4424", (4, 7e9): "4.5066", (4, 70e9): "17.3499", (4, 405e9): "48.4861"}
    for (bits, N), printed in table1.items():
        check("Ouyang Table 1 tokens, QiD 0.2, %d-bit, N=%gB [T] (info)" % (bits, N / 1e9), printed,
              ouyang_tokens_for_degradation(M(N), M(bits), M("0.2")), gating=False, scale=1e12)
    return rows


# ---------------------------------------------------------------------------
# Swift emission
# ---------------------------------------------------------------------------

def swift_double(x):
    """Shortest round-trip literal (Python repr); always a valid Swift Double literal."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError("refusing to emit non-finite value %r" % x)
    text = repr(x)
    assert float(text) == x
    return text


def swift_string(s):
    assert all(c.isalnum() or c in "._" for c in s), s
    return '"%s"' % s


def render_swift(case_list):
    lines = [
        "// Generated by Tests/Reference/reference.py — do not edit by hand.",
        "// Values computed with mpmath at 50 significant digits, rounded to the nearest Double.",
        "// Regenerate: python3 Tests/Reference/reference.py",
        "",
        "struct ReferenceCase: Sendable {",
        "    let preset: String",
        "    let quantity: String",
        "    let inputs: [String: Double]",
        "    let value: Double",
        "}",
        "",
        "let referenceCases: [ReferenceCase] = [",
    ]
    for preset, quantity, inputs, value in case_list:
        inputs_text = ", ".join("%s: %s" % (swift_string(k), swift_double(v)) for k, v in inputs.items())
        lines.append("    ReferenceCase(preset: %s, quantity: %s, inputs: [%s], value: %s),"
                     % (swift_string(preset), swift_string(quantity), inputs_text, swift_double(value)))
    lines.append("]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------

def main():
    rng = random.Random(SEED)
    build_cases(rng)
    build_comparison_cases()
    OUTPUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT_PATH.write_text(render_swift(cases), encoding="utf-8")

    counts = {}
    for preset, quantity, _, _ in cases:
        counts[(preset, quantity)] = counts.get((preset, quantity), 0) + 1
    print("Wrote %d cases to %s" % (len(cases), OUTPUT_PATH))
    for (preset, quantity), n in counts.items():
        print("  %-30s %-22s %3d" % (preset, quantity, n))

    rows = run_checks()
    print()
    print("%-58s %10s %14s %11s %12s  %s" % ("check", "paper", "computed", "rel diff", "tolerance", "result"))
    failures = 0
    for label, printed, computed, rel, tol_text, ok, gating in rows:
        status = "ok" if ok else ("FAIL" if gating else "DOES NOT REPRODUCE (known, not gating)")
        failures += (not ok) and gating
        print("%-58s %10s %14.6g %+11.3e %12s  %s" % (label, printed, computed, rel, tol_text, status))
    print()
    if failures:
        print("%d check(s) FAILED" % failures)
        return 1
    print("All gating checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
