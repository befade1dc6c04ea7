/// A data set to fit a law to: one column of values per variable, the measured value of each point
/// (a loss, a degradation …) and optional per-point weights.
///
/// Validated when built: at least one point, every column as long as the targets, every value
/// finite and inside its variable's domain (N > 0, a category index among the labels …), weights
/// finite, ≥ 0 and not all zero. Targets must be finite; whether they must also be positive
/// depends on the residuals (logarithmic residuals need y > 0) and is checked by the fit.
///
/// ```swift
/// let data = try Observations([.N: [1e8, 4e8, 1.6e9], .D: [2e9, 8e9, 3.2e10]], targets: [3.9, 3.2, 2.8])
/// ```
/// Columns the law does not use are ignored by a fit, so one data set can serve several laws.
public struct Observations: Sendable {
    /// The variables, ordered by id.
    public let variables: [Variable]
    /// The values of each variable; categorical variables hold category indices.
    public let columns: [Variable: [Double]]
    /// The measured value of each point.
    public let targets: [Double]
    /// The weight of each point in the objective, or nil for equal weights.
    public let weights: [Double]?

    /// The number of points.
    public var count: Int { targets.count }

    /// Builds and validates a data set (see the type's documentation for the checks).
    public init(_ columns: [Variable: [Double]], targets: [Double], weights: [Double]? = nil) throws(FitError) {
        guard !targets.isEmpty else { throw .emptyData }
        let variables = columns.keys.sorted { $0.id < $1.id }
        for variable in variables {
            let column = columns[variable]!
            guard column.count == targets.count else {
                throw .raggedColumns("column '\(variable.id)' has \(column.count) values, the targets \(targets.count)")
            }
            for (row, value) in column.enumerated() {
                do throws(ScalingLawError) {
                    try variable.check(value)
                } catch {
                    if case .invalidValue(_, _, let requirement) = error {
                        throw .invalidValue(variable: variable.id, row: row, value: value, requirement: requirement)
                    }
                    throw .law(error)
                }
            }
        }
        for (row, value) in targets.enumerated() where !value.isFinite {
            throw .invalidTarget(row: row, value: value, requirement: "a finite number")
        }
        if let weights {
            guard weights.count == targets.count else {
                throw .raggedColumns("weights have \(weights.count) values, the targets \(targets.count)")
            }
            for (row, weight) in weights.enumerated() where !(weight.isFinite && weight >= 0) {
                throw .invalidWeight(row: row, value: weight)
            }
            guard weights.contains(where: { $0 > 0 }) else { throw .invalidWeight(row: -1, value: 0) }
        }
        self.variables = variables
        self.columns = columns
        self.targets = targets
        self.weights = weights
    }

    /// The values of `variable`, or nil when the data set lacks it.
    public func column(_ variable: Variable) -> [Double]? { columns[variable] }

    /// The point at `row` (0-based), variable by variable.
    public func point(_ row: Int) -> [Variable: Double] {
        Dictionary(uniqueKeysWithValues: variables.map { ($0, columns[$0]![row]) })
    }

    /// The data set restricted to `rows` (0-based, in the order given; repeats allowed).
    public func subset(_ rows: [Int]) throws(FitError) -> Observations {
        for row in rows where !(0..<count).contains(row) {
            throw .invalidOption("row \(row) is outside 0..<\(count)")
        }
        var picked: [Variable: [Double]] = [:]
        for variable in variables { picked[variable] = rows.map { columns[variable]![$0] } }
        return try Observations(picked, targets: rows.map { targets[$0] }, weights: weights.map { w in rows.map { w[$0] } })
    }

    /// The data set without the `count` points of largest target (ties: the earlier row goes first),
    /// e.g. Besiroglu et al.'s exclusion of the 5 highest-loss Chinchilla points.
    public func droppingLargestTargets(_ count: Int) throws(FitError) -> Observations {
        guard count >= 0, count < self.count else {
            throw .invalidOption("cannot drop \(count) of \(self.count) points")
        }
        let order = targets.indices.sorted { targets[$0] != targets[$1] ? targets[$0] > targets[$1] : $0 < $1 }
        let dropped = Set(order.prefix(count))
        return try subset(targets.indices.filter { !dropped.contains($0) })
    }
}
