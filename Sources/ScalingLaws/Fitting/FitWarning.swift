/// Something about a fit that a careful reader should know before trusting its numbers.
public enum FitWarning: Sendable, Hashable, CustomStringConvertible {
    /// The best start did not pass a convergence test.
    case notConverged(ConvergenceReason)
    /// A bounded parameter ended within 10⁻⁶ of its range's width from a bound: the optimum may lie beyond.
    case onBound(parameter: String, value: Double, bound: Double)
    /// The fitted value lies outside the range the start grid covered for that parameter.
    case beyondGrid(parameter: String, value: Double, grid: ClosedRange<Double>)
    /// A log-space parameter ran toward 0 or ∞ (below 10⁻⁸ or above 10²¹): the fit is sliding
    /// along a ridge such as α → 0 with A → ∞, where the law degenerates.
    case runaway(parameter: String, value: Double)
    /// Two parameters' estimates are correlated beyond ±0.9999: the data hardly tell them apart
    /// (a ridge of the objective), and their individual standard errors mean little.
    case ridge(parameters: [String], correlation: Double)
    /// A start reached a lower objective with a parameter outside its domain (possible with
    /// ``SearchSpace/natural`` coordinates); that point is not the reported fit.
    case lowerObjectiveOutsideDomain(objective: Double, start: Int)
    /// Standard errors could not be computed (fewer points than free parameters, or a singular
    /// Jacobian at the optimum).
    case covarianceUnavailable(String)
    /// The targets (in residual space) are constant to rounding: there is no spread for the law to
    /// explain, and R² means nothing.
    case constantTargets

    public var description: String {
        switch self {
        case .notConverged(let reason):
            return "the best start did not converge: \(reason)"
        case .onBound(let parameter, let value, let bound):
            return "\(parameter) = \(value) is on its bound \(bound): the optimum may lie beyond it"
        case .beyondGrid(let parameter, let value, let grid):
            return "\(parameter) = \(value) lies outside the start grid's range [\(grid.lowerBound), \(grid.upperBound)]"
        case .runaway(let parameter, let value):
            return "\(parameter) = \(value) ran toward \(value < 1 ? "0" : "∞"): the fit slides along a ridge (e.g. α → 0, A → ∞)"
        case .ridge(let parameters, let correlation):
            return "\(parameters.joined(separator: " and ")) are correlated \(correlation): nearly unidentifiable from these data"
        case .lowerObjectiveOutsideDomain(let objective, let start):
            return "start \(start) reached a lower objective \(objective) outside the parameters' domain"
        case .covarianceUnavailable(let reason):
            return "no standard errors: \(reason)"
        case .constantTargets:
            return "the measured values are constant: R² is not meaningful"
        }
    }
}
