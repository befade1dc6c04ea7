/// One parameter of a fitted law: its value, whether the fit held it fixed, and its asymptotic
/// standard error with the residual degrees of freedom behind it.
public struct ParameterEstimate: Sendable, Hashable, CustomStringConvertible {
    /// The parameter (its handle: name, symbol, domain).
    public let parameter: Parameter
    /// The fitted value (the given value for a fixed parameter).
    public let value: Double
    /// Whether the fit left it at its value.
    public let isFixed: Bool
    /// `√diag(s²·(JᵀWJ)⁻¹)` (see ``FitResult/standardErrors``); nil for a fixed parameter or when the
    /// covariance is unavailable.
    public let standardError: Double?
    /// Points with weight minus free parameters.
    public let degreesOfFreedom: Int

    /// An estimate.
    public init(parameter: Parameter, value: Double, isFixed: Bool, standardError: Double?, degreesOfFreedom: Int) {
        self.parameter = parameter
        self.value = value
        self.isFixed = isFixed
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The Wald interval `value ± t·SE` at `level`, with t the Student-t quantile for the residual
    /// degrees of freedom (the small-sample interval; it tends to the normal one for many points).
    /// Nil without a standard error; throws for a level outside (0, 1).
    public func interval(level: Double = 0.95) throws(FitError) -> ClosedRange<Double>? {
        guard level > 0, level < 1 else { throw .invalidOption("the confidence level must be in (0, 1), got \(level)") }
        guard let standardError, degreesOfFreedom > 0 else { return nil }
        let t = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(degreesOfFreedom))
        return (value - t * standardError)...(value + t * standardError)
    }

    public var description: String {
        if isFixed { return "\(parameter.name) = \(value) (fixed)" }
        return "\(parameter.name) = \(value)" + (standardError.map { " ± \($0)" } ?? "")
    }
}
