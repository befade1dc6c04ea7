/// Something about a fit that a careful reader should know before trusting its numbers.
public enum FitWarning: Sendable, Hashable, CustomStringConvertible {
    /// The best start did not pass a convergence test.
    case notConverged(ConvergenceReason)
    /// A bounded parameter ended within 10⁻⁶ of its range's width from a bound: the optimum may lie beyond.
    case onBound(parameter: String, value: Double, bound: Double)
    /// The fitted value lies outside the range the start grid covered for that parameter.
    case beyondGrid(parameter: String, value: Double, grid: ClosedRange<Double>)
    /// A log-space parameter ran toward 0 or ∞ (six orders of magnitude beyond its start range, or
    /// below 10⁻⁸ or above 10²¹ without one): the fit is sliding along a ridge such as α → 0 with
    /// A → ∞, where the law degenerates.
    case runaway(parameter: String, value: Double)
    /// Moving the parameter by the larger of its value and its start range's width changes the
    /// predictions (residuals, RMS) by `sensitivity`, less than the residuals' own RMS `noise`: the
    /// data do not determine it, typically because it ran off to where it no longer matters.
    case insensitive(parameter: String, value: Double, sensitivity: Double, noise: Double)
    /// The standard error exceeds half the parameter's value; `partner` is the parameter it is
    /// most correlated with, when that correlation exceeds ±0.8 (the data fix a combination of the
    /// two better than either).
    case weaklyIdentified(parameter: String, value: Double, standardError: Double, partner: String?, correlation: Double?)
    /// The parameters' correlation matrix is nearly singular (smallest eigenvalue below 10⁻⁶) along a
    /// combination of them (`weights`, the eigenvector's entries above 0.2): the data fix fewer
    /// numbers than the law has parameters.
    case nearlySingular(parameters: [String], weights: [Double], eigenvalue: Double)
    /// Starts ended in `count` distinct optima within 1% of the best objective (see
    /// ``FitResult/optima``); the reported fit is the lowest.
    case severalOptima(count: Int, objectives: [Double])
    /// Distinct optima whose objectives differ by less than the objective's floating-point
    /// resolution: which one is "best" is rounding noise, not data.
    case numericallyTied(objectives: [Double], resolution: Double)
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
        case .insensitive(let parameter, let value, let sensitivity, let noise):
            return "\(parameter) = \(value) barely matters: moving it across its plausible range changes the predictions by \(short(sensitivity)) (RMS), below the residuals' \(short(noise))"
        case .weaklyIdentified(let parameter, let value, let error, let partner, let correlation):
            // Formatted, never converted to Int: the ratio can be astronomically large (value → 0).
            let relative = short((100 * error / Swift.abs(value)).rounded())
            let together = partner.map { partner in
                " and moves with \(partner) (correlation \(short(correlation ?? 0))): the data fix a combination of the two"
            } ?? ""
            return "\(parameter) = \(value) is weakly identified: standard error \(short(error)) (\(relative)% of the value)" + together
        case .nearlySingular(let parameters, let weights, let eigenvalue):
            let combination = zip(parameters, weights).map { "\(short($1))·\($0)" }.joined(separator: " + ")
            return "\(parameters.joined(separator: ", ")) move together: the combination \(combination) is undetermined (eigenvalue \(short(eigenvalue)) of the correlation matrix)"
        case .severalOptima(let count, let objectives):
            return "the starts reached \(count) distinct optima within 1% of the best (objectives \(objectives.map(short).joined(separator: ", "))): see `optima`"
        case .numericallyTied(let objectives, let resolution):
            return "distinct optima with objectives \(objectives.map(short).joined(separator: ", ")) are tied within the objective's rounding resolution \(short(resolution)): the choice between them is noise"
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

/// Four significant digits, for messages.
private func short(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return "\(value)" }
    let magnitude = Swift.abs(value)
    if magnitude >= 1e-3 && magnitude < 1e6 {
        var text = String(format4(value))
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() }; if text.hasSuffix(".") { text.removeLast() } }
        return text
    }
    let exponent = Int((Double.log(magnitude) / Double.log(10)).rounded(.down))
    let mantissa = value / Double.pow(10, Double(exponent))
    return "\(format4(mantissa))e\(exponent)"
}

/// Four significant digits in plain notation.
private func format4(_ value: Double) -> String {
    let magnitude = Swift.abs(value)
    let leading = Int((Double.log(magnitude) / Double.log(10)).rounded(.down)) + 1
    let decimals = Swift.max(0, 4 - leading)
    let scale = Double.pow(10, Double(decimals))
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}
