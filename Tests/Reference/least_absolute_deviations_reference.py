"""Reference values for LeastAbsoluteDeviationsTests: weighted L1 regressions solved as linear
programs by scipy's HiGHS (an independent method: interior point / dual simplex on the standard
LP form).

    minimise Σ wᵢ·|aᵢ + Jᵢ·d|  ⇔  minimise Σ wᵢ·(pᵢ + mᵢ)  s.t.  J·d − p + m = −a,  p, m ≥ 0.

Run: python3 Tests/Reference/least_absolute_deviations_reference.py
"""
import numpy as np
from scipy.optimize import linprog


def solve(a, J, w):
    n, k = J.shape
    c = np.concatenate([np.zeros(k), w, w])
    A_eq = np.hstack([J, -np.eye(n), np.eye(n)])
    bounds = [(None, None)] * k + [(0, None)] * (2 * n)
    res = linprog(c, A_eq=A_eq, b_eq=-a, bounds=bounds, method="highs",
                  options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    assert res.status == 0, res.message
    return res.fun, res.x[:k]


def quadratic_case():
    x = np.arange(12) / 11.0
    J = np.stack([np.ones(12), x, x * x], axis=1)
    y = np.array([1.0, 1.3, 1.1, 2.9, 1.9, 2.2, 2.8, 2.6, 3.9, 3.1, 3.6, 4.4])
    w = np.array([1, 2, 1, 0, 3, 1, 1, 2, 1, 1, 0.5, 1], dtype=float)
    a = -y
    return a, J, w


def tied_case():
    # Repeated rows and four points on the line y = 2x + 1 exactly: a degenerate vertex.
    x = np.array([0, 0, 1, 1, 2, 2, 3, 3], dtype=float)
    y = np.array([1, 5, 3, 3, 5, 0, 7, 9], dtype=float)
    J = np.stack([np.ones(8), x], axis=1)
    w = np.ones(8)
    return -y, J, w


if __name__ == "__main__":
    for name, case in [("quadratic", quadratic_case()), ("tied", tied_case())]:
        fun, d = solve(*case)
        print(f"{name}: objective {fun!r}, step {[float(v) for v in d]!r}")
