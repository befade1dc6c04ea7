/// Why a solver could not answer: each case says what was asked and what the law does instead.
public enum SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The inputs themselves are invalid (N ≤ 0, NaN, a Kumar precision too low …).
    case invalidInput(ScalingLawError)
    /// The request does not make sense for this law (e.g. solving for a categorical variable).
    case invalidRequest(String)
    /// The law never reaches `target` while `variable` stays in `range`: it lies between
    /// `lowest` and `highest` there (a target below the law's floor lands here).
    case noRoot(variable: String, target: Double, range: ClosedRange<Double>, lowest: Double, highest: Double)
    /// The law reaches `target` more than once in `range` (it is not monotone there); `roots`
    /// lists them. Use ``ScalingLaw/roots(for:reaching:at:in:)`` to get them all.
    case multipleRoots(variable: String, target: Double, roots: [Double])
    /// The law has no interior minimum in `variable` on `range`: the optimum is at `boundary`,
    /// an end of the search range.
    case noInteriorMinimum(variable: String, range: ClosedRange<Double>, boundary: Double)

    public var description: String {
        switch self {
        case .invalidInput(let error):
            return error.description
        case .invalidRequest(let detail):
            return "invalid request: \(detail)"
        case .noRoot(let variable, let target, let range, let lowest, let highest):
            return "no value of '\(variable)' in [\(range.lowerBound), \(range.upperBound)] makes the law reach \(target): it stays between \(lowest) and \(highest) there"
        case .multipleRoots(let variable, let target, let roots):
            return "the law reaches \(target) at \(roots.count) values of '\(variable)' (\(roots.map { "\($0)" }.joined(separator: ", "))): it is not monotone there"
        case .noInteriorMinimum(let variable, let range, let boundary):
            return "the law has no minimum in '\(variable)' inside [\(range.lowerBound), \(range.upperBound)]: it keeps falling towards \(boundary)"
        }
    }
}
