/// The local optimizer run from each start.
public enum Optimizer: Sendable, Hashable {
    /// Levenberg–Marquardt for least-squares-shaped losses, sequential linear programming for the
    /// Huber likelihood.
    case automatic
    /// Levenberg–Marquardt on `Σ wᵢ ρ(rᵢ)` (Huber and soft-L1 by iteratively reweighted least
    /// squares): Gauss–Newton steps damped toward gradient descent, Marquardt's diagonal scaling,
    /// Nielsen's damping update. Fast near the optimum of a well-posed least-squares problem.
    case levenbergMarquardt
    /// Limited-memory BFGS with `memory` correction pairs and a line search satisfying the strong
    /// Wolfe conditions (c₁ = 10⁻⁴, c₂ = 0.9): any smooth objective, Hoffmann et al.'s choice.
    case lbfgs(memory: Int = 10)
    /// For the Huber losses (``LossFunction/huber(delta:)``, ``LossFunction/huberLikelihood(delta:)``)
    /// with δ small next to the residuals, which make the objective nearly `Σ wᵢ·|rᵢ|`: sequential
    /// linear programming on that L1 objective (each step an exact weighted L1 regression of the
    /// linearised residuals, backtracked on the true L1 objective), then Newton steps on the true
    /// objective with curvature from the points in Huber's quadratic core (σ profiled in closed form
    /// for the likelihood). Converges in a few iterations where L-BFGS crawls along the kinks;
    /// should the Newton phase not converge, L-BFGS finishes from its best point.
    case sequentialLinearProgramming
}
