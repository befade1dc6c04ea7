/// A fitted law and everything needed to judge the fit.
public struct FitResult<Form: LawForm>: Sendable {
    /// The law with the fitted parameter values (fixed parameters unchanged).
    public var law: ScalingLaw<Form>
    /// The objective at the optimum (Σ wᵢ·ρ(rᵢ), or the negative log-likelihood).
    public var objective: Double
    /// The best start's iterations.
    public var iterations: Int
    /// Why the best start's optimizer stopped.
    public var convergence: ConvergenceReason
    /// The names of the fitted (free) parameters, in the order of ``covariance``.
    public var freeParameters: [String]
    /// Standard errors of the free parameters, from the covariance (delta method through the
    /// parameter transforms).
    public var standardErrors: [String: Double]
    /// The covariance of the free parameters in natural units (row-major), `nil` when the
    /// curvature matrix is singular (a parameter is not identified by the data).
    public var covariance: [Double]?
    /// The fitted scale σ of the Huber likelihood, `nil` for other objectives.
    public var scale: Double?
    /// 1 − Σwᵢ(yᵢ − ŷᵢ)²/Σwᵢ(yᵢ − ȳ)², in the measured values' own units.
    public var rSquared: Double
    /// The residuals at the optimum, in the fit's residual space.
    public var residuals: ResidualSummary
    /// Every start's outcome, in start order (empty unless ``FitOptions/keepsAllStarts``).
    public var starts: [StartOutcome]
    /// The number of starts run, and the index of the best one.
    public var startCount: Int
    public var bestStart: Int
    /// Things to check before trusting the numbers.
    public var warnings: [FitWarning]

    /// The fitted parameter values by name.
    public var parameters: [String: Double] { law.parameterValues }
}

/// One start of a multi-start fit.
public struct StartOutcome: Sendable, Hashable {
    /// The free parameters' starting values.
    public var start: [String: Double]
    /// Where the optimizer ended.
    public var parameters: [String: Double]
    public var objective: Double
    public var iterations: Int
    public var convergence: ConvergenceReason
}

/// Summary statistics of a fit's residuals.
public struct ResidualSummary: Sendable, Hashable {
    public var count: Int
    public var mean: Double
    public var rootMeanSquare: Double
    public var medianAbsolute: Double
    public var maxAbsolute: Double
}

/// A reason to doubt a fit.
public enum FitWarning: Sendable, Hashable, CustomStringConvertible {
    /// The best start did not converge.
    case notConverged(ConvergenceReason)
    /// A parameter ended on a bound of its interval: the bound, not the data, decided it.
    case onBound(parameter: String, value: Double)
    /// The best start lies on the edge of the start grid in this parameter: widen the grid.
    case atGridEdge(parameter: String, start: Double)
    /// A parameter ran off to an extreme (e.g. an exponent → 0 while its coefficient → ∞): the
    /// objective is nearly flat along a ridge and the value is not identified.
    case extreme(parameter: String, value: Double)
    /// The covariance could not be computed (singular curvature): standard errors are missing.
    case singularCovariance

    public var description: String {
        switch self {
        case .notConverged(let reason): return "the best start did not converge: \(reason)"
        case .onBound(let name, let value): return "'\(name)' = \(value) sits on a bound"
        case .atGridEdge(let name, let start): return "the best start has '\(name)' = \(start), on the edge of the start grid"
        case .extreme(let name, let value): return "'\(name)' = \(value) ran to an extreme: the fit may slide along a ridge (e.g. α → 0 with A → ∞)"
        case .singularCovariance: return "the curvature at the optimum is singular: no standard errors"
        }
    }
}
