/// How a law is fitted: the residuals, the loss summed over them, the optimizer and its starts.
public struct FitOptions: Sendable {
    /// Where residuals are measured.
    public enum ResidualSpace: Sendable, Hashable {
        /// `ln y − ln ŷ`: the Chinchilla/Epoch convention for losses (needs y, ŷ > 0).
        case logarithmic
        /// `y − ŷ`.
        case linear
    }

    /// The loss ρ(r) summed over the weighted residuals (summed, not averaged: averaging makes
    /// optimizers stop early on small objectives).
    public enum Loss: Sendable, Hashable {
        /// ρ(r) = r²/2.
        case leastSquares
        /// ρ(r) = r²/2 for |r| ≤ δ, δ(|r| − δ/2) otherwise (Hoffmann et al. use δ = 10⁻³).
        case huber(delta: Double)
        /// ρ(r) = c²(√(1 + (r/c)²) − 1): quadratic near 0, linear far out.
        case softL1(scale: Double)
    }

    /// The quantity minimized.
    public enum Objective: Sendable, Hashable {
        /// Σ wᵢ·ρ(rᵢ).
        case robust(Loss)
        /// The negative log-likelihood of the residuals under a normalized Huber density with a
        /// fitted scale σ (Besiroglu et al.'s estimator): Σ wᵢ·[ρ_δ(rᵢ/σ) + ln σ + ln Z(δ)].
        /// σ is fitted with the law's parameters and reported as ``FitResult/scale``.
        case huberLikelihood(delta: Double)
    }

    /// The optimizer.
    public enum Method: Sendable, Hashable {
        /// Levenberg–Marquardt for least squares and robust losses (by iteratively reweighted
        /// Gauss–Newton steps), L-BFGS for the likelihood.
        case automatic
        /// L-BFGS with a strong-Wolfe line search, for any smooth objective.
        case lbfgs
        /// Levenberg–Marquardt (robust losses by iteratively reweighted least squares).
        case levenbergMarquardt
    }

    /// Where the optimizer starts.
    public enum Starts: Sendable, Hashable {
        /// From the law's current parameter values.
        case current
        /// From each of these assignments (parameters not named keep the law's values).
        case list([[String: Double]])
        /// From every point of the Cartesian product of these values per parameter (others keep
        /// the law's values), e.g. Hoffmann et al.'s 4,500 starts.
        case grid([String: [Double]])
    }

    public var residuals: ResidualSpace
    public var objective: Objective
    public var method: Method
    public var starts: Starts
    /// Bounds per parameter name, overriding the parameter's own domain during this fit.
    public var bounds: [String: ClosedRange<Double>]
    /// The most iterations per start.
    public var maxIterations: Int
    /// Convergence when the objective's relative decrease over an iteration falls below this
    /// (10⁻¹⁰ by default: on Hoffmann's grid this gives the same optimum to 16 digits as 10⁻¹⁴ in
    /// 40% of the iterations; scipy's L-BFGS-B default, 2.2·10⁻⁹ absolute, is far looser for
    /// objectives of order 10⁻³).
    public var relativeTolerance: Double
    /// Convergence when every component of the gradient (in the optimizer's space) is below this.
    public var gradientTolerance: Double
    /// Whether ``FitResult/starts`` lists every start's outcome.
    public var keepsAllStarts: Bool
    /// Whether starts (and bootstrap resamples) run in parallel across cores. Results do not
    /// depend on it.
    public var isParallel: Bool

    /// Options; by default least squares on log residuals from the law's current values.
    public init(
        residuals: ResidualSpace = .logarithmic, objective: Objective = .robust(.leastSquares),
        method: Method = .automatic, starts: Starts = .current, bounds: [String: ClosedRange<Double>] = [:],
        maxIterations: Int = 1000, relativeTolerance: Double = 1e-10, gradientTolerance: Double = 1e-12,
        keepsAllStarts: Bool = false, isParallel: Bool = true
    ) {
        self.residuals = residuals
        self.objective = objective
        self.method = method
        self.starts = starts
        self.bounds = bounds
        self.maxIterations = maxIterations
        self.relativeTolerance = relativeTolerance
        self.gradientTolerance = gradientTolerance
        self.keepsAllStarts = keepsAllStarts
        self.isParallel = isParallel
    }

    /// Hoffmann et al.'s procedure (App. D.2): Huber loss with δ = 10⁻³ summed over log residuals,
    /// L-BFGS from each start.
    public static func hoffmann(starts: Starts = .current) -> FitOptions {
        FitOptions(objective: .robust(.huber(delta: 1e-3)), method: .lbfgs, starts: starts)
    }
}

/// Why an optimizer stopped.
public enum ConvergenceReason: Sendable, Hashable, CustomStringConvertible {
    /// The gradient vanished or the objective stopped decreasing, within tolerance.
    case converged(String)
    /// The iteration limit was reached first.
    case maxIterations
    /// No step along the search direction decreased the objective any more, before the
    /// convergence tests were met.
    case stalled
    /// The objective was not finite at the start.
    case failed(String)

    public var description: String {
        switch self {
        case .converged(let why): return "converged (\(why))"
        case .maxIterations: return "stopped at the iteration limit"
        case .stalled: return "stalled: no further decrease along the search direction"
        case .failed(let why): return "failed: \(why)"
        }
    }

    /// Whether the optimizer converged.
    public var isConverged: Bool {
        if case .converged = self { return true }
        return false
    }
}
