/// Measured values of a quantity (a loss, a degradation) at known values of a law's variables,
/// with optional per-point weights.
///
/// Built from columns keyed by ``Variable`` or read from a CSV file (``init(csv:columns:target:weights:)``).
/// Every column has one value per observation; values are finite, in their variable's domain, and
/// the measured values are finite (and positive when fitted in log space).
public struct Observations: Sendable {
    /// The variables, in column order.
    public let variables: [Variable]
    /// One column of values per variable.
    public let columns: [[Double]]
    /// The measured value of each observation.
    public let values: [Double]
    /// The weight of each observation (all 1 unless given).
    public let weights: [Double]

    /// The number of observations.
    public var count: Int { values.count }

    /// Observations from columns keyed by variable, the measured `values`, and optional `weights`.
    ///
    /// - Throws: ``FitError/invalidObservations(_:)`` naming the problem: no observations, columns
    ///   of different lengths, a non-finite value, a value outside its variable's domain, a
    ///   negative or non-finite weight.
    public init(_ columns: [Variable: [Double]], values: [Double], weights: [Double]? = nil) throws(FitError) {
        guard !values.isEmpty else { throw .invalidObservations("there are no observations") }
        let variables = columns.keys.sorted { $0.id < $1.id }
        var ordered: [[Double]] = []
        for variable in variables {
            let column = columns[variable]!
            guard column.count == values.count else {
                throw .invalidObservations("column '\(variable.id)' has \(column.count) values but there are \(values.count) measurements")
            }
            for (row, value) in column.enumerated() {
                do { try variable.check(value) } catch {
                    throw .invalidObservations("observation \(row + 1): \(error.description)")
                }
            }
            ordered.append(column)
        }
        if let row = values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidObservations("observation \(row + 1): the measured value \(values[row]) is not finite")
        }
        if let weights {
            guard weights.count == values.count else {
                throw .invalidObservations("there are \(weights.count) weights for \(values.count) observations")
            }
            if let row = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw .invalidObservations("observation \(row + 1): the weight \(weights[row]) is not finite and ≥ 0")
            }
        }
        self.variables = variables
        self.columns = ordered
        self.values = values
        self.weights = weights ?? [Double](repeating: 1, count: values.count)
    }

    /// The column of `variable`, if the observations have it.
    public func column(_ variable: Variable) -> [Double]? {
        variables.firstIndex(of: variable).map { columns[$0] }
    }

    /// The observations at `rows` (in that order, repeats allowed).
    public func subset(_ rows: [Int]) -> Observations {
        Observations(variables: variables, columns: columns.map { column in rows.map { column[$0] } },
                     values: rows.map { values[$0] }, weights: rows.map { weights[$0] })
    }

    private init(variables: [Variable], columns: [[Double]], values: [Double], weights: [Double]) {
        self.variables = variables
        self.columns = columns
        self.values = values
        self.weights = weights
    }
}
