/// Why an optimisation stopped — reported as it is, not rounded up to success.
public enum ConvergenceReason: Sendable, Hashable, CustomStringConvertible {
    /// A convergence test passed.
    case converged(Criterion)
    /// The iteration limit was reached before any convergence test passed.
    case maxIterations(Int)
    /// No step could lower the objective any further although no convergence test passed: a kink
    /// of a non-smooth loss (Huber with a small δ), a flat ridge, or rounding noise.
    case stalled(String)
    /// The optimisation could not run: a non-finite objective or gradient at the start, a
    /// singular system it could not regularise.
    case failed(String)

    /// The test that passed.
    public enum Criterion: String, Sendable, Hashable {
        /// The relative decrease of the objective fell below ``FitOptions/objectiveTolerance``.
        case objectiveChange = "objective change below tolerance"
        /// The largest gradient component fell below ``FitOptions/gradientTolerance``.
        case gradient = "gradient below tolerance"
        /// The step fell below ``FitOptions/stepTolerance`` relative to the parameters.
        case stepSize = "step below tolerance"
    }

    /// Whether a convergence test passed.
    public var isConverged: Bool {
        if case .converged = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .converged(let criterion): return "converged (\(criterion.rawValue))"
        case .maxIterations(let count): return "stopped at the iteration limit (\(count))"
        case .stalled(let detail): return "stalled: \(detail)"
        case .failed(let detail): return "failed: \(detail)"
        }
    }
}
