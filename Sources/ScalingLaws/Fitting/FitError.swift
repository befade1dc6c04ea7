/// What stops a fit: bad data, a mapping between the law and the data that does not hold, options
/// that make no sense, or an optimisation that cannot start. Each case names the culprit.
///
/// An optimisation that runs but does not meet its convergence test is *not* an error: the fit
/// returns its best point with an honest ``ConvergenceReason`` and a warning, and
/// ``FitResult/requireConvergence()`` turns that into ``notConverged(_:)`` for callers who want to stop.
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data set has no points.
    case emptyData
    /// Columns of different lengths (targets and weights included).
    case raggedColumns(String)
    /// A variable's value outside its domain, or NaN/±∞, at a 0-based row.
    case invalidValue(variable: String, row: Int, value: Double, requirement: String)
    /// A measured value that cannot be fitted: NaN/±∞, or ≤ 0 with logarithmic residuals.
    case invalidTarget(row: Int, value: Double, requirement: String)
    /// A weight that is negative, NaN or ±∞, or weights that are all zero (row −1).
    case invalidWeight(row: Int, value: Double)
    /// The law needs a variable the data set does not have.
    case missingVariable(String)
    /// A categorical variable whose labels differ between the law and the data set.
    case categoryMismatch(variable: String, law: [String], data: [String])
    /// A parameter name the law does not have (in starts, bounds or search spaces).
    case unknownParameter(String)
    /// A start value outside the parameter's search space (e.g. ≤ 0 for a log-space parameter).
    case invalidStart(parameter: String, value: Double, requirement: String)
    /// A start or bound given for a parameter that is held fixed.
    case fixedParameter(String)
    /// Bounds that are empty or not finite, or do not fit the parameter's domain.
    case invalidBounds(parameter: String, detail: String)
    /// Every parameter is fixed: there is nothing to fit.
    case noFreeParameters
    /// More free parameters than the exact-derivative engine supports.
    case tooManyParameters(count: Int, limit: Int)
    /// The chosen optimizer cannot minimise the chosen loss.
    case unsupportedOptimizer(String)
    /// An option out of range (a non-positive tolerance, a Huber δ ≤ 0, an empty grid …).
    /// Fewer points (with weight) than free parameters: the fit is underdetermined.
    case tooFewPoints(points: Int, needed: Int)
    case invalidOption(String)
    /// The law itself rejected the data (e.g. a Kumar precision below the law's threshold).
    case law(ScalingLawError)
    /// No start produced a finite objective, so there is no fit to report.
    case allStartsFailed(starts: Int, firstReason: String)
    /// ``FitResult/requireConvergence()`` on a fit that did not converge.
    case notConverged(ConvergenceReason)
    /// The task that asked for the fit or bootstrap was cancelled; the work stopped between starts
    /// (or refits).
    case cancelled

    public var description: String {
        switch self {
        case .emptyData:
            return "the data set has no points"
        case .raggedColumns(let detail):
            return "ragged data: \(detail)"
        case .invalidValue(let variable, let row, let value, let requirement):
            return "row \(row): invalid value \(value) for variable '\(variable)': it must be \(requirement)"
        case .invalidTarget(let row, let value, let requirement):
            return "row \(row): invalid measured value \(value): it must be \(requirement)"
        case .invalidWeight(let row, let value):
            return row < 0 ? "all weights are zero" : "row \(row): invalid weight \(value): weights must be finite and ≥ 0"
        case .missingVariable(let id):
            return "the data set has no column for the law's variable '\(id)'"
        case .categoryMismatch(let variable, let law, let data):
            return "variable '\(variable)' has categories [\(law.joined(separator: ", "))] in the law but [\(data.joined(separator: ", "))] in the data"
        case .unknownParameter(let name):
            return "the law has no parameter '\(name)'"
        case .invalidStart(let parameter, let value, let requirement):
            return "start value \(value) for parameter '\(parameter)' is invalid: it must be \(requirement)"
        case .fixedParameter(let name):
            return "parameter '\(name)' is fixed: it takes no start value or bounds (unfix it first)"
        case .invalidBounds(let parameter, let detail):
            return "invalid bounds for parameter '\(parameter)': \(detail)"
        case .noFreeParameters:
            return "every parameter is fixed: nothing to fit"
        case .tooManyParameters(let count, let limit):
            return "\(count) free parameters: at most \(limit) are supported"
        case .unsupportedOptimizer(let detail):
            return "unsupported optimizer: \(detail)"
        case .tooFewPoints(let points, let needed):
            return "\(points) point(s) with weight for \(needed) free parameter(s): the law needs at least \(needed) points (fix some parameters, or add data)"
        case .invalidOption(let detail):
            return "invalid fit option: \(detail)"
        case .law(let error):
            return error.description
        case .allStartsFailed(let starts, let reason):
            return "all \(starts) starts failed (first: \(reason))"
        case .cancelled:
            return "the fit was cancelled (its task was cancelled)"
        case .notConverged(let reason):
            return "the fit did not converge: \(reason)"
        }
    }
}
