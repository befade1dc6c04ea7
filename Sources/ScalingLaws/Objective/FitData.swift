/// A data set laid out for the fitting engine: one column per variable of the law (in the law's
/// order), each padded to a multiple of eight points, with `ln` of every strictly positive column
/// computed once here rather than at every evaluation.
@usableFromInline
final class FitData: Sendable {
    /// The number of points.
    @usableFromInline let count: Int
    /// `count` rounded up to a multiple of 8; the padding repeats the last point.
    @usableFromInline let paddedCount: Int
    /// The number of variables (columns).
    @usableFromInline let variableCount: Int
    /// Column-major values: variable `v`'s column starts at `v · paddedCount`.
    @usableFromInline let values: [Double]
    /// `ln` of `values`, meaningful where ``hasLog`` is true for the column.
    @usableFromInline let logs: [Double]
    /// Whether the column's logarithm is cached (every value of the column > 0).
    @usableFromInline let hasLog: [Bool]

    /// Lays out `data`'s columns for `variables`; throws when a variable is missing or its
    /// categories differ from the data's.
    init(variables: [Variable], data: Observations) throws(FitError) {
        let count = data.count
        let padded = (count + 7) / 8 * 8
        var values: [Double] = []
        var logs: [Double] = []
        var hasLog: [Bool] = []
        values.reserveCapacity(padded * variables.count)
        logs.reserveCapacity(padded * variables.count)
        for variable in variables {
            guard let key = data.variables.first(where: { $0 == variable }), let column = data.columns[key] else {
                throw .missingVariable(variable.id)
            }
            if key.categories != variable.categories {
                throw .categoryMismatch(variable: variable.id, law: variable.categories, data: key.categories)
            }
            let positive = column.allSatisfy { $0 > 0 }
            let start = values.count
            for index in 0..<padded { values.append(column[Swift.min(index, count - 1)]) }
            if positive {
                logs += values.withUnsafeBufferPointer { naturalLogarithms(UnsafeBufferPointer(rebasing: $0[start...])) }
            } else {
                logs += repeatElement(0, count: padded)
            }
            hasLog.append(positive)
        }
        self.count = count
        self.paddedCount = padded
        self.variableCount = variables.count
        self.values = values
        self.logs = logs
        self.hasLog = hasLog
    }
}
