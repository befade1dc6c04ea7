/// The local optimizer run from each start.
public enum Optimizer: Sendable, Hashable {
    /// Levenberg–Marquardt for least-squares-shaped losses, L-BFGS for the likelihood.
    case automatic
    /// Levenberg–Marquardt on `Σ wᵢ ρ(rᵢ)` (Huber and soft-L1 by iteratively reweighted least
    /// squares): Gauss–Newton steps damped toward gradient descent, Marquardt's diagonal scaling,
    /// Nielsen's damping update. Fast near the optimum of a well-posed least-squares problem.
    case levenbergMarquardt
    /// Limited-memory BFGS with `memory` correction pairs and a line search satisfying the strong
    /// Wolfe conditions (c₁ = 10⁻⁴, c₂ = 0.9): any smooth objective, Hoffmann et al.'s choice.
    case lbfgs(memory: Int = 10)
}
